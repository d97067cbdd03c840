// The seven tasks: prompt format, registry, rendering, parsing and scoring (see the files for details).
export * from './types';
export * from './prompt';
export * from './registry';
export * from './parse';
export * from './score';
export * from './metrics';
export * from './rouge';
export * from './truth';
export { whichAbnormalOf } from './render-multi';
export { declineAnswer, uncertainAnswer } from './render';
