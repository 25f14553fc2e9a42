/**
 * The service's entry point (`pnpm start`, the `tokenswap-swap-service` bin): configure from
 * the environment, listen, print the banner, and shut down gracefully on SIGTERM/SIGINT.
 * Importing this module starts the service; import `index.js` for the API.
 */
import { formatBanner } from './banner.js';
import { flushLogs } from './log-destination.js';
import { ConfigurationError, type SwapService, startSwapService } from './start-swap-service.js';

async function main(): Promise<void> {
  let service: SwapService;
  try {
    service = await startSwapService({ env: process.env });
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`tokenswap swap service: ${error.message}`);
    } else {
      console.error(`tokenswap swap service failed to start: ${(error as Error).message}`);
    }
    await flushLogs();
    process.exit(1);
  }
  // Signals are handled before the banner says the service is up: whoever starts it and stops
  // it as soon as it reads the banner (a supervisor, a test) must not meet Node's default
  // SIGTERM, which ends the process without a drain (seen once in a Node 24 test run).
  handleShutdown(service);
  // The lines logged while starting go out before the banner, in the order they were logged.
  await flushLogs();
  console.log(formatBanner(service));
}

/**
 * First SIGTERM/SIGINT: /readyz turns 503 and, after `SHUTDOWN_DRAIN_MS` of serving on, the
 * service stops listening, closes every connection without a request in flight, answers 503
 * (JSON, `Retry-After`) to requests arriving on open connections, finishes in-flight requests,
 * logs how many, exits 0. A second signal, or `SHUTDOWN_TIMEOUT_MS` passing, exits 1 at once.
 */
function handleShutdown(service: SwapService): void {
  const log = service.app.log;
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      exitFlushed(1);
      return;
    }
    shuttingDown = true;
    const inFlight = service.app.tokenswap.inFlight.count;
    const drainMs = service.config.shutdownDrainMs;
    log.info(
      { signal, inFlight, drainMs },
      drainMs > 0
        ? `shutting down: readiness off, serving on for ${drainMs} ms, then refusing new requests`
        : 'shutting down: refusing new requests, finishing in-flight ones',
    );
    const timer = setTimeout(() => {
      log.error({ inFlight: service.app.tokenswap.inFlight.count }, 'shutdown timed out');
      exitFlushed(1);
    }, service.config.shutdownTimeoutMs);
    timer.unref();
    service.close().then(
      () => {
        log.info({ drained: inFlight }, `drained ${inFlight} in-flight request(s); stopped`);
        exitFlushed(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        exitFlushed(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Exits once the buffered log lines are written (production's stdout is buffered, see
 * log-destination.ts): the last lines of a stop are the ones an operator needs. Bounded: a
 * stdout that takes no more bytes delays the exit by `LOG_FLUSH_DEADLINE_MS` at most.
 */
function exitFlushed(code: number): void {
  void flushLogs().then(() => process.exit(code));
}

await main();
