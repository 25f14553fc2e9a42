/**
 * The results JSON's identity: `schema` names it, `version` says which fields it may hold, so
 * --compare knows what it reads. Version 1 (no `schema` field: files written before issue 18)
 * has merged rows only; version 2 adds each row's `rounds`, the goals' per-round ratios and the
 * swap service's launch entry.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';

export const RESULTS_SCHEMA = 'tokenswap-bench-results';
export const RESULTS_VERSION = 2;

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The version of a parsed results JSON, or an error message saying why it is not one.
 * @param {unknown} json
 * @returns {{ version: number } | { error: string }}
 */
export function resultsVersion(json) {
  if (!isObject(json)) return { error: 'not a JSON object' };
  if (json.schema !== undefined) {
    if (json.schema !== RESULTS_SCHEMA) {
      return { error: `its schema is "${json.schema}", not "${RESULTS_SCHEMA}"` };
    }
    if (!Number.isInteger(json.version) || json.version < 1) {
      return { error: `its version ${JSON.stringify(json.version)} is not a whole number >= 1` };
    }
    if (!isObject(json.machine)) return { error: 'it has no "machine" object' };
    return { version: json.version };
  }
  // Version 1 carried no schema field: recognise it by its shape.
  const missing = ['machine', 'options', 'http'].filter((key) => !isObject(json[key]));
  if (missing.length > 0) {
    return { error: `it has no schema field and no ${missing.map((k) => `"${k}"`).join(', ')}` };
  }
  return { version: 1 };
}

/**
 * Reads an earlier results JSON for --compare; throws with a message naming the file and what is
 * wrong (missing, not JSON, not a bench result).
 * @param {string} path
 */
export function readBenchResults(path) {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new Error(`--compare: ${path} does not exist or is not a file`);
  }
  let json;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--compare: ${path} is not JSON (${error.message})`);
  }
  const checked = resultsVersion(json);
  if ('error' in checked) {
    throw new Error(`--compare: ${path} is not a bench results file: ${checked.error}`);
  }
  return { ...json, version: checked.version };
}
