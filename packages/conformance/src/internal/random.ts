import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes as osRandomBytes, randomInt } from 'node:crypto';

/**
 * A deterministic byte stream from a seed and a label: SHA-256 over seed, label and a counter
 * (a hash DRBG). Two streams of one seed with different labels are independent, so the mock's
 * codes and the suite's own values do not shift each other when one of them draws more.
 */
export class SeededRandom {
  #counter = 0;
  #pool: Buffer = Buffer.alloc(0);

  constructor(
    readonly seed: number,
    readonly label: string,
  ) {}

  /** The next `size` bytes of the stream. */
  bytes(size: number): Buffer {
    const chunks: Buffer[] = [];
    let needed = size;
    while (needed > 0) {
      if (this.#pool.length === 0) this.#pool = this.#block();
      const take = this.#pool.subarray(0, needed);
      this.#pool = this.#pool.subarray(take.length);
      chunks.push(take);
      needed -= take.length;
    }
    return Buffer.concat(chunks, size);
  }

  /** An independent stream of the same seed. */
  derive(label: string): SeededRandom {
    return new SeededRandom(this.seed, `${this.label}/${label}`);
  }

  #block(): Buffer {
    this.#counter += 1;
    return createHash('sha256')
      .update(`${this.seed}\u0000${this.label}\u0000${this.#counter}`)
      .digest();
  }
}

/** Largest seed: any whole number 0..2^32-1 is accepted by `--seed`. */
export const MAX_SEED = 2 ** 32 - 1;

/** A fresh seed for a run that was not given one (printed in its report, so it can be replayed). */
export function newSeed(): number {
  return randomInt(0, MAX_SEED);
}

const current = new AsyncLocalStorage<SeededRandom>();

/** Runs `fn` (and everything it awaits) with `random` as the source of `randomBytes`. */
export function withRandom<T>(random: SeededRandom, fn: () => T): T {
  return current.run(random, fn);
}

/**
 * Random bytes for codes, tokens and fuzz: from the run's seeded stream inside a run (so
 * `--seed` replays it), from the OS outside one. Cases import this, not `node:crypto`.
 *
 * @example
 * const code = `conformance-invalid-${randomBytes(12).toString('hex')}`;
 */
export function randomBytes(size: number): Buffer {
  return current.getStore()?.bytes(size) ?? osRandomBytes(size);
}
