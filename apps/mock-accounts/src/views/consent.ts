import escapeHtml from 'escape-html';
import type { MockClient, MockUser } from '../config.js';
import { SPOTIFY_SCOPES } from '../scopes.js';
import { page } from './html.js';

/** What the consent page shows. */
export interface ConsentView {
  consentId: string;
  client: Readonly<MockClient>;
  scopes: readonly string[];
  users: readonly Readonly<MockUser>[];
}

function scopeList(scopes: readonly string[]): string {
  if (scopes.length === 0) {
    return '<li id="no-scopes">Read your public profile only (no scopes requested)</li>';
  }
  return scopes
    .map(
      (s) =>
        `<li data-scope="${escapeHtml(s)}">${escapeHtml(SPOTIFY_SCOPES.get(s) ?? s)} <code>${escapeHtml(s)}</code></li>`,
    )
    .join('\n');
}

function userOptions(users: readonly Readonly<MockUser>[]): string {
  return users
    .map(
      (u, i) =>
        `<option value="${escapeHtml(u.id)}"${i === 0 ? ' selected' : ''}>${escapeHtml(u.displayName)} (${escapeHtml(u.email)}, ${escapeHtml(u.product)})</option>`,
    )
    .join('\n');
}

/**
 * The consent page: the app's name, the scopes in plain words, the signed-in test user
 * (switchable) and Agree/Cancel, posting only the server-side consent id. No scripts.
 */
export function renderConsentPage(view: ConsentView): string {
  const name = escapeHtml(view.client.name);
  return page(
    `Authorize ${view.client.name} - tokenswap mock accounts`,
    `<h1 id="app-name">${name}</h1>
<p>wants to access your Spotify account to:</p>
<ul id="scopes">
${scopeList(view.scopes)}
</ul>
<form method="post" action="/authorize/consent">
<input type="hidden" name="consent_id" value="${escapeHtml(view.consentId)}">
<label for="user_id">Signed in as</label>
<select id="user_id" name="user_id">
${userOptions(view.users)}
</select>
<div class="actions">
<button class="cancel" type="submit" name="action" value="cancel">Cancel</button>
<button class="agree" type="submit" name="action" value="agree">Agree</button>
</div>
</form>`,
  );
}
