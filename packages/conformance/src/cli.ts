import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CASES } from './cases/index.js';
import { parseCliArgs, type ReporterSpec } from './options.js';
import type { ProgressEvent } from './progress.js';
import { formatHtml } from './reporters/html.js';
import { formatJson } from './reporters/json.js';
import { formatJunit } from './reporters/junit.js';
import { formatPretty } from './reporters/pretty.js';
import { ConformanceOptionsError } from './resolve-options.js';
import { runConformance } from './runner.js';
import { selectCases } from './select.js';
import { ServerStartError } from './spawn.js';
import type { ConformanceReport } from './types.js';
import { summaryLine } from './verdict.js';

/**
 * Exit statuses: 0 the run passed, 1 it failed (or could not start), 2 usage error — which
 * includes a spawned server the suite cannot be sure it is judging (port taken, it exited).
 */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const HELP = `Usage: tokenswap-conformance --swap-url URL --refresh-url URL [options]

Checks a Spotify token swap/refresh server against the contract, case by case.

Target
  --swap-url URL              the server's token swap URL (may hold {port})
  --refresh-url URL           the server's token refresh URL (may hold {port})
  --client-id ID              client id the server is configured with (default: mock demo client)
  --client-secret SECRET      its client secret (default: the demo client's)
  --redirect-uri URI          its redirect/callback URI (default: http://127.0.0.1:8888/callback)
  --mock-port PORT            fixed port for the mock accounts service (default: a free port)
  --impersonate               serve the mock as accounts.spotify.com behind a proxy with a
                              throw-away CA, for servers that hard-code Spotify's URL; adds IMP-001
Spawning the server
  --spawn "COMMAND"           start the server with this shell command (placeholders allowed)
  --env NAME=VALUE            environment for it (repeatable; placeholders allowed)
  --second-env NAME=VALUE     overrides for the second instance started for SEC-005 (repeatable)
  --cwd DIR                   working directory for the command
  --startup-timeout SECONDS   how long the server may take to answer (default 30)
  placeholders: {accounts_url} {client_id} {client_secret} {redirect_uri} {port} {random_key} {random_secret}
Second deployment (SEC-005) without --spawn
  --second-refresh-url URL    refresh URL of an independently keyed deployment
  --second-swap-url URL       its swap URL (lets SEC-005 check that deployment works at all)
Reference mode (REF cases, SHOULD)
  --token-mode sealed|reference|auto  where the server keeps Spotify's refresh token (default
                              auto: REF cases skipped; reference runs them)
  --revoke-url URL            the server's revoke URL, POST refresh_token=… (REF-002; may hold {port})
Cases
  --only ID|PREFIX            run only these (repeatable or comma-separated)
  --skip ID|PREFIX            leave these out (repeatable or comma-separated)
  --level must|should|may     lowest level to run (default may: everything)
  --strict                    SHOULD failures fail the run too
  --expect-failures FILE      known failures, one "ID reason" a line (# comments): the run fails
                              when an unlisted case fails or a listed one passes (stale)
  --seed N                    seed of every random choice (codes, tokens, fuzz); every report
                              prints the seed of its run, and the same seed replays it
  --timeout-bound SECONDS     longest acceptable answer when upstream misbehaves (default 15)
  --slow-delay SECONDS        how long the slow-upstream fault stalls (default 20, > bound)
  --load N                    parallel requests in the LOAD cases (default 50)
Output
  --reporter pretty|json|junit|html[=PATH]  repeatable; default pretty to stdout
  --quiet                     no progress on stderr
  --list                      print the case catalogue and exit
  --version, -h/--help

Exit status: 0 every MUST passed (with --strict every SHOULD too; with --expect-failures only
listed cases failed and none of them passed), 1 otherwise, 2 usage error or a spawned server
that is not the one answering (its port was taken, or it exited).
`;

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`tokenswap-conformance: ${parsed.problems.join('\n  ')}\n\n${HELP}`);
    return EXIT.usage;
  }
  const { command } = parsed;
  if (command.kind === 'help') return write(process.stdout, HELP, EXIT.ok);
  if (command.kind === 'version') return write(process.stdout, `${version()}\n`, EXIT.ok);
  if (command.kind === 'list') {
    const lines = selectCases(CASES, command.options).map(
      (c) => `${c.id.padEnd(12)}${c.level.padEnd(8)}${c.title}`,
    );
    return write(process.stdout, `${lines.join('\n')}\n`, EXIT.ok);
  }
  let report: ConformanceReport;
  try {
    report = await runConformance({
      ...command.options,
      onProgress: command.quiet ? () => {} : printProgress,
    });
  } catch (error) {
    if (error instanceof ConformanceOptionsError || error instanceof ServerStartError)
      return write(process.stderr, `tokenswap-conformance: ${error.message}\n`, EXIT.usage);
    return write(
      process.stderr,
      `tokenswap-conformance: ${(error as Error).message}\n`,
      EXIT.failed,
    );
  }
  for (const spec of command.reporters) await emit(spec, report);
  // The summary line ends stdout, unless stdout carries JSON/XML that it would corrupt.
  const machineOnStdout = command.reporters.some(
    (s) => s.path === undefined && s.kind !== 'pretty',
  );
  (machineOnStdout ? process.stderr : process.stdout).write(`${summaryLine(report.summary)}\n`);
  return report.ok ? EXIT.ok : EXIT.failed;
}

async function emit(spec: ReporterSpec, report: ConformanceReport): Promise<void> {
  const text = format(spec.kind, report);
  if (spec.path === undefined) {
    process.stdout.write(text);
    return;
  }
  await mkdir(dirname(spec.path), { recursive: true });
  await writeFile(spec.path, text);
  process.stderr.write(`wrote ${spec.kind} report to ${spec.path}\n`);
}

function format(kind: ReporterSpec['kind'], report: ConformanceReport): string {
  switch (kind) {
    case 'json':
      return formatJson(report);
    case 'junit':
      return formatJunit(report);
    case 'html':
      return formatHtml(report, { version: version() });
    case 'pretty':
      return formatPretty(report);
  }
}

function printProgress(event: ProgressEvent): void {
  if (event.type === 'setup') process.stderr.write(`· ${event.message}\n`);
  if (event.type === 'case-end') {
    const r = event.result;
    const mark = r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP';
    const why = r.status === 'passed' ? '' : ` — ${r.message ?? ''}`;
    process.stderr.write(`${mark} ${r.id} ${r.title} (${r.durationMs} ms)${why}\n`);
  }
}

function write(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(text);
  return code;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

// A reader that goes away (`tokenswap-conformance … | head`) must not turn the verdict into a
// crash with a stack trace: the rest of the report goes nowhere and the exit code still says
// whether every MUST case passed.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// Ctrl-C: exit through process.exit so the 'exit' hooks stop spawned servers' process groups.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
process.exitCode = await main(process.argv.slice(2));
