// The engine's public surface: load a model from its manifest and ask it questions (runtime injected by the caller).
export { loadEngine } from './engine';
export { probeBackend, type BackendProbe } from './probe';
export { EngineError, ENGINE_ERROR_NAMES, type EngineErrorName } from './errors';
export type {
  AskRequest, Backend, Engine, EngineRuntime, FindingProbability, FloatSession, LoadOptions, LoadProgress, ReadFileOptions, RecordingInput,
} from './types';
