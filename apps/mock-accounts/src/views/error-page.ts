import escapeHtml from 'escape-html';
import { page } from './html.js';

/** The page /authorize shows instead of redirecting, e.g. "INVALID_CLIENT: Invalid client". */
export function renderErrorPage(message: string): string {
  return page(
    'Error - tokenswap mock accounts',
    `<h1>Oops! Something went wrong</h1>\n<p class="error" id="error">${escapeHtml(message)}</p>`,
  );
}
