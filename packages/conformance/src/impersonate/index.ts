export {
  type CertificateOptions,
  createImpersonationCertificates,
  type ImpersonationCertificates,
} from './certificate-authority.js';
export { IMPERSONATION_NO_PROXY, impersonationEnv, toShellExports } from './impersonation-env.js';
export type { ListenableApp } from './internal/mock-origin.js';
export {
  DEFAULT_IMPERSONATED_HOSTS,
  type Impersonation,
  type ImpersonationOptions,
  startImpersonation,
} from './start-impersonation.js';
export type { ImpersonatedRequest, ImpersonationHit, RefusedTarget } from './traffic-log.js';
export { DEFAULT_SYSTEM_CA_BUNDLE, type TrustFiles, writeTrustFiles } from './trust-files.js';
export { type ReachSource, upstreamReachCase } from './upstream-reach-case.js';
export {
  judgeUpstreamReach,
  type TrafficSource,
  UPSTREAM_REACH_CASE_ID,
  type UpstreamReachVerdict,
} from './upstream-reach-verdict.js';
