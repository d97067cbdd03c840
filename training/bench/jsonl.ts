// Moved to training/auscultbench/jsonl.ts; this re-export only keeps training/train and training/eval building until
// their imports are pointed there (then delete this folder).
export * from '../auscultbench/jsonl';
