// The clinical knowledge base: findings, diagnoses, sites, their sources, and the diagnosis ranking built on them.
export * from './sources';
export * from './findings';
export * from './diagnoses';
export * from './sites';
export * from './rank';
