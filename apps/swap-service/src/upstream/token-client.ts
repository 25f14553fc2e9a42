import type { Result, UpstreamRequest } from '@tokenswap/core';
import type { Pool } from 'undici';
import { UndiciPool } from './undici-pool.js';
import { UpstreamCall, type UpstreamResponse } from './upstream-call.js';

export type { UpstreamResponse } from './upstream-call.js';

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
  /** Total budget of one call (waiting for a pooled connection, connect, headers, body), in ms. */
  timeoutMs: number;
  /** Connections per accounts origin; default 32. */
  connections?: number;
  /**
   * Largest answer body read, in bytes (the pool's `maxResponseSize`); a longer one is passed on
   * with its status and headers and an empty body; default 64 KiB.
   */
  maxBodyBytes?: number;
}

/**
 * A token client with one keep-alive undici `Pool` per accounts origin, each call an
 * {@link UpstreamCall} (a dispatch handler with one timer for the whole call). undici's connect,
 * headers and body timeouts end a stalled phase; because those apply per phase (the body's to
 * the gap between chunks), the call's own timer bounds the total — a body dripped a byte at a
 * time included. Nothing is retried: codes are single-use, and a refresh that reached the
 * accounts service may already have rotated the token.
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

  function poolFor(origin: string): Pool {
    let pool = pools.get(origin);
    if (pool === undefined) {
      pool = new UndiciPool(origin, {
        connections: options.connections ?? 32,
        connectTimeout: options.timeoutMs,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        keepAliveTimeout: 4_000,
        maxResponseSize: options.maxBodyBytes ?? 64 * 1024,
      });
      pools.set(origin, pool);
    }
    return pool;
  }

  function send(request: UpstreamRequest): Promise<Result<UpstreamResponse>> {
    const url = new URL(request.url);
    return new Promise((resolve) => {
      const call = new UpstreamCall(resolve, options.timeoutMs);
      poolFor(url.origin).dispatch(
        {
          method: request.method,
          path: `${url.pathname}${url.search}`,
          headers: request.headers,
          body: request.body,
        },
        call,
      );
    });
  }

  async function close(): Promise<void> {
    const closing = [...pools.values()].map((pool) => pool.close());
    pools.clear();
    await Promise.allSettled(closing);
  }

  return { send, close };
}
