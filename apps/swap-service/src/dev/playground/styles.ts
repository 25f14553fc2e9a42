/**
 * The playground's stylesheet, served at `/playground.css` (not inline, so the page's CSP can
 * forbid inline styles). Plain CSS: readable type, a light page, monospace exchanges.
 */
export const PLAYGROUND_CSS = `
:root {
  --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --panel: #ffffff; --page: #f4f5f7;
  --accent: #1a7f4b; --accent-ink: #ffffff; --bad: #b3261e; --warn: #8a5a00; --code: #f0f2f5;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
header h1 { margin: 0 0 .25rem; font-size: 1.7rem; }
.mode { margin: 0 0 1rem; padding: .6rem .8rem; border-left: 4px solid var(--warn);
  background: #fff8e6; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 1rem 1.2rem; margin: 1rem 0; }
h2 { font-size: 1.15rem; margin: 0 0 .6rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
p { margin: .4rem 0; }
.hint { color: var(--muted); font-size: .9rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code, pre, .token { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: .88rem; }
.token { background: var(--code); padding: .05rem .35rem; border-radius: 4px; overflow-wrap: anywhere; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: .6rem 0; padding: .4rem .8rem; }
fieldset label { display: block; margin: .25rem 0; }
button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid var(--line);
  background: #fff; color: var(--ink); cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--ink); }
button:disabled { opacity: .5; cursor: not-allowed; }
button.primary { background: var(--accent); color: var(--accent-ink); border-color: var(--accent);
  font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; }
select { font: inherit; padding: .45rem; border-radius: 6px; border: 1px solid var(--line); }
/* Sticky, so the outcome of a step stays in view wherever its button is. */
#status { position: sticky; top: .5rem; z-index: 1; min-height: 1.5rem; margin: 1rem 0;
  padding: .6rem .8rem; border-radius: 6px; background: var(--panel); border: 1px solid var(--line);
  box-shadow: 0 2px 6px rgba(0, 0, 0, .08); }
#status.ok { border-left: 4px solid var(--accent); }
#status.error { border-left: 4px solid var(--bad); color: var(--bad); }
#status:empty { display: none; }
.expired { color: var(--bad); font-weight: 600; }
.rotated { color: var(--warn); font-weight: 600; }
table.parts { border-collapse: collapse; width: 100%; }
table.parts th, table.parts td { text-align: left; border-top: 1px solid var(--line);
  padding: .3rem .5rem; vertical-align: top; }
table.parts th { color: var(--muted); font-weight: normal; width: 9rem; }
#log { list-style: none; margin: 0; padding: 0; }
.exchange { border: 1px solid var(--line); border-radius: 6px; margin: .6rem 0; overflow: hidden; }
.exchange summary { cursor: pointer; padding: .45rem .7rem; background: var(--code);
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88rem; }
.exchange .st { font-weight: 700; }
.exchange .st.s2 { color: var(--accent); }
.exchange .st.s4, .exchange .st.s5, .exchange .st.s0 { color: var(--bad); }
.exchange .note { padding: .3rem .7rem 0; color: var(--muted); font-size: .9rem; }
.exchange .halves { display: grid; grid-template-columns: 1fr 1fr; }
.exchange pre { margin: 0; padding: .6rem .7rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.exchange .halves > div { min-width: 0; }
.exchange .halves > div + div { border-left: 1px solid var(--line); }
.exchange h4 { margin: 0; padding: .4rem .7rem 0; font-size: .8rem; color: var(--muted);
  text-transform: uppercase; letter-spacing: .04em; }
@media (max-width: 44rem) { .exchange .halves { grid-template-columns: 1fr; }
  .exchange .halves > div + div { border-left: 0; border-top: 1px solid var(--line); } }
`;
