import type { Keyring } from '../seal/keyring.js';
import type { HeadersInput } from '../upstream/types.js';

/**
 * What the accounts service answered, as much of a `fetch` `Response` as the flows read. A real
 * `Response` fits.
 */
export interface UpstreamAnswer {
  readonly status: number;
  readonly headers: HeadersInput;
  text(): Promise<string>;
}

/** The request the flows hand to {@link UpstreamSend}; a `RequestInit` `fetch` accepts. */
export interface UpstreamInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** Set when the flow has a time budget (`timeoutMs`): aborting it is a timeout. */
  signal?: AbortSignal;
}

/**
 * Sends one request to the accounts service: `fetch` itself, or any function shaped like it
 * (the swap service passes its undici pool). Throwing is "no answer": a `TokenSwapError` is
 * answered as is, a `TimeoutError` (or an aborted `signal`) as 504, anything else as 502
 * `temporarily_unavailable`. Every answer, 5xx included, is returned, never thrown.
 */
export type UpstreamSend = (url: string, init: UpstreamInit) => Promise<UpstreamAnswer>;

/** One app a swap server serves: its credentials and the redirect URIs it may name. */
export interface FlowClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** At least one; the first is sent when a swap names none. */
  readonly redirectUris: readonly string[];
  /** Refuse a swap without `code_verifier` (400) before calling the accounts service. */
  readonly pkceOnly?: boolean;
}

/**
 * What the swap and refresh flows need, injected: nothing is read from the environment and no
 * global `fetch` or clock is used.
 */
export interface FlowDeps<C extends FlowClient = FlowClient> {
  /** Origin of the accounts service, e.g. `https://accounts.spotify.com`. */
  readonly accountsUrl: string;
  /** The apps served, at least one; see {@link selectClient}. */
  readonly clients: readonly C[];
  /** Opens with every key, seals with the first (`importKeyring`). */
  readonly keyring: Keyring;
  readonly send: UpstreamSend;
  /** Clock, ms since epoch, for HTTP-date `Retry-After` values. Default `Date.now`. */
  readonly now?: () => number;
  /** Total budget of one upstream call (`AbortSignal.timeout`); none when the `send` has its own. */
  readonly timeoutMs?: number;
}
