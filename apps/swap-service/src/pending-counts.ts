import type { Counter, LabelValues } from 'prom-client';

interface Cell<L extends string> {
  readonly labels: LabelValues<L>;
  count: number;
}

/**
 * Counts of one prom-client `Counter`, kept as plain numbers per label set and added to the
 * counter when it is read (its `collect`, run by every scrape and `get()`). `Counter.inc(labels)`
 * hashes and validates its label object on every call; here a request costs one `Map` lookup on
 * a key the caller builds (bench/metrics-hot-path.ts). The label sets must be bounded — they
 * are keys of a map that is never pruned, as they are of the counter itself.
 *
 * @example
 * ```ts
 * const pending = new PendingCounts<'route'>();
 * const counter = new Counter({ name, help, labelNames: ['route'], collect: () => pending.flushInto(counter) });
 * pending.add(route, () => ({ route }));
 * ```
 */
export class PendingCounts<L extends string> {
  readonly #cells = new Map<string, Cell<L>>();

  /** Counts one under `key`; `labels` builds the label set the first time `key` is seen. */
  add(key: string, labels: () => LabelValues<L>): void {
    const cell = this.#cells.get(key);
    if (cell === undefined) this.#cells.set(key, { labels: labels(), count: 1 });
    else cell.count += 1;
  }

  /** Adds what was counted since the last flush to `counter`. */
  flushInto(counter: Counter<L>): void {
    for (const cell of this.#cells.values()) {
      if (cell.count === 0) continue;
      counter.inc(cell.labels, cell.count);
      cell.count = 0;
    }
  }
}
