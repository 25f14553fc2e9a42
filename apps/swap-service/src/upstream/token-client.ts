import {
  fail,
  ok,
  type Result,
  type UpstreamRequest,
  upstreamTimeoutError,
  upstreamUnreachableError,
} from '@tokenswap/core';
import { Pool } from 'undici';

/** What the accounts service answered, before core interprets it. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
}

/**
 * Sends core's `UpstreamRequest`s to the accounts service. Failing to get an answer is a value:
 * 504 `temporarily_unavailable` when the time budget ran out, 502 when the service could not be
 * reached (refused, reset, DNS). Any answer, 500s included, is `ok` — interpreting it is core's job.
 */
export interface TokenClient {
  send(request: UpstreamRequest): Promise<Result<UpstreamResponse>>;
  /** Closes the connection pools once in-flight calls are done. */
  close(): Promise<void>;
}

/** Options of {@link createTokenClient}. */
export interface TokenClientOptions {
  /** Total budget of one call (connect + headers + body), in ms. */
  timeoutMs: number;
  /** Connections per accounts origin; default 32. */
  connections?: number;
  /** Largest answer read, in bytes; longer ones are cut (and then fail to parse); default 64 KiB. */
  maxBodyBytes?: number;
}

/**
 * A token client with one keep-alive undici `Pool` per accounts origin. Each call is bounded by
 * undici's connect/headers/body timeouts and, because those apply per phase, by one total timer
 * that aborts the request. Nothing is retried: codes are single-use, and a refresh that reached
 * the accounts service may already have rotated the token.
 *
 * @example
 * ```ts
 * const client = createTokenClient({ timeoutMs: 10_000 });
 * const answer = await client.send(buildRefreshTokenRequest({ accountsUrl, client, refreshToken }));
 * if (answer.ok) interpretTokenResponse(answer.value.status, answer.value.headers, answer.value.bodyText);
 * await client.close();
 * ```
 */
export function createTokenClient(options: TokenClientOptions): TokenClient {
  const pools = new Map<string, Pool>();
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;

  function poolFor(origin: string): Pool {
    let pool = pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: options.connections ?? 32,
        connectTimeout: options.timeoutMs,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        keepAliveTimeout: 4_000,
      });
      pools.set(origin, pool);
    }
    return pool;
  }

  async function send(request: UpstreamRequest): Promise<Result<UpstreamResponse>> {
    const url = new URL(request.url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await poolFor(url.origin).request({
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      });
      const bodyText = await readText(response.body, maxBodyBytes);
      return ok({ status: response.statusCode, headers: response.headers, bodyText });
    } catch (cause) {
      return fail(
        controller.signal.aborted || isTimeout(cause)
          ? upstreamTimeoutError({ cause })
          : upstreamUnreachableError({ cause }),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async function close(): Promise<void> {
    const closing = [...pools.values()].map((pool) => pool.close());
    pools.clear();
    await Promise.allSettled(closing);
  }

  return { send, close };
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TIMEOUT_CODES.has(code);
}

/** Reads at most `maxBytes` of the body, then stops (the truncated text fails to parse). */
async function readText(
  body: AsyncIterable<Uint8Array> & { destroy(): unknown },
  maxBytes: number,
) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(Buffer.from(chunk));
    size += chunk.byteLength;
    if (size > maxBytes) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}
