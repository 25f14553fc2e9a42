import { type ControlledClock, createMockClock } from '../clock.js';
import type { MockClient, MockConfig, MockUser } from '../config.js';
import { MockAccountsError } from '../errors.js';
import { createFaultRegistry, type FaultRegistry } from '../faults.js';
import { createJournal, type Journal } from '../journal.js';
import { unknownScopes } from '../scopes.js';
import { type CodeRecord, createCodeStore } from './codes.js';
import { createConsentStore } from './consents.js';
import { randomToken } from './random-token.js';
import { createAccessTokenStore, createRefreshTokenStore } from './tokens.js';

/** What to mint a code for; every field defaults (first client, first user, no scopes, …). */
export interface MintCodeParams {
  clientId?: string;
  userId?: string;
  scopes?: string[];
  /** Must be one of the client's registered URIs; default its first. */
  redirectUri?: string;
  /** S256 code challenge (base64url of SHA-256 of the verifier). */
  codeChallenge?: string;
  /**
   * Rotation for this grant alone, whatever the `rotation` mode: `true` rotates its refresh token
   * on every refresh (a plain code too), `false` never. Omitted: the mode decides.
   */
  rotate?: boolean;
}

/** Sizes of the stores, to check they stay bounded. */
export interface MockStats {
  codes: number;
  accessTokens: number;
  refreshTokens: number;
  consents: number;
  journal: number;
}

const CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;

/** Everything the mock remembers, plus the operations shared by routes and the library. */
export function createMockState(config: MockConfig) {
  const clock: ControlledClock = createMockClock({
    ...(config.startTime === undefined ? {} : { startTime: config.startTime }),
    frozen: config.freezeClock,
  });
  const max = config.maxStoreEntries;
  const codes = createCodeStore({ max, ttlSeconds: config.codeTtlSeconds });
  const accessTokens = createAccessTokenStore({ max, ttlSeconds: config.accessTokenTtlSeconds });
  const refreshTokens = createRefreshTokenStore({ max });
  const consents = createConsentStore({ max });
  const faults: FaultRegistry = createFaultRegistry();
  const journal: Journal = createJournal(config.maxJournalEntries);
  const clients = new Map(config.clients.map((c) => [c.id, c]));
  const users = new Map(config.users.map((u) => [u.id, u]));

  const sweep = (): void => {
    const now = clock.now();
    codes.sweep(now);
    accessTokens.sweep(now);
    refreshTokens.sweep(now);
    consents.sweep(now);
  };
  clock.onJump(sweep);

  const bad = (message: string) => new MockAccountsError('invalid_request', message);

  /** Stores a code as if the user had approved the consent page just now. */
  const storeCode = (record: Omit<CodeRecord, 'authorizedAt' | 'expiresAt'>): string => {
    const now = clock.now();
    const code = randomToken('AQ', 96, config.randomBytes);
    codes.set(code, {
      ...record,
      authorizedAt: now,
      expiresAt: now + config.codeTtlSeconds * 1000,
    });
    return code;
  };

  return {
    config,
    clock,
    codes,
    accessTokens,
    refreshTokens,
    consents,
    faults,
    journal,
    sweep,
    storeCode,
    findClient: (id: string | undefined): Readonly<MockClient> | undefined =>
      id === undefined ? undefined : clients.get(id),
    findUser: (id: string | undefined): Readonly<MockUser> | undefined =>
      id === undefined ? undefined : users.get(id),

    /**
     * Mints an authorization code without the browser.
     * @throws {MockAccountsError} for an unknown client/user/scope or unregistered redirect URI.
     */
    mintCode(p: MintCodeParams = {}): string {
      const client = p.clientId === undefined ? config.clients[0] : clients.get(p.clientId);
      if (!client) throw bad(`unknown clientId '${p.clientId}'`);
      const user = p.userId === undefined ? config.users[0] : users.get(p.userId);
      if (!user) throw bad(`unknown userId '${p.userId}'`);
      const redirectUri = p.redirectUri ?? client.redirectUris[0];
      if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
        throw bad(`redirectUri is not registered for client '${client.id}'`);
      }
      const scopes = p.scopes ?? [];
      if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) {
        throw bad('scopes must be an array of strings');
      }
      const unknown = unknownScopes(scopes);
      if (unknown.length > 0) throw bad(`unknown scopes: ${unknown.join(' ')}`);
      if (p.codeChallenge !== undefined && !CHALLENGE.test(p.codeChallenge)) {
        throw bad('codeChallenge must be 43 to 128 base64url characters');
      }
      if (p.rotate !== undefined && typeof p.rotate !== 'boolean') {
        throw bad('rotate must be true or false');
      }
      return storeCode({
        clientId: client.id,
        userId: user.id,
        scopes: [...new Set(scopes)],
        redirectUri,
        ...(p.codeChallenge === undefined ? {} : { codeChallenge: p.codeChallenge }),
        ...(p.rotate === undefined ? {} : { rotate: p.rotate }),
      });
    },

    /** True while the code is known and not yet exchanged (expired codes count as used up: false). */
    isUnusedCode(code: string): boolean {
      const now = clock.now();
      const record = codes.get(code, now);
      return record !== undefined && now < record.expiresAt;
    },

    /** Revokes a refresh token; false if the mock does not know it (or it was purged). */
    revokeRefreshToken(token: string): boolean {
      const record = refreshTokens.get(token, clock.now());
      if (!record) return false;
      record.revoked = true;
      return true;
    },

    /** True if the mock issued this refresh token and still remembers it (any state). */
    isIssuedRefreshToken(token: string): boolean {
      return refreshTokens.get(token, clock.now()) !== undefined;
    },

    stats(): MockStats {
      return {
        codes: codes.size,
        accessTokens: accessTokens.size,
        refreshTokens: refreshTokens.size,
        consents: consents.size,
        journal: journal.entries().length,
      };
    },

    /** Forgets every code, token, consent, fault and journal entry; the clock restarts. */
    reset(): void {
      codes.clear();
      accessTokens.clear();
      refreshTokens.clear();
      consents.clear();
      faults.clear();
      journal.clear();
      clock.set(config.startTime ?? Date.now());
    },
  };
}

/** The mock's state and operations; see {@link createMockState}. */
export type MockState = ReturnType<typeof createMockState>;
