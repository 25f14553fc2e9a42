/** A parsed, validated swap request (`POST tokenSwapURL`). */
export interface SwapRequest {
  /** The authorization code from the accounts service. */
  code: string;
  /** PKCE verifier (RFC 7636), forwarded upstream when the app used a code challenge. */
  codeVerifier?: string;
  /** Client id the app names, for servers serving several apps. */
  clientId?: string;
  /** Redirect URI the app used at authorize, for servers with an allowlist. */
  redirectUri?: string;
}

/** A parsed, validated refresh request (`POST tokenRefreshURL`). */
export interface RefreshRequest {
  /** The refresh token the swap returned (sealed, or a legacy format). */
  refreshToken: string;
  /** Client id the app names, for servers serving several apps. */
  clientId?: string;
}

/** The JSON body a swap answers with. `expires_in` is always a number. */
export interface TokenSwapResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** The JSON body a refresh answers with; `refresh_token` only when the token was rotated. */
export interface TokenRefreshResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  refresh_token?: string;
}
