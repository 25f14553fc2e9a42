// Runnable tour of @tokenswap/core, from the built package: `pnpm --filter @tokenswap/core demo`.
import {
  buildRefreshTokenRequest,
  formatKeyringSpec,
  generateKeySpec,
  importKeyring,
  interpretTokenResponse,
  openRefreshToken,
  parseKeyringSpec,
  parseRefreshRequest,
  parseSwapRequest,
  SPOTIFY_ACCOUNTS_URL,
  sealRefreshToken,
  toSwapResponse,
} from '../dist/index.js';

// 1. Keys: what `TOKEN_ENCRYPTION_KEYS` would hold (generate once, keep secret).
const envValue = formatKeyringSpec([generateKeySpec({ id: '2026-11' })]);
const specs = parseKeyringSpec(envValue);
if (!specs.ok) throw specs.error;
const keyring = await importKeyring(specs.value);
if (!keyring.ok) throw keyring.error;
console.log('keyring ids:', keyring.value.ids);

// 2. A swap request as the iOS SDK posts it.
const swap = parseSwapRequest(new URLSearchParams('code=AQDy8xMhKNA'));
console.log('parsed swap request:', swap);

// 3. The accounts service answered; validate it and seal the real refresh token.
const upstream = interpretTokenResponse(
  200,
  { 'content-type': 'application/json' },
  '{"access_token":"NgAagA-Um_SHo","token_type":"Bearer","expires_in":"3600","scope":"","refresh_token":"NgCXRK-MzYjw"}',
);
if (!upstream.ok) throw upstream.error;
const context = { clientId: 'tokenswap-demo-client' };
const sealed = await sealRefreshToken(upstream.value.refreshToken, keyring.value, context);
console.log('swap response body:', toSwapResponse(upstream.value, sealed));

// 4. Later, the app refreshes with the sealed token; we open it and build the upstream call.
const refresh = parseRefreshRequest({ refresh_token: sealed });
if (!refresh.ok) throw refresh.error;
const opened = await openRefreshToken(refresh.value.refreshToken, keyring.value, context);
console.log('opened refresh token:', opened);
const request = buildRefreshTokenRequest({
  accountsUrl: SPOTIFY_ACCOUNTS_URL,
  client: { clientId: 'tokenswap-demo-client', clientSecret: 'tokenswap-demo-secret' },
  refreshToken: opened.ok ? opened.value : '',
});
console.log('upstream request:', {
  ...request,
  headers: { ...request.headers, authorization: 'Basic …' },
});

// 5. Errors are values: a tampered token and a bad form.
const flipped = `${sealed.slice(0, -1)}${sealed.endsWith('A') ? 'E' : 'A'}`;
const tampered = await openRefreshToken(flipped, keyring.value, context);
console.log('tampered token:', tampered.ok ? tampered.value : tampered.error.toJSON());
const bad = parseSwapRequest({ code: ['a', 'b'] });
console.log(
  'repeated code:',
  bad.ok ? bad.value : { status: bad.error.status, ...bad.error.toJSON() },
);
