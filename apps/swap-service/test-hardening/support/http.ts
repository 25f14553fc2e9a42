import { jsonOrUndefined } from '@tokenswap/test-support';
import { Pool } from 'undici';

/** An answer as the suite inspects it. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  ms: number;
}

/** A keep-alive pool to one origin; `connections` bounds the concurrency. */
export function keepAlivePool(origin: string, connections: number): Pool {
  return new Pool(origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
}

/** POSTs a form (properly encoded) and reads the whole answer. */
export async function postForm(
  pool: Pool,
  path: string,
  fields: Record<string, string>,
): Promise<Answer> {
  const started = performance.now();
  const response = await pool.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    ms: performance.now() - started,
  };
}

/** The `error` field of an error body, or `undefined`. */
export function errorCodeOf(text: string): string | undefined {
  const body = jsonOrUndefined(text) as { error?: unknown } | undefined;
  return typeof body?.error === 'string' ? body.error : undefined;
}

/**
 * Runs `total` jobs with at most `concurrency` at once, in index order. Resolves when all
 * are done; a job that throws is reported by `run`'s caller (the job should catch).
 */
export async function runPool(
  total: number,
  concurrency: number,
  job: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next;
      next += 1;
      await job(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
