/** The swap server's own credentials at the accounts service. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** A ready-to-send HTTP request; pass it to any `fetch`. */
export interface UpstreamRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Validated tokens from the accounts service (camelCase; `expiresIn` always a number). */
export interface TokenSet {
  accessToken: string;
  tokenType: string;
  /** Seconds. */
  expiresIn: number;
  /** Space-separated scopes; `''` when none. */
  scope: string;
  /** Present when the accounts service issued (or rotated) a refresh token. */
  refreshToken?: string;
}

/** Headers as `fetch` returns them, or as a plain object (any case; repeated as arrays). */
export type HeadersInput = Headers | Record<string, string | string[] | undefined>;
