import type { ConformanceCase } from '../types.js';
import { errorCases } from './errors.js';
import { faultCases } from './faults.js';
import { jsonErrorsCase } from './json-errors.js';
import { loadCases } from './load.js';
import { pkceCases } from './pkce.js';
import { referenceCases } from './reference.js';
import { refreshCases } from './refresh.js';
import { securityCases } from './security.js';
import { swapCases } from './swap.js';

/**
 * Every case, in run order. Ids are stable: a case that changes meaning gets a new id. Faults and
 * load run late so that a server they hurt does not take the plain cases down with it; ERR-015
 * runs last because it judges every error answer of the run.
 *
 * @example
 * ```ts
 * for (const c of CASES) console.log(c.id, c.level, c.title);
 * ```
 */
export const CASES: readonly ConformanceCase[] = Object.freeze([
  ...swapCases,
  ...refreshCases,
  ...pkceCases,
  ...referenceCases,
  ...errorCases,
  ...securityCases,
  ...faultCases,
  ...loadCases,
  // Last: it judges every error answer the run saw.
  jsonErrorsCase,
]);
