/**
 * Set-up requests done once before the load runs: getting a refresh token from the mock,
 * a sealed one from the swap service, and a pool of single-use codes for the /swap run.
 * Each checks its answer, so a run never measures a path that does not work.
 */
import { postForm } from './http.mjs';
import { DEMO_CLIENT } from './servers.mjs';

export const FORM = 'application/x-www-form-urlencoded';

/** The Basic header of the demo client, as the swap service sends it upstream. */
export function demoBasicAuth() {
  return `Basic ${Buffer.from(`${DEMO_CLIENT.id}:${DEMO_CLIENT.secret}`).toString('base64')}`;
}

function expect200(what, res, field) {
  if (res.status !== 200 || typeof res.json?.[field] !== 'string') {
    throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
  }
  return res.json[field];
}

/** Mints a code at the mock and exchanges it there (as the swap service would). */
export async function mockRefreshToken(mock) {
  const code = await mock.mintCode();
  const res = await postForm(
    `${mock.url}/api/token`,
    { grant_type: 'authorization_code', code, redirect_uri: DEMO_CLIENT.redirectUri },
    { authorization: demoBasicAuth() },
  );
  return expect200('mock /api/token (authorization_code)', res, 'refresh_token');
}

/** The request autocannon repeats against the mock (directly or through the proxy). */
export function refreshGrantRequest(refreshToken) {
  return {
    path: '/api/token',
    headers: { 'content-type': FORM, authorization: demoBasicAuth() },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    }).toString(),
  };
}

/** Sends one refresh-grant request to `origin` and checks it succeeds. */
export async function checkRefreshGrant(origin, refreshToken) {
  const { path, headers, body } = refreshGrantRequest(refreshToken);
  const res = await postForm(`${origin}${path}`, new URLSearchParams(body), headers);
  expect200(`${origin}${path} (refresh_token)`, res, 'access_token');
}

/** Swaps one fresh code at the swap service; returns its (sealed) refresh token. */
export async function sealedRefreshToken(swap, mock) {
  const code = await mock.mintCode();
  const res = await postForm(`${swap.url}/swap`, { code });
  return expect200('swap service /swap', res, 'refresh_token');
}

/** Refreshes once at the swap service and checks it succeeds. */
export async function checkSwapRefresh(swap, sealed) {
  const res = await postForm(`${swap.url}/refresh`, { refresh_token: sealed });
  expect200('swap service /refresh', res, 'access_token');
}

/**
 * Mints `count` codes through the mock's control API, `concurrency` requests at a time.
 * @returns {Promise<string[]>}
 */
export async function mintCodePool(mock, count, concurrency = 16) {
  const codes = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      codes.push(await mock.mintCode());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return codes;
}

/**
 * autocannon `requests` where every request takes the next unused code from `codes` (which may
 * grow between runs). When the pool runs out it sends a spent code (answered 400, counted as
 * non-2xx) rather than stopping autocannon, and `state.exhausted` says so in the results.
 * @param {string[]} codes
 * @param {{ path: string, headers: Record<string, string>, body: (code: string) => string }} shape
 */
export function codeRequests(codes, { path, headers, body }) {
  const state = { used: 0, exhausted: false };
  const requests = [
    {
      method: 'POST',
      path,
      headers,
      setupRequest(request) {
        const code = codes[state.used];
        if (code === undefined) state.exhausted = true;
        else state.used += 1;
        request.body = body(code ?? codes[0]);
        return request;
      },
    },
  ];
  return { requests, state };
}

/** The swap service's /swap with one fresh code per request. */
export const SWAP_SHAPE = {
  path: '/swap',
  headers: { 'content-type': FORM },
  body: (code) => `code=${encodeURIComponent(code)}`,
};

/** The mock's authorization_code grant with one fresh code per request (the /swap ceiling). */
export const CODE_GRANT_SHAPE = {
  path: '/api/token',
  headers: { 'content-type': FORM, authorization: demoBasicAuth() },
  body: (code) =>
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: DEMO_CLIENT.redirectUri,
    }).toString(),
};
