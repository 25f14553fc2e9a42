import { createHash } from 'node:crypto';
import type { JournalEntry, MockAccounts } from '@tokenswap/mock-accounts';
import type { Agent } from 'undici';
import { expectTokenAnswer, fail, type TokenAnswer } from './checks.js';
import { formPost, type HttpExchange, type HttpRequestSpec, send } from './http.js';
import type { Masker } from './internal/mask.js';
import { randomBytes } from './internal/random.js';
import type { ResolvedOptions } from './resolve-options.js';

/** The client the implementation is configured with, registered in the mock for the run. */
export interface ClientUnderTest {
  id: string;
  secret: string;
  redirectUri: string;
}

/** A second deployment, for SEC-005: its refresh URL, and its swap URL when known. */
export interface SecondDeployment {
  refreshUrl: string;
  swapUrl: string | undefined;
}

/** Scopes requested for every code: what the demo app asks for. */
export const SCOPES = ['user-read-private', 'user-read-email'];

/** Code lifetime the suite configures in the mock (the expired-code case jumps past it). */
export const CODE_TTL_SECONDS = 600;

/**
 * What a case gets: the mock, the implementation's URLs and helpers for the usual moves.
 * Every exchange with the implementation goes through `send` and is kept in `exchanges`, so the
 * security cases can scan everything the server ever answered during the run.
 *
 * @example
 * ```ts
 * const myCase: ConformanceCase = {
 *   id: 'X-001', title: 'swaps', level: 'MUST', basis: '…',
 *   async run(ctx) {
 *     expectTokenAnswer(await ctx.swap(await ctx.authorizeCode()), { requireRefreshToken: true });
 *   },
 * };
 * ```
 */
export class CaseContext {
  readonly exchanges: HttpExchange[] = [];

  constructor(
    readonly options: ResolvedOptions,
    readonly mock: MockAccounts,
    readonly swapUrl: string,
    readonly refreshUrl: string,
    readonly client: ClientUnderTest,
    /** Undefined when there is none; `secondMissingReason` says why. */
    readonly second: SecondDeployment | undefined,
    readonly secondMissingReason: string,
    readonly masker: Masker,
    private readonly dispatcher: Agent,
    /** The implementation's revoke URL (`--revoke-url`), placeholders filled; REF-002 needs it. */
    readonly revokeUrl: string | undefined = undefined,
  ) {}

  /** Per-request time limit: the stated bound plus a second of grace for the network. */
  get requestTimeoutMs(): number {
    return this.options.timeoutBoundMs + 1_000;
  }

  /** Sends a request to the implementation (recorded for the security scans). */
  async send(spec: HttpRequestSpec, timeoutMs = this.requestTimeoutMs): Promise<HttpExchange> {
    const exchange = await send(spec, { dispatcher: this.dispatcher, timeoutMs });
    this.exchanges.push(exchange);
    this.rememberTokens(exchange);
    return exchange;
  }

  /** `POST code=…` (plus any extra fields) to the swap URL. */
  swap(
    code: string,
    extra: Record<string, string> = {},
    url = this.swapUrl,
  ): Promise<HttpExchange> {
    return this.send(formPost(url, { code, ...extra }));
  }

  /** `POST refresh_token=…` to the revoke URL (RFC 7009's form). Call only when `revokeUrl` is set. */
  revoke(refreshToken: string, url = this.revokeUrl ?? ''): Promise<HttpExchange> {
    return this.send(formPost(url, { refresh_token: refreshToken }));
  }

  /** `POST refresh_token=…` to the refresh URL. */
  refresh(refreshToken: string, url = this.refreshUrl): Promise<HttpExchange> {
    return this.send(formPost(url, { refresh_token: refreshToken }));
  }

