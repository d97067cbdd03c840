// The engine's public surface: load a model from its manifest, assess recordings and ask about them (runtime injected
// by the caller).
export { loadEngine } from './engine';
export { probeBackend, type BackendProbe } from './probe';
export { EngineError, ENGINE_ERROR_NAMES, type EngineErrorName } from './errors';
export type {
  AskRequest,
  Backend,
  DomainDecision,
  Engine,
  EngineRuntime,
  FindingProbability,
  FloatSession,
  LoadOptions,
  LoadProgress,
  ReadFileOptions,
  RecordingAssessment,
  RecordingInput,
  Uncertainty,
  UncertaintyReason,
  WindowScores,
} from './types';
