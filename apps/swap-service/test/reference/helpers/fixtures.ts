import { fail, ok, type Result, type TokenSet, TokenSwapError } from '@tokenswap/core';

/**
 * Stands in for Spotify's token endpoint at the level `ReferenceTokens` sees it (a function from
 * refresh token to `Result<TokenSet>`), with PKCE-style rotation: every refresh revokes the token
 * used and issues a new one; reusing a revoked token answers invalid_grant "Refresh token
 * revoked", as Spotify does. The end-to-end tests use the real mock accounts service instead.
 */
export class RotatingUpstream {
  calls = 0;
  #serial = 0;
  readonly #valid = new Set<string>();
  readonly #revoked = new Set<string>();
  /** Milliseconds each call takes (to widen races on purpose). */
  delayMs = 0;
  /** Whether refreshes rotate (`false`: Spotify's answer without refresh_token). */
  rotate = true;

  /** A refresh token as if from a code exchange. */
  issue(): string {
    this.#serial += 1;
    const token = `AQ-refresh-${this.#serial}`;
    this.#valid.add(token);
    return token;
  }

  /** Revokes `token` upstream (the user removed the app in their account). */
  revoke(token: string): void {
    this.#valid.delete(token);
    this.#revoked.add(token);
  }

  /** The token currently valid (there is one per user here). */
  get validTokens(): string[] {
    return [...this.#valid];
  }

  readonly refresh = async (refreshToken: string): Promise<Result<TokenSet>> => {
    this.calls += 1;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.#revoked.has(refreshToken)) {
      return fail(new TokenSwapError('invalid_grant', 'Refresh token revoked'));
    }
    if (!this.#valid.has(refreshToken)) {
      return fail(new TokenSwapError('invalid_grant', 'Invalid refresh token'));
    }
    const tokens: TokenSet = {
      accessToken: `BQ-access-${this.calls}`,
      tokenType: 'Bearer',
      expiresIn: 3600,
      scope: 'user-read-private',
    };
    if (!this.rotate) return ok(tokens);
    this.#valid.delete(refreshToken);
    this.#revoked.add(refreshToken);
    return ok({ ...tokens, refreshToken: this.issue() });
  };
}
