/** What every stored record carries: the mock time (ms) after which it is no longer valid. */
export interface Expiring {
  expiresAt: number;
}

/**
 * A Map with a size cap and time-based purging, used for codes, tokens and consents.
 *
 * Entries live on for `retentionMs` after they expire, so the mock can still say "expired"
 * (as Spotify does) instead of "invalid"; after that they are purged. When the cap is reached
 * the oldest entry is evicted first (Map keeps insertion order), so a long benchmark cannot grow
 * memory without limit.
 */
export class BoundedStore<V extends Expiring> {
  readonly #entries = new Map<string, V>();
  readonly #max: number;
  readonly #retentionMs: number;

  constructor(options: { max: number; retentionMs: number }) {
    this.#max = options.max;
    this.#retentionMs = options.retentionMs;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Adds an entry, evicting the oldest ones when the store is full. */
  set(key: string, value: V): void {
    this.#entries.delete(key);
    while (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }

  /** Looks an entry up; one that expired longer than the retention ago is purged and missed. */
  get(key: string, now: number): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    if (now >= value.expiresAt + this.#retentionMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return value;
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Purges every entry past expiry plus retention; returns how many went. */
  sweep(now: number): number {
    let purged = 0;
    for (const [key, value] of this.#entries) {
      if (now >= value.expiresAt + this.#retentionMs) {
        this.#entries.delete(key);
        purged += 1;
      }
    }
    return purged;
  }
}
