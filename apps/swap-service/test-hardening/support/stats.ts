/** Nearest-rank percentile of `values` (not necessarily sorted); 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Adds one to `tally[key]`. */
export function bump(tally: Record<string, number>, key: string, by = 1): void {
  tally[key] = (tally[key] ?? 0) + by;
}

/** Rounds to one decimal, for printing. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A small seeded PRNG (mulberry32), so schedules are reproducible from a printed seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of a run: `HARDENING_SEED` when set (to replay), else a fresh one. */
export function runSeed(): number {
  const given = process.env.HARDENING_SEED;
  if (given !== undefined && /^-?\d+$/.test(given)) return Number(given) | 0;
  return (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
}
