import escapeHtml from 'escape-html';
/** Headers for every HTML page: no scripts at all, no framing, no caching. */
export const HTML_HEADERS = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
});

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #121212; color: #fff; margin: 0; }
  main { max-width: 28rem; margin: 3rem auto; padding: 2rem; background: #1e1e1e; border-radius: 8px; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  .badge { display: inline-block; font-size: .75rem; color: #121212; background: #f59b23;
    border-radius: 4px; padding: .1rem .4rem; margin-bottom: 1rem; }
  ul { padding-left: 1.2rem; } li { margin: .4rem 0; } code { color: #b3b3b3; font-size: .8rem; white-space: nowrap; }
  label { display: block; margin: 1.2rem 0 .3rem; color: #b3b3b3; }
  select { width: 100%; padding: .5rem; border-radius: 4px; font-size: 1rem; }
  .actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
  button { flex: 1; padding: .8rem; border-radius: 500px; border: 0; font-size: 1rem; cursor: pointer; font-weight: 700; }
  button.agree { background: #1ed760; color: #121212; }
  button.cancel { background: transparent; color: #fff; border: 1px solid #878787; }
  p.error { color: #f15e6c; font-weight: 700; }
`;

/** Wraps already-escaped body HTML into a page with the mock's small stylesheet. */
export function page(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<span class="badge">tokenswap mock accounts</span>
${bodyHtml}
</main>
</body>
</html>
`;
}
