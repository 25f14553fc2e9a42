/** The lines of the contract (Spotify's "Token Swap and Refresh" page, seed 001) and RFCs cited. */
export const BASIS = {
  swapBody:
    'Contract, tokenSwapURL: "Expected Response Body Parameters … access_token, expires_in, refresh_token" and "Parameters must be JSON encoded."',
  swapHeaders: 'Contract, tokenSwapURL: "Expected Response Headers: Content-Type application/json"',
  swapAccessToken:
    'Contract, tokenSwapURL: access_token is the "Access token received from Spotify account service."',
  swapRefreshToken:
    'Contract, tokenSwapURL: refresh_token "should not return the actual refresh token but a reference to the token or an encrypted version of the token."',
  codeUpstream:
    'RFC 6749 §4.1.3: redirect_uri "REQUIRED, if the redirect_uri parameter was included in the authorization request … their values MUST be identical."',
  clientAuth:
    'RFC 6749 §4.1.3 / §2.3.1: a confidential client MUST authenticate with the token endpoint (Basic or body).',
  expiresNumber:
    'RFC 6749 §5.1: expires_in is a number; the SDK wrappers reject a string ("expires_in must be a JSON number").',
  refreshBody:
    'Contract, tokenRefreshURL: "Expected Response Body Parameters … access_token, expires_in", Content-Type application/json.',
  refreshUpstream:
    'RFC 6749 §6: the refresh request uses grant_type=refresh_token with client authentication.',
  rotation:
    'RFC 6749 §6: "The authorization server MAY issue a new refresh token, in which case the client MUST discard the old refresh token"; Spotify may do so on any refresh (seed 000: "A new refresh token might be returned too"), for PKCE grants always.',
  pkce: 'RFC 7636 §4.5: the client sends code_verifier with the code; Spotify requires it for codes issued with a code_challenge.',
  badRequest:
    'RFC 6749 §5.2: a bad request gets HTTP 400 with a JSON error body; a client error is never a 2xx or a 5xx.',
  invalidGrant:
    'RFC 6749 §5.2: invalid_grant — "The provided authorization grant … or refresh token is invalid, expired, revoked … or was issued to another client" (HTTP 400).',
  method:
    'RFC 9110 §15.5.6: a method the resource does not support gets 405 (any 4xx with a JSON error is accepted).',
  errorMediaType:
    'Contract: "Parameters must be JSON encoded", "Content-Type application/json"; RFC 6749 §5.2: the error answer uses the application/json media type.',
  mediaType:
    'Contract: "Content-Type application/x-www-form-urlencoded"; RFC 9110 §15.5.16: anything else gets 415 (or 400).',
  bodySize:
    'RFC 9110 §15.5.14: a body larger than the server will take gets 413 (or 400), not a crash.',
  stillServes: 'Robustness: a bad request must not take the service down for everyone else.',
  upstreamError:
    'Contract: access_token is "received from Spotify account service" — with no token from upstream there is none to give; RFC 6749 §5.2 error answer.',
  upstreamBound:
    'Robustness: the SDKs wait for the swap answer on the login screen; a server must give up on a stalled upstream within a bound.',
  noStore:
    'RFC 6749 §5.1: "The authorization server MUST include the HTTP Cache-Control response header field with a value of no-store".',
  noSecret:
    'The reason the contract exists: "the client secret" stays on the server and never reaches the app.',
  noUpstreamToken:
    'Contract, tokenSwapURL: the server "should not return the actual refresh token" — neither on swap nor after upstream rotates it.',
  noStack:
    'OWASP ASVS 7.4.1: error answers carry a generic message, no stack trace or internal detail.',
  noEcho: 'OWASP ASVS 7.1.1: credentials and tokens are not echoed back in error messages.',
  crossDeployment:
    'Contract: "an encrypted version of the token" or "a reference" — only the deployment holding the key or the reference may redeem it.',
  reference:
    'Contract, tokenSwapURL: refresh_token may be "a reference to the token"; a server that keeps Spotify\'s token behind a handle can absorb upstream rotation (RFC 6749 §6), so an app that keeps its first refresh token (as the React Native wrapper does) stays logged in.',
  revoke:
    'RFC 7009 §2.1–2.2: the client posts the token to the revocation endpoint and gets 200; RFC 6749 §5.2: a revoked refresh token then gets invalid_grant.',
  load: 'Deployment reality: every app launch refreshes; concurrent requests must not interfere (no shared mutable state per request).',
} as const;
