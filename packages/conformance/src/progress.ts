import type { CaseResult, ConformanceCase } from './types.js';

/** What `runConformance` reports while it runs (the CLI prints these to stderr). */
export type ProgressEvent =
  | { type: 'setup'; message: string }
  | { type: 'case-start'; case: ConformanceCase }
  | { type: 'case-end'; result: CaseResult };
