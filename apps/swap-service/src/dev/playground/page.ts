import escapeHtml from 'escape-html';
import {
  PLAYGROUND_FAULT_NAMES,
  type PlaygroundFault,
  type PlaygroundFaultName,
} from './faults.js';
import { PLAYGROUND_ROUTES } from './routes.js';

/** What the page is rendered with. */
export interface PlaygroundPageModel {
  mockUrl: string;
  clientId: string;
  /** The page's own URL: where the mock sends the browser back with the code. */
  redirectUri: string;
  swapPath: string;
  refreshPath: string;
  scopes: readonly string[];
  faults: Readonly<Record<PlaygroundFaultName, PlaygroundFault>>;
}

/** Content-Security-Policy of the page: only its own script, stylesheet and same-origin fetches. */
export const PLAYGROUND_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The playground page, server-rendered: every value escaped, the configuration handed to the
 * script in `data-*` attributes (no inline script, so the CSP can be strict). The script
 * (`/playground.js`) does the rest.
 */
export function renderPlaygroundPage(model: PlaygroundPageModel): string {
  const e = escapeHtml;
  const data = {
    'mock-url': model.mockUrl,
    'client-id': model.clientId,
    'redirect-uri': model.redirectUri,
    'swap-path': model.swapPath,
    'refresh-path': model.refreshPath,
    scopes: model.scopes.join(' '),
    'me-path': PLAYGROUND_ROUTES.me,
    'clock-path': PLAYGROUND_ROUTES.clock,
    'faults-path': PLAYGROUND_ROUTES.faults,
  };
  const attributes = Object.entries(data)
    .map(([name, value]) => ` data-${name}="${e(value)}"`)
    .join('');
  const faultOptions = PLAYGROUND_FAULT_NAMES.map((name) => {
    const f = model.faults[name];
    return `<option value="${e(name)}" data-expected="${e(f.expected)}">${e(f.label)}</option>`;
  }).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tokenswap playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${PLAYGROUND_ROUTES.styles}">
<script src="${PLAYGROUND_ROUTES.script}" defer></script>
</head>
<body>
<main id="playground"${attributes}>
<header>
<h1>tokenswap playground</h1>
<p class="mode"><strong>Development mode.</strong> This swap service talks to an in-process
<strong>mock</strong> of accounts.spotify.com at <code>${e(model.mockUrl)}</code>, not to Spotify:
no real account, no real credentials. In production this page does not exist.</p>
</header>
<section id="setup">
<h2>What the page plays</h2>
<p>A mobile app built on Spotify's SDK: it sends the user to the accounts service, gets a
<code>code</code> back on its redirect URI, and trades it at the swap service
(<code>tokenSwapURL</code>) for tokens; later it trades the refresh token at
<code>tokenRefreshURL</code>. The client secret stays on the server.</p>
<dl class="facts">
<dt>swap</dt><dd><code id="swap-url">POST ${e(model.swapPath)}</code></dd>
<dt>refresh</dt><dd><code id="refresh-url">POST ${e(model.refreshPath)}</code></dd>
<dt>accounts (mock)</dt><dd><code>${e(model.mockUrl)}</code></dd>
<dt>client id</dt><dd><code>${e(model.clientId)}</code></dd>
<dt>redirect URI</dt><dd><code>${e(model.redirectUri)}</code> (this page)</dd>
<dt>scopes</dt><dd><code>${e(model.scopes.join(' '))}</code></dd>
</dl>
<p id="origin-warning" class="expired" hidden>Open the playground at
<a href="${e(model.redirectUri)}">${e(model.redirectUri)}</a>: the mock only sends the code back
there, and the login state is kept per address.</p>
</section>
<section id="login-step">
<h2>1. Log in</h2>
<fieldset>
<legend>Flow</legend>
<label><input type="radio" name="variant" value="plain" checked> Authorization code
(the app sends <code>code</code>)</label>
<label><input type="radio" name="variant" value="pkce"> Authorization code with PKCE (S256):
the browser keeps a <code>code_verifier</code> and sends its SHA-256 challenge; refresh tokens
of PKCE grants rotate</label>
</fieldset>
<div class="actions"><button id="login" class="primary" type="button" disabled>Log in with Spotify (mock)</button>
<span class="hint">A fresh <code>state</code> is generated and checked on return.</span></div>
</section>
<p id="status" role="status" aria-live="polite"></p>
<section id="tokens" hidden>
<h2>2. What the swap service returned</h2>
<dl class="facts">
<dt>access_token</dt><dd><span class="token" id="access-token"></span></dd>
<dt>expires_in</dt><dd><span id="expires-in"></span></dd>
<dt>scope</dt><dd><code id="scope"></code></dd>
<dt>refresh_token</dt><dd><span class="token" id="refresh-token"></span> <span id="rotation"></span></dd>
</dl>
<h3 id="format-title">The sealed refresh token</h3>
<p class="hint" id="format-hint">Not Spotify's refresh token: the service encrypted it (AES-256-GCM, bound to the
client id) and gave the app <code>v1.&lt;key id&gt;.&lt;payload&gt;</code>. Only this service's
key opens it, so a leaked copy is useless elsewhere.</p>
<table class="parts">
<tr><th>version</th><td><code id="sealed-version"></code> <span class="sealed-note">— the sealing format</span></td></tr>
<tr><th>key id</th><td><code id="sealed-kid"></code> <span class="sealed-note">— which key of <code>TOKEN_ENCRYPTION_KEYS</code> sealed it (keys can rotate)</span></td></tr>
<tr><th>payload</th><td><span id="sealed-payload"></span></td></tr>
</table>
</section>
<section id="actions" hidden>
<h2>3. Use it</h2>
<div class="actions">
<button id="refresh" type="button">Refresh</button>
<button id="call-me" type="button">Call /v1/me</button>
<button id="expire" type="button">Expire now</button>
</div>
<h3>Inject a fault</h3>
<p class="hint">The mock's token endpoint misbehaves once; the page refreshes at once to show
how the service maps it.</p>
<div class="actions">
<select id="fault" aria-label="Fault">${faultOptions}</select>
<button id="inject" type="button">Inject and refresh</button>
</div>
<div id="profile" hidden>
<h3>/v1/me</h3>
<dl class="facts">
<dt>id</dt><dd><code id="me-id"></code></dd>
<dt>display_name</dt><dd id="me-name"></dd>
<dt>email</dt><dd id="me-email"></dd>
<dt>product</dt><dd id="me-product"></dd>
</dl>
</div>
</section>
<section id="exchanges">
<h2>HTTP exchanges</h2>
<p class="hint">Every request this page made and what came back, newest first (tokens, codes and
verifiers masked).</p>
<ol id="log" data-count="0"></ol>
</section>
<noscript><section>The playground needs JavaScript (its own script only).</section></noscript>
</main>
</body>
</html>
`;
}
