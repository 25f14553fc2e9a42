/**
 * @tokenswap/conformance — judges any Spotify token swap/refresh server, by URL, against the
 * contract. See README.md for the CLI and the case catalogue.
 */

export { CASES } from './cases/index.js';
export {
  CATALOGUE_END,
  CATALOGUE_START,
  catalogueRows,
  readCatalogue,
  renderCatalogue,
  replaceCatalogue,
} from './catalogue.js';
export type { TokenAnswer } from './checks.js';
export {
  CaseFailure,
  CaseSkip,
  expectClientError,
  expectTokenAnswer,
  fail,
  isJsonErrorBody,
  skip,
} from './checks.js';
export type { ClientUnderTest, SecondDeployment } from './context.js';
export { CaseContext } from './context.js';
export {
  type ExpectedFailures,
  judgeExpectations,
  parseExpectedFailures,
} from './expectations.js';
export type { HttpExchange, HttpRequestSpec, HttpResponseSnapshot } from './http.js';
export type {
  CertificateOptions,
  ImpersonatedRequest,
  Impersonation,
  ImpersonationCertificates,
  ImpersonationHit,
  ImpersonationOptions,
  ReachSource,
  RefusedTarget,
  TrafficSource,
  UpstreamReachVerdict,
} from './impersonate/index.js';
export {
  createImpersonationCertificates,
  DEFAULT_IMPERSONATED_HOSTS,
  impersonationEnv,
  judgeUpstreamReach,
  startImpersonation,
  toShellExports,
  UPSTREAM_REACH_CASE_ID,
  upstreamReachCase,
} from './impersonate/index.js';
export type { CliCommand, CliParse, ReporterSpec } from './options.js';
export { parseCliArgs } from './options.js';
export { blockedResult, blockingRoot, rootCauses } from './prerequisites.js';
export type { ProgressEvent } from './progress.js';
export { formatHtml, type HtmlReportOptions } from './reporters/html.js';
export { formatJson } from './reporters/json.js';
export { formatJunit } from './reporters/junit.js';
export { formatPretty } from './reporters/pretty.js';
export type {
  ConformanceOptions,
  ResolvedOptions,
  SpawnOptions,
  TokenMode,
} from './resolve-options.js';
export { ConformanceOptionsError, resolveOptions, TOKEN_MODES } from './resolve-options.js';
export { runCase } from './run-case.js';
export { runConformance } from './runner.js';
export { matchesPattern, selectCases } from './select.js';
export type { Session } from './session.js';
export { openSession } from './session.js';
export type { PlaceholderValues } from './spawn.js';
export { fillPlaceholders, PLACEHOLDERS, ServerStartError } from './spawn.js';
export type {
  CaseResult,
  CaseStatus,
  ConformanceCase,
  ConformanceReport,
  Evidence,
  ExpectationOutcome,
  Level,
  RootCause,
  Summary,
} from './types.js';
export { judgeRun, summarize, summaryLine, verdictSentence } from './verdict.js';
