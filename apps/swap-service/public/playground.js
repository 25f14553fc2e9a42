// The playground's browser script, served at /playground.js in development mode only (see
// src/dev/playground/index.ts). Plain ES2020 for current browsers, no framework, no build step:
// it reads its configuration from the data-* attributes of #playground, writes only through
// textContent (never HTML), and reaches the mock only through the service's own origin (the dev
// proxy routes), so the page's CSP can allow connect-src 'self' and nothing else. Linted with
// the rest of the repository and type-checked against the DOM (public/tsconfig.json, part of
// pnpm typecheck); the browser test (test/playground) runs this exact file.
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script, not a module: strict mode must be asked for
  'use strict';
  const root = document.getElementById('playground');
  if (!root) return;
  const cfg = root.dataset;
  const KEY = 'tokenswap-playground:';
  const FORM = 'application/x-www-form-urlencoded';
  const SECRET_FIELDS = ['access_token', 'refresh_token', 'code', 'code_verifier'];
  const SHOWN_RESPONSE_HEADERS = [
    'content-type',
    'cache-control',
    'pragma',
    'retry-after',
    'www-authenticate',
    'x-request-id',
  ];
  const $ = (id) => document.getElementById(id);
  const session = { accessToken: '', refreshToken: '', expiresAt: 0, refreshes: 0, timer: 0 };
  const originOk = new URL(cfg.redirectUri).origin === location.origin;

  // ---- display helpers: every token, code and verifier is shortened before it is shown ----
  const short = (value) => {
    const s = String(value);
    return s.length <= 12 ? `${s.slice(0, 2)}…` : `${s.slice(0, 6)}…${s.slice(-4)}`;
  };
  const maskSealed = (s) => {
    const parts = s.split('.');
    return parts.length === 3 ? `${parts[0]}.${parts[1]}.${short(parts[2])}` : short(s);
  };
  const maskValue = (key, value) => {
    if (typeof value !== 'string' || !SECRET_FIELDS.includes(key)) return value;
    return key === 'refresh_token' ? maskSealed(value) : short(value);
  };
  const maskJsonText = (text) => {
    try {
      return JSON.stringify(JSON.parse(text), (k, v) => maskValue(k, v), 2);
    } catch {
      return text;
    }
  };
  const maskForm = (text) =>
    Array.from(new URLSearchParams(text))
      .map(([k, v]) => `${k}=${maskValue(k, v)}`)
      .join('&');
  const maskHeader = (name, value) =>
    name.toLowerCase() === 'authorization'
      ? value.replace(/^(Bearer )(.*)$/, (_m, b, t) => b + short(t))
      : value;
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function setStatus(kind, text) {
    const status = $('status');
    status.className = kind;
    status.textContent = text;
  }

  // ---- the exchange log, as a developer tool shows it ----
  function record(x) {
    const log = $('log');
    const item = el('li', 'exchange');
    const details = el('details');
    details.open = true;
    const summary = el('summary');
    const statusText = x.status === 0 ? 'no answer' : `${String(x.status)} ${x.statusText || ''}`;
    summary.append(`${x.method} ${x.url} → `, el('span', `st s${String(x.status)[0]}`, statusText));
    if (x.ms !== undefined) summary.append(`  (${x.ms} ms)`);
    details.append(summary);
    if (x.note) details.append(el('p', 'note', x.note));
    const request = [`${x.method} ${x.path} HTTP/1.1`, `Host: ${x.host}`].concat(
      x.requestHeaders.map(([n, v]) => `${n}: ${maskHeader(n, v)}`),
    );
    if (x.requestBody)
      request.push('', x.requestBodyIsForm ? maskForm(x.requestBody) : maskJsonText(x.requestBody));
    const response = [x.status === 0 ? '(no answer)' : `HTTP/1.1 ${statusText}`].concat(
      x.responseHeaders.map(([n, v]) => `${n}: ${v}`),
    );
    if (x.responseBody) response.push('', maskJsonText(x.responseBody));
    const halves = el('div', 'halves');
    /** @type {[string, string[]][]} */
    const halvesContent = [
      ['Request', request],
      ['Response', response],
    ];
    for (const [title, lines] of halvesContent) {
      const half = el('div');
      half.append(el('h4', '', title), el('pre', '', lines.join('\n')));
      halves.append(half);
    }
    details.append(halves);
    item.append(details);
    log.prepend(item);
    log.dataset.count = String(Number(log.dataset.count || '0') + 1);
    // Keep the newest few open so the page stays readable.
    Array.from(log.querySelectorAll('details'))
      .slice(2)
      .forEach((d) => {
        d.open = false;
      });
  }

  async function http(method, path, options) {
    const headers = options.headers || {};
    const started = performance.now();
    const base = {
      method,
      path,
      host: location.host,
      url: location.origin + path,
      note: options.note,
      requestHeaders: Object.entries(headers),
      requestBody: options.body,
      requestBodyIsForm: headers['content-type'] === FORM,
    };
    let response;
    let text = '';
    try {
      response = await fetch(path, { method, headers, body: options.body, cache: 'no-store' });
      text = await response.text();
    } catch (error) {
      record(Object.assign(base, { status: 0, responseHeaders: [], responseBody: String(error) }));
      return { status: 0, json: undefined, headers: new Headers(), text: '' };
    }
    const responseHeaders = SHOWN_RESPONSE_HEADERS.filter((n) => response.headers.has(n)).map(
      (n) => [n, response.headers.get(n)],
    );
    record(
      Object.assign(base, {
        status: response.status,
        statusText: response.statusText,
        responseHeaders,
        responseBody: text,
        ms: Math.round(performance.now() - started),
      }),
    );
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, headers: response.headers, text };
  }

  function describeError(res) {
    if (res.status === 0) return 'no answer from the service';
    const body = res.json || {};
    let text = `${res.status} ${typeof body.error === 'string' ? body.error : res.text.slice(0, 80)}`;
    if (body.error_description) text += ` — ${body.error_description}`;
    const retryAfter = res.headers.get('retry-after');
    if (retryAfter) text += ` (Retry-After: ${retryAfter})`;
    return text;
  }

  // ---- tokens ----
  function tick() {
    const left = Math.ceil((session.expiresAt - Date.now()) / 1000);
    const out = $('expires-in');
    if (left > 0) {
      const mm = String(Math.floor(left / 60)).padStart(2, '0');
      const ss = String(left % 60).padStart(2, '0');
      out.textContent = `${left} s (${mm}:${ss} left)`;
      out.className = '';
    } else {
      out.textContent = 'expired';
      out.className = 'expired';
    }
  }

  function renderSealed() {
    const token = session.refreshToken;
    $('refresh-token').textContent = `${maskSealed(token)} (${token.length} chars)`;
    const parts = token.split('.');
    if (parts.length === 3 && parts[0] === 'v1') {
      const bytes = Math.floor((parts[2].length * 3) / 4);
      $('sealed-version').textContent = parts[0];
      $('sealed-kid').textContent = parts[1];
      $('sealed-payload').textContent =
        parts[2].length +
        ' base64url characters = ' +
        bytes +
        ' bytes: a 12-byte IV, Spotify\u2019s refresh token encrypted (' +
        (bytes - 28) +
        ' bytes) and a 16-byte authentication tag';
      return;
    }
    // TOKEN_MODE=reference: the app holds a random handle, the server keeps the real token.
    const reference = token.startsWith('rt1_');
    for (const note of document.querySelectorAll('.sealed-note')) {
      /** @type {HTMLElement} */ (note).hidden = true;
    }
    $('format-title').textContent = reference
      ? 'The refresh token is a reference'
      : 'The refresh token';
    $('format-hint').textContent = reference
      ? 'Not Spotify\u2019s refresh token: a random handle. The service keeps Spotify\u2019s token (sealed) in its store and replaces it when Spotify rotates, so this handle never changes.'
      : 'Not in a format this page knows.';
    $('sealed-version').textContent = reference ? 'rt1' : '?';
    $('sealed-kid').textContent = reference ? '(none: nothing is encrypted in the handle)' : '';
    $('sealed-payload').textContent = reference
      ? `${token.length - 4} random base64url characters`
      : '';
  }

  function showTokens(json, fromRefresh) {
    session.accessToken = json.access_token;
    session.expiresAt = Date.now() + Number(json.expires_in) * 1000;
    $('access-token').textContent =
      `${short(json.access_token)} (${json.access_token.length} chars)`;
    if (typeof json.scope === 'string') $('scope').textContent = json.scope || '(none)';
    const rotated = fromRefresh && typeof json.refresh_token === 'string';
    if (typeof json.refresh_token === 'string') {
      session.refreshToken = json.refresh_token;
      renderSealed();
    }
    const rotation = $('rotation');
    if (fromRefresh) session.refreshes += 1;
    rotation.textContent = !fromRefresh
      ? ''
      : rotated
        ? `rotated on refresh #${session.refreshes}: the mock issued a new refresh token and the service sealed it — keep the newest`
        : `not rotated on refresh #${session.refreshes}: keep using this one`;
    rotation.className = rotated ? 'rotated' : 'hint';
    $('tokens').hidden = false;
    $('actions').hidden = false;
    tick();
    clearInterval(session.timer);
    session.timer = setInterval(tick, 1000);
    return rotated;
  }

  // ---- the steps ----
  const b64url = (bytes) =>
    btoa(String.fromCharCode.apply(null, Array.from(bytes)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const randomToken = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));

  async function login() {
    const variant = /** @type {HTMLInputElement} */ (
      document.querySelector('input[name="variant"]:checked')
    ).value;
    const state = randomToken(16);
    const params = new URLSearchParams({
      client_id: cfg.clientId,
      response_type: 'code',
      redirect_uri: cfg.redirectUri,
      scope: cfg.scopes,
      state,
      show_dialog: 'true',
    });
    sessionStorage.removeItem(`${KEY}verifier`);
    if (variant === 'pkce') {
      if (!window.crypto || !crypto.subtle) {
        setStatus(
          'error',
          'PKCE needs WebCrypto, which browsers offer only on secure origins (127.0.0.1, localhost, https).',
        );
        return;
      }
      // RFC 7636: a 43-character verifier; the challenge is base64url(SHA-256(verifier)).
      const verifier = randomToken(32);
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
      params.set('code_challenge_method', 'S256');
      params.set('code_challenge', b64url(new Uint8Array(digest)));
      sessionStorage.setItem(`${KEY}verifier`, verifier);
    }
    const url = `${cfg.mockUrl}/authorize?${params.toString()}`;
    sessionStorage.setItem(`${KEY}state`, state);
    sessionStorage.setItem(`${KEY}variant`, variant);
    sessionStorage.setItem(`${KEY}authorize`, url);
    setStatus('', 'Going to the mock\u2019s consent page…');
    location.assign(url);
  }

  function recordAuthorize(authorizeUrl, query) {
    const url = new URL(authorizeUrl);
    const back = new URLSearchParams();
    for (const [k, v] of query) back.set(k, v);
    record({
      method: 'GET',
      path: url.pathname + url.search,
      host: url.host,
      url: url.origin + url.pathname,
      note: 'Browser navigation to the mock\u2019s /authorize (consent page), then its redirect back to this page, as the browser followed them.',
      requestHeaders: [],
      status: 302,
      statusText: 'Found',
      responseHeaders: [['location', `${cfg.redirectUri}?${maskForm(back.toString())}`]],
    });
  }

  async function handleReturn() {
    const query = new URLSearchParams(location.search);
    if (!query.has('code') && !query.has('error')) return;
    // The code must not stay in the address bar, the history or a bookmark.
    history.replaceState(null, '', location.pathname);
    const expected = sessionStorage.getItem(`${KEY}state`);
    const verifier = sessionStorage.getItem(`${KEY}verifier`);
    const variant = sessionStorage.getItem(`${KEY}variant`) || 'plain';
    const authorizeUrl = sessionStorage.getItem(`${KEY}authorize`);
    for (const k of ['state', 'verifier', 'authorize']) sessionStorage.removeItem(KEY + k);
    const radio = /** @type {HTMLInputElement | null} */ (
      document.querySelector(`input[name="variant"][value="${variant}"]`)
    );
    if (radio) radio.checked = true;
    if (authorizeUrl) recordAuthorize(authorizeUrl, query);
    if (expected === null || query.get('state') !== expected) {
      setStatus(
        'error',
        'Refused: the redirect\u2019s state (' +
          (query.get('state') || 'none') +
          ') is not the one this page sent, so its code was not used. Start again with Log in.',
      );
      return;
    }
    if (query.has('error')) {
      setStatus(
        'error',
        'The accounts service answered error=' +
          query.get('error') +
          (query.get('error_description') ? ` (${query.get('error_description')})` : '') +
          ': no code, nothing to swap.',
      );
      return;
    }
    const form = new URLSearchParams({ code: query.get('code') });
    if (verifier) form.set('code_verifier', verifier);
    const res = await http('POST', cfg.swapPath, {
      headers: { 'content-type': FORM },
      body: form.toString(),
      note:
        'What the SDK does with the code (tokenSwapURL)' +
        (verifier ? ', plus the PKCE code_verifier' : '') +
        '. The service adds the client secret and redirect URI and asks the mock for tokens.',
    });
    if (res.status !== 200 || !res.json) {
      setStatus('error', `The swap failed: ${describeError(res)}`);
      return;
    }
    session.refreshes = 0;
    showTokens(res.json, false);
    setStatus(
      'ok',
      'Logged in (' +
        (variant === 'pkce' ? 'PKCE' : 'authorization code') +
        '): the service exchanged the code at the mock with the client secret the page never sees, and sealed the refresh token.',
    );
  }

  async function refresh(note) {
    const res = await http('POST', cfg.refreshPath, {
      headers: { 'content-type': FORM },
      body: new URLSearchParams({ refresh_token: session.refreshToken }).toString(),
      note:
        note ||
        'What the SDK does when the access token runs out (tokenRefreshURL): it posts the sealed refresh token.',
    });
    if (res.status === 200 && res.json) {
      const rotated = showTokens(res.json, true);
      setStatus(
        'ok',
        'Refreshed: a new access token, valid ' +
          res.json.expires_in +
          ' s' +
          (rotated
            ? '; the refresh token rotated (see above).'
            : '; the refresh token did not rotate.'),
      );
    } else {
      setStatus('error', `The refresh failed: ${describeError(res)}`);
    }
    return res;
  }

  async function callMe() {
    const res = await http('GET', cfg.mePath, {
      headers: { authorization: `Bearer ${session.accessToken}` },
      note: `Dev-only route: the service forwards this to GET ${cfg.mockUrl}/v1/me (the mock sends no CORS headers).`,
    });
    const body = res.json || {};
    if (res.status === 200) {
      $('me-id').textContent = body.id || '';
      $('me-name').textContent = body.display_name || '';
      $('me-email').textContent = body.email || '(needs user-read-email)';
      $('me-product').textContent = body.product || '(needs user-read-private)';
      $('profile').hidden = false;
      setStatus(
        'ok',
        `GET /v1/me answered 200: the access token works — signed in as ${body.display_name} (${body.id}).`,
      );
      return;
    }
    const message = body.error?.message ? body.error.message : res.text.slice(0, 120);
    setStatus(
      'error',
      'GET /v1/me answered ' +
        res.status +
        ': ' +
        message +
        (res.status === 401
          ? '. An app would now refresh: press Refresh, then call /v1/me again.'
          : ''),
    );
  }

  async function expire() {
    const advance = Math.max(0, Math.ceil((session.expiresAt - Date.now()) / 1000)) + 1;
    const res = await http('POST', cfg.clockPath, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance }),
      note: `Dev-only route: the service forwards this to the mock\u2019s control API, POST ${cfg.mockUrl}/__mock/clock.`,
    });
    if (res.status !== 200) {
      setStatus('error', `Could not move the mock\u2019s clock: ${describeError(res)}`);
      return;
    }
    session.expiresAt = Date.now();
    tick();
    setStatus(
      'ok',
      `The mock\u2019s clock moved ${advance} s forward: the access token has expired (the refresh token has not). Call /v1/me to see the 401, then Refresh.`,
    );
  }

  async function inject() {
    const name = /** @type {HTMLSelectElement} */ ($('fault')).value;
    const res = await http('POST', cfg.faultsPath, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: name }),
      note: `Dev-only route: queues one fault on the mock\u2019s token endpoint (POST ${cfg.mockUrl}/__mock/faults).`,
    });
    if (res.status !== 201 || !res.json) {
      setStatus('error', `Could not inject the fault: ${describeError(res)}`);
      return;
    }
    const info = res.json;
    setStatus('', `Refreshing against the faulty mock (${info.upstream})…`);
    const answer = await refresh(
      `The refresh that meets the fault: the mock answers ${info.upstream}.`,
    );
    const body = answer.json || {};
    const retryAfter = answer.headers.get('retry-after');
    const got =
      answer.status === 0
        ? 'no answer'
        : `${answer.status} ${typeof body.error === 'string' ? body.error : ''}${retryAfter ? ` with Retry-After: ${retryAfter}` : ''}`;
    const matches = got === info.expected;
    setStatus(
      matches ? 'ok' : 'error',
      'Fault injected: the mock answered ' +
        info.upstream +
        '; the service answered ' +
        got +
        (matches ? ', as documented.' : ` — documented: ${info.expected}.`) +
        ' The sealed refresh token is unharmed: press Refresh to recover.',
    );
  }

  // ---- wiring ----
  const buttons = ['login', 'refresh', 'call-me', 'expire', 'inject'].map(
    (id) => /** @type {HTMLButtonElement} */ ($(id)),
  );
  async function act(step) {
    root.dataset.busy = 'true';
    for (const b of buttons) b.disabled = true;
    try {
      await step();
    } catch (error) {
      setStatus(
        'error',
        `Unexpected error in the page: ${error?.message ? error.message : String(error)}`,
      );
    } finally {
      for (const b of buttons) b.disabled = b.id === 'login' && !originOk;
      delete root.dataset.busy;
    }
  }
  $('login').addEventListener('click', () => act(login));
  $('refresh').addEventListener('click', () => act(() => refresh()));
  $('call-me').addEventListener('click', () => act(callMe));
  $('expire').addEventListener('click', () => act(expire));
  $('inject').addEventListener('click', () => act(inject));
  if (!originOk) $('origin-warning').hidden = false;
  act(handleReturn).then(() => {
    root.dataset.ready = 'true';
  });
})();
