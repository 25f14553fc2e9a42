import { describe, expectTokenAnswer, fail } from '../checks.js';
import type { CaseContext } from '../context.js';
import type { HttpExchange } from '../http.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';

/** Parallel traffic (`--load N`, default 50): every request must succeed. */
export const loadCases: readonly ConformanceCase[] = [
  {
    id: 'LOAD-001',
    title: 'N parallel swaps all succeed',
    level: 'SHOULD',
    requires: ['SWAP-001'],
    basis: BASIS.load,
    async run(ctx) {
      const codes = await Promise.all(times(ctx, () => ctx.authorizeCode()));
      const exchanges = await Promise.all(codes.map((code) => ctx.swap(code)));
      expectAllOk(exchanges, true, 'swaps');
    },
  },
  {
    id: 'LOAD-002',
    title: 'N parallel refreshes all succeed',
    level: 'SHOULD',
    requires: ['REFRESH-001'],
    basis: BASIS.load,
    async run(ctx) {
      // Each refresh gets its own grant, so the refreshes are independent of each other.
      const codes = await Promise.all(times(ctx, () => ctx.authorizeCode()));
      const swaps = await Promise.all(codes.map((code) => ctx.swap(code)));
      const tokens = expectAllOk(swaps, true, 'swaps (preparing the refreshes)');
      const exchanges = await Promise.all(tokens.map((t) => ctx.refresh(t.refreshToken as string)));
      expectAllOk(exchanges, false, 'refreshes');
    },
  },
];

function times<T>(ctx: CaseContext, make: () => Promise<T>): Promise<T>[] {
  return Array.from({ length: ctx.options.load }, make);
}

function expectAllOk(exchanges: HttpExchange[], requireRefreshToken: boolean, what: string) {
  const failed = exchanges.filter((e) => e.response?.status !== 200);
  const first = failed[0];
  if (first) {
    fail(
      `expected all ${exchanges.length} parallel ${what} to succeed (HTTP 200), ${failed.length} failed; first: ${describe(first)}`,
      first,
    );
  }
  return exchanges.map((e) => expectTokenAnswer(e, { requireRefreshToken }));
}
