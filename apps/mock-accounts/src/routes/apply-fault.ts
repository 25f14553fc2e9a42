import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { WEB_API_ERRORS } from '../errors.js';
import type { FaultEndpoint } from '../faults.js';
import { journalEntryFor } from '../internal/audit.js';
import type { MockState } from '../state/mock-state.js';

const RATE_LIMIT_BODIES: Record<FaultEndpoint, string> = {
  token: JSON.stringify({
    error: 'temporarily_unavailable',
    error_description: 'Too many requests',
  }),
  me: JSON.stringify(WEB_API_ERRORS.tooManyRequests.body),
  authorize: JSON.stringify(WEB_API_ERRORS.tooManyRequests.body),
};

// Cut in the middle of a string, so every JSON parser fails on it.
const MALFORMED_JSON = '{"access_token":"BQ-truncated';

/**
 * The onRequest hook of a faultable route: takes the endpoint's next pending fault, if any, and
 * plays it before the request is even parsed. `signal` aborts pending delays when the app
 * closes, so `close()` never waits for them.
 */
export function faultHook(
  state: MockState,
  endpoint: FaultEndpoint,
  signal: AbortSignal,
): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const fault = state.faults.take(endpoint);
    if (!fault) return;
    switch (fault.kind) {
      case 'delay':
        await sleep(fault.ms, undefined, { signal }).catch(() => undefined);
        return;
      case 'status':
        reply
          .code(fault.status)
          .headers({ 'content-type': 'application/json', ...fault.headers })
          .send(fault.body ?? '');
        return reply;
      case 'rate-limit':
        reply
          .code(429)
          .headers({ 'content-type': 'application/json', 'retry-after': String(fault.retryAfter) })
          .send(fault.body ?? RATE_LIMIT_BODIES[endpoint]);
        return reply;
      case 'malformed-json':
        reply.code(200).header('content-type', 'application/json').send(MALFORMED_JSON);
        return reply;
      case 'reset': {
        // No answer at all: the journal gets status 0 here because onResponse never runs.
        state.journal.record(journalEntryFor(request, 0, state.clock.now()));
        reply.hijack();
        request.raw.socket?.destroy();
        return reply;
      }
    }
  };
}
