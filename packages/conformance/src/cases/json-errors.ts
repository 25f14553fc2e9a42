import { fail } from '../checks.js';
import type { CaseContext } from '../context.js';
import { formPost, type HttpExchange } from '../http.js';
import { randomBytes } from '../internal/random.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * ERR-015: every 4xx answer of the whole run is served as JSON. It runs last, so it judges every
 * refusal the other cases provoked (and provokes a few of its own for a run of it alone). Other
 * cases judge an error's status and body; this one its Content-Type, which the SDKs read before
 * the body: a `text/html` 400 is "Cocoa error 3840" on iOS even when its body is JSON. 5xx
 * answers are FAULT-009's.
 */
export const jsonErrorsCase: ConformanceCase = {
  id: 'ERR-015',
  title: 'Every error answer (4xx) of the run is served as application/json',
  level: 'MUST',
  basis: BASIS.errorMediaType,
  async run(ctx) {
    await provokeRefusals(ctx);
    const errors = ctx.exchanges.filter((e) => isClientError(e));
    const wrong = errors.filter((e) => !JSON_TYPE.test(e.response?.headers['content-type'] ?? ''));
    const first = wrong[0];
    if (first) {
      const res = first.response;
      fail(
        `${wrong.length} of ${errors.length} error answers were not JSON: expected Content-Type application/json, got "${res?.headers['content-type'] ?? ''}" first on HTTP ${res?.status} to ${first.request.method} ${pathOf(first.request.url)}`,
        first,
      );
    }
  },
};

function isClientError(exchange: HttpExchange): boolean {
  const status = exchange.response?.status ?? 0;
  return status >= 400 && status <= 499;
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}

/** Refusals every server must give: no code, an invalid code, an unknown token, a GET. */
async function provokeRefusals(ctx: CaseContext): Promise<void> {
  await ctx.send(formPost(ctx.swapUrl, {}));
  await ctx.swap(`conformance-invalid-${randomBytes(12).toString('hex')}`);
  await ctx.refresh(`conformance-unknown-${randomBytes(12).toString('hex')}`);
  await ctx.send({ method: 'GET', url: ctx.refreshUrl });
}
