import {
  fail,
  ok,
  type Result,
  upstreamTimeoutError,
  upstreamUnreachableError,
} from '@tokenswap/core';
import type { Dispatcher } from 'undici';

/** What the accounts service answered, before core interprets it. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
}

/** The reason a call is aborted with when its time budget ran out. */
class BudgetExceeded extends Error {
  override readonly name = 'BudgetExceeded';
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * One call to the accounts service, as an undici dispatch handler: it keeps the status and
 * headers, gathers the body's chunks (one, for a token answer) and settles once. Reading through
 * `dispatch` skips `request()`'s stream and promise layers, half the client's CPU per call
 * (`bench/upstream-client.ts`).
 *
 * - The pool's `maxResponseSize` cuts a longer body: the answer is passed on with its status and
 *   headers and an empty body, so core answers by status as for any body it cannot read (5xx →
 *   502 `temporarily_unavailable`, 429 → 429 with `Retry-After`, others → 502 `server_error`).
 * - One timer bounds the whole call, from the moment it is queued in the pool to the body's last
 *   byte: undici's headers and body timeouts apply per phase, the body's to the gap between
 *   chunks, so a body dripped under it would outlast the budget. When it fires the call settles with
 *   504 at once and is aborted now or, while it still waits for a pooled connection, as soon as
 *   it gets one. (Measured: a timer costs ~0.1–0.4 µs; the `AbortController` the client had
 *   beside it cost 3–5 µs, and is gone — undici's dispatch controller aborts.)
 */
export class UpstreamCall implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | undefined;
  #status = 0;
  #headers: UpstreamResponse['headers'] = {};
  #chunks: Buffer[] = [];
  #settled = false;
  readonly #settle: (answer: Result<UpstreamResponse>) => void;
  readonly #timer: ReturnType<typeof setTimeout>;

  /** `settle` gets the one answer, within `timeoutMs` of now. */
  constructor(settle: (answer: Result<UpstreamResponse>) => void, timeoutMs: number) {
    this.#settle = settle;
    this.#timer = setTimeout(() => this.#expire(), timeoutMs);
  }

  #expire(): void {
    const reason = new BudgetExceeded('time budget ran out');
    this.#finish(fail(upstreamTimeoutError({ cause: reason })));
    this.#controller?.abort(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#settled) controller.abort(new BudgetExceeded('time budget ran out'));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: UpstreamResponse['headers'],
  ): void {
    this.#status = statusCode;
    this.#headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    const chunks = this.#chunks;
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    this.#finish(
      ok({ status: this.#status, headers: this.#headers, bodyText: body?.toString('utf8') ?? '' }),
    );
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if ((error as { code?: unknown }).code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
      this.#finish(ok({ status: this.#status, headers: this.#headers, bodyText: '' }));
      return;
    }
    const timedOut =
      error instanceof BudgetExceeded ||
      TIMEOUT_CODES.has(String((error as { code?: unknown }).code));
    this.#finish(
      fail(
        timedOut
          ? upstreamTimeoutError({ cause: error })
          : upstreamUnreachableError({ cause: error }),
      ),
    );
  }

  #finish(answer: Result<UpstreamResponse>): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#chunks = [];
    clearTimeout(this.#timer);
    this.#settle(answer);
  }
}