  /**
   * A fresh code through the mock's real `/authorize` (auto-approved): the redirect is not
   * followed, the code is read from its `Location`.
   */
  async authorizeCode(): Promise<string> {
    const url = new URL('/authorize', this.mock.url);
    url.search = new URLSearchParams({
      client_id: this.client.id,
      response_type: 'code',
      redirect_uri: this.client.redirectUri,
      scope: SCOPES.join(' '),
      state: randomBytes(8).toString('hex'),
    }).toString();
    const exchange = await send(
      { method: 'GET', url: url.toString() },
      { dispatcher: this.dispatcher, timeoutMs: 10_000 },
    );
    const location = exchange.response?.headers.location;
    const code = location ? new URL(location, this.mock.url).searchParams.get('code') : null;
    if (!code)
      fail(
        `the mock's /authorize gave no code (setup problem): ${exchange.response?.status ?? exchange.error}`,
      );
    this.masker.remember(code);
    return code;
  }

  /**
   * A plain (secret-based, no PKCE) code whose grant the mock rotates on every refresh, as
   * Spotify may do for any grant: the rotation cases reach servers that cannot do PKCE.
   */
  rotatingCode(): string {
    return this.mint({ rotate: true });
  }

  /** A code issued with an S256 `code_challenge`, and the verifier that redeems it. */
  pkceCode(): { code: string; verifier: string } {
    const verifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = this.mint({ codeChallenge: challenge });
    this.masker.remember(verifier);
    return { code, verifier };
  }

  /** A code that has expired: minted, then the mock's clock moved past its lifetime. */
  expiredCode(): string {
    const code = this.mint({});
    this.mock.clock.advance(CODE_TTL_SECONDS + 60);
    return code;
  }

  /** Authorize (or the code given) + swap, requiring success; the tokens a later step builds on. */
  async swapTokens(
    url = this.swapUrl,
    code?: string,
  ): Promise<TokenAnswer & { refreshToken: string }> {
    const exchange = await this.swap(code ?? (await this.authorizeCode()), {}, url);
    const answer = expectTokenAnswer(exchange, { requireRefreshToken: true });
    return { ...answer, refreshToken: answer.refreshToken as string };
  }

  /** True when the mock's Web API accepts the access token (`GET /v1/me` answers 200). */
  async accessTokenWorks(accessToken: string): Promise<boolean> {
    const exchange = await send(
      {
        method: 'GET',
        url: new URL('/v1/me', this.mock.url).toString(),
        headers: { authorization: `Bearer ${accessToken}` },
      },
      { dispatcher: this.dispatcher, timeoutMs: 10_000 },
    );
    return exchange.response?.status === 200;
  }

  /**
   * Starts reading the journal afresh, so a case sees only what the implementation sent upstream
   * from here on. (Clearing beats remembering a position: the mock trims a long journal.)
   */
  journalMark(): void {
    this.mock.journal.clear();
  }

  /**
   * True when the implementation called upstream since `journalMark()` — or took the fault that
   * was injected (a stalled request is journaled only when it ends, but its fault is taken at once).
   */
  reachedUpstream(faultInjected = false): boolean {
    return (faultInjected && this.mock.faults.pending() === 0) || this.tokenRequests().length > 0;
  }

  /** `/api/token` requests the implementation made since `journalMark()`. */
  tokenRequests(): JournalEntry[] {
    return this.mock.journal.entries().filter((e) => e.path === '/api/token');
  }

  /** A code minted straight in the mock for the client under test (masked in reports). */
  private mint(extra: { codeChallenge?: string; rotate?: boolean }): string {
    const code = this.mock.mintCode({
      clientId: this.client.id,
      redirectUri: this.client.redirectUri,
      scopes: SCOPES,
      ...extra,
    });
    this.masker.remember(code);
    return code;
  }

  private rememberTokens(exchange: HttpExchange): void {
    const json = exchange.response?.json;
    if (typeof json !== 'object' || json === null) return;
    for (const key of ['access_token', 'refresh_token'] as const) {
      const value = (json as Record<string, unknown>)[key];
      if (typeof value === 'string') this.masker.remember(value);
    }
  }
}
