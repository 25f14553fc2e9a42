import type { FastifyRequest } from 'fastify';
import type { JournalEntry } from '../journal.js';

/** What a route learned about a request for its journal entry (never secrets). */
export type Audit = Partial<Omit<JournalEntry, 'time' | 'method' | 'path' | 'status'>>;

// Kept outside the request object so no Fastify decoration or type augmentation is needed.
const audits = new WeakMap<FastifyRequest, Audit>();
const times = new WeakMap<FastifyRequest, number>();

/** Notes details for the request's journal entry. */
export function noteAudit(request: FastifyRequest, audit: Audit): void {
  audits.set(request, { ...audits.get(request), ...audit });
}

/** Notes the mock-clock time the request arrived. */
export function noteArrival(request: FastifyRequest, time: number): void {
  times.set(request, time);
}

/** Builds the journal entry of a finished request. */
export function journalEntryFor(
  request: FastifyRequest,
  status: number,
  fallbackTime: number,
): JournalEntry {
  const audit = audits.get(request) ?? {};
  return {
    time: times.get(request) ?? fallbackTime,
    method: request.method,
    path: request.url.split('?')[0] ?? request.url,
    clientAuth: 'none',
    hasCode: false,
    hasCodeVerifier: false,
    paramsIn: 'none',
    ...audit,
    status,
  };
}
