/** The HTML report's stylesheet: inline, so the file stands alone (and prints well). */
export const STYLE = `
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --pass: #1a7f4b; --fail: #b3261e;
  --skip: #8a5a00; --code: #f2f3f5; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 64rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .6rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 .6rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
h4 { margin: 0; padding: .3rem .6rem 0; font-size: .75rem; color: var(--muted);
  text-transform: uppercase; letter-spacing: .04em; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
dl.target { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.target dt { color: var(--muted); }
dl.target dd { margin: 0; overflow-wrap: anywhere; }
.verdict { display: flex; align-items: center; gap: 1.2rem; margin: 1.2rem 0; padding: .8rem 1.2rem;
  border-radius: 8px; color: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.verdict.pass { background: var(--pass); }
.verdict.fail { background: var(--fail); }
.verdict p { margin: 0; }
.verdict .word { font-size: 2rem; font-weight: 800; letter-spacing: .05em; }
.verdict .counts { opacity: .9; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); }
table.cases td:first-child { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.levels { width: auto; min-width: 24rem; }
td.bad { color: var(--fail); font-weight: 700; }
tr.failed td.result { color: var(--fail); font-weight: 700; }
tr.passed td.result { color: var(--pass); font-weight: 700; }
tr.skipped td.result { color: var(--skip); font-weight: 700; }
tr.failed { background: #fdf1f0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
tr.failed a { color: var(--fail); }
.failure { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px;
  padding: .8rem 1rem; margin: 1rem 0; }
.failure .level { font-size: .75rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; }
.muted { color: var(--muted); }
.evidence { display: grid; grid-template-columns: 1fr 1fr; border: 1px solid var(--line);
  border-radius: 6px; background: var(--code); margin-top: .6rem; }
.evidence > div { min-width: 0; }
.evidence > div + div { border-left: 1px solid var(--line); }
.evidence pre { margin: 0; padding: .5rem .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
ul.skipped li { margin: .2rem 0; }
.roots { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px;
  padding: .4rem 1rem; }
.roots li { margin: .3rem 0; }
details.transcript { margin-top: .6rem; }
details.transcript .evidence { margin-top: .4rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 44rem) { .evidence { grid-template-columns: 1fr; }
  .evidence > div + div { border-left: 0; border-top: 1px solid var(--line); } }
@media print {
  @page { margin: 1.5cm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tr, .verdict { break-inside: avoid; }
  .failure { break-inside: avoid-page; }
  .evidence { grid-template-columns: 1fr; background: none; }
  .evidence > div + div { border-left: 0; border-top: 1px solid var(--line); }
  h2 { break-after: avoid; }
}
`;
