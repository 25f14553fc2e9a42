import type { TestContext } from 'vitest';

/**
 * The figures the hardening suite reports. Each test records its part on its own task
 * (`task.meta.hardening`); the hardening reporter merges them into one table at the end and
 * writes `hardening-results.json` at the repository root.
 */
export interface HardeningFigures {
  fuzz?: {
    seed: number;
    requestsFuzzed: number;
    normalSwapsAfter: number;
    byStatus: Record<string, number>;
    fiveXx: number;
    unmappedFiveXx: number;
    secretsInBodies: number;
    secretsInLogs: number;
    /** Log lines carrying a request head (plain, byte array, Base64 or hex). */
    requestBytesInLogs: number;
    logLevel: string;
    /** Answers whose status and code the catalogue in src/errors.ts does not list. */
    errorsNotInCatalogue: number;
    /** Batches run against a failing accounts service, and the faults their calls took. */
    batchesWithUpstreamFaults: number;
    upstreamFaultsConsumed: number;
    logLinesScanned: number;
    durationMs: number;
  };
  soak?: {
    requests: number;
    concurrency: number;
    errors: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    requestsPerSecond: number;
    rssAfter1kKiB: number;
    rssEndKiB: number;
    rssGrowthPercent: number;
    rssSamplesKiB: number[];
    leak: boolean;
    loopDelayP50Ms: number;
    loopDelayP99Ms: number;
    loopDelayMaxMs: number;
    /** V8 heap in use at the start and end of the soak (informational; RSS is the criterion). */
    heapStartKiB: number;
    heapEndKiB: number;
  };
  chaos?: {
    requests: number;
    concurrency: number;
    upstreamTimeoutMs: number;
    injected: Record<string, number>;
    answers: Record<string, number>;
    upstreamOutcomes: Record<string, number>;
    unmappedAnswers: number;
    spuriousTimeouts: number;
    slowestMs: number;
    hungPastTimeout: number;
    recoveryRequests: number;
    recoveryErrors: number;
  };
  drain?: DrainFigures;
  rawHttp?: RawHttpFigures;
  /** The sequential one-fault-one-request checks of core's mapping table. */
  chaosTable?: { checks: number; rows: number };
  stop?: {
    inFlightAtSignal: number;
    answered200: number;
    lost: number;
    drainedLogged: number;
    refusedAfterSignal: boolean;
    /** Idle, silent and half-open connections held open across the signal. */
    heldConnections: number;
    /** When the last of them was closed by the service, after the signal. */
    heldClosedAfterMs: number;
    exitCode: number | null;
    exitAfterSignalMs: number;
    gracePeriodMs: number;
  };
}

/** The drain window under keep-alive load (drain.test.ts). */
export interface DrainFigures {
  drainMs: number;
  concurrency: number;
  requests: number;
  answered200: number;
  sentAfterSignal: number;
  /** Non-200 answers and resets/dropped requests. */
  failures: number;
  readinessOffAfterMs: number;
  exitCode: number | null;
  exitAfterSignalMs: number;
}

/** The raw-socket cases (raw-http.test.ts). */
export interface RawHttpFigures {
  cases: number;
  /** Answers that are not `{error, error_description}` JSON with no-store (and close). */
  wrongShape: number;
  logLevel: string;
  logLinesScanned: number;
  requestBytesInLogs: number;
}

declare module 'vitest' {
  interface TaskMeta {
    hardening?: HardeningFigures;
  }
}

/** Attaches this test's figures to its task, for the reporter. */
export function recordFigures(context: TestContext, figures: HardeningFigures): void {
  context.task.meta.hardening = { ...context.task.meta.hardening, ...figures };
}
