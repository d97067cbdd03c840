// Moved to training/auscultbench/build.ts; this re-export only keeps training/eval building until its imports are
// pointed there (then delete this folder).
export * from '../auscultbench/build';
