import { ERROR_CODES } from '@tokenswap/core';
import { type RequestSpec, ROUTES } from './arbitraries.js';
import type { SecretScanner } from './leaks.js';
import type { MaterializedRequest } from './materialize.js';

/** What came back for one fuzzed request. */
export type Outcome =
  | {
      kind: 'answer';
      status: number;
      headers: Record<string, string | string[] | undefined>;
      text: string;
    }
  | { kind: 'error'; error: Error & { code?: string } };

/** The verdict on one request. */
export interface Verdict {
  /** The client library refused to send it (not the service's doing); not counted. */
  notSent: boolean;
  fiveXx: boolean;
  unmappedFiveXx: boolean;
  leaks: string[];
  /** Why the properties fail for this request, if they do. */
  problems: string[];
}

const MAPPED_5XX = new Set([502, 504]);
const MAPPED_5XX_CODES = new Set(['server_error', 'temporarily_unavailable']);

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Why an error answer is not the contract's: the body must be exactly
 * `{ error, error_description }` (a known code, a string description) in JSON, with
 * `Cache-Control: no-store`. Fastify's own shape (`{error, message, statusCode}`), text bodies
 * and cacheable errors all fail. Empty when the answer is right.
 */
export function errorShapeProblems(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  options: { head?: boolean } = {},
): string[] {
  const problems: string[] = [];
  const cacheControl = String(headers['cache-control'] ?? '');
  if (cacheControl !== 'no-store') problems.push(`${status} with Cache-Control "${cacheControl}"`);
  if (options.head === true) return problems;
  const type = String(headers['content-type'] ?? '');
  const body = json(text) as Record<string, unknown> | undefined;
  const keys = body === undefined || body === null ? [] : Object.keys(body).sort();
  if (
    !type.startsWith('application/json') ||
    keys.join(',') !== 'error,error_description' ||
    !(ERROR_CODES as readonly unknown[]).includes(body?.error) ||
    typeof body?.error_description !== 'string'
  ) {
    problems.push(
      `${status} is not {error, error_description} JSON (${type}): ${text.slice(0, 300)}`,
    );
  }
  return problems;
}

/**
 * The per-request properties: an answer (not a dropped connection); no 5xx except the mapped
 * upstream ones (502/504 with `server_error`/`temporarily_unavailable`, checked against the
 * journal per batch by the caller); every non-2xx is exactly `{error, error_description}` JSON
 * with `Cache-Control: no-store` (see {@link errorShapeProblems}); a 2xx is a
 * token answer whose refresh token is sealed; no secret or upstream token in the body.
 */
export function checkAnswer(
  spec: RequestSpec,
  sent: MaterializedRequest,
  outcome: Outcome,
  scanner: SecretScanner,
): Verdict {
  const verdict: Verdict = {
    notSent: false,
    fiveXx: false,
    unmappedFiveXx: false,
    leaks: [],
    problems: [],
  };
  if (outcome.kind === 'error') {
    if (
      outcome.error.code === 'UND_ERR_INVALID_ARG' ||
      outcome.error.code === 'UND_ERR_NOT_SUPPORTED'
    ) {
      verdict.notSent = true;
    } else {
      verdict.problems.push(`no answer: ${outcome.error.code ?? ''} ${outcome.error.message}`);
    }
    return verdict;
  }
  const { status, headers, text } = outcome;
  const body = json(text) as Record<string, unknown> | undefined;
  const error = typeof body?.error === 'string' ? body.error : undefined;
  if (status >= 500) {
    verdict.fiveXx = true;
    if (!MAPPED_5XX.has(status) || error === undefined || !MAPPED_5XX_CODES.has(error)) {
      verdict.unmappedFiveXx = true;
      verdict.problems.push(`unmapped ${status}: ${text.slice(0, 300)}`);
    }
  }
  const isHead = spec.method === 'HEAD';
  if (status < 200 || status >= 300) {
    verdict.problems.push(...errorShapeProblems(status, headers, text, { head: isHead }));
  }
  // The routes ignore a trailing slash.
  const pathOnly = sent.path.replace(/[?#].*$/, '').replace(/(.)\/$/, '$1');
  if (
    status >= 200 &&
    status < 300 &&
    (ROUTES as readonly string[]).includes(pathOnly) &&
    !isHead
  ) {
    if (typeof body?.access_token !== 'string') {
      verdict.problems.push(
        `2xx ${status} on ${pathOnly} without an access_token: ${text.slice(0, 300)}`,
      );
    }
    if (
      body?.refresh_token !== undefined &&
      !/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(String(body.refresh_token))
    ) {
      verdict.problems.push(`2xx refresh_token is not sealed`);
    }
  }
  verdict.leaks = scanner.scan(text);
  for (const code of sent.codes) if (text.includes(code)) verdict.leaks.push('the posted code');
  if (verdict.leaks.length > 0) verdict.problems.push(`leaked ${verdict.leaks.join(', ')}`);
  return verdict;
}
