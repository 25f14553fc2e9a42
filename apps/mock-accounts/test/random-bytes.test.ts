import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveConfig, startMockAccounts } from '../src/index.js';

/** A deterministic source: SHA-256 over a seed and a counter. */
function seeded(seed: string): (size: number) => Uint8Array {
  let counter = 0;
  return (size) => {
    const out = Buffer.alloc(size);
    for (let at = 0; at < size; at += 32) {
      counter += 1;
      createHash('sha256').update(`${seed}:${counter}`).digest().copy(out, at);
    }
    return out;
  };
}

describe('randomBytes option (replayable runs)', () => {
  it('makes codes and tokens come from the given source: same source, same values', async () => {
    const mint = async (seed: string) => {
      const mock = await startMockAccounts({ randomBytes: seeded(seed) });
      try {
        return [mock.mintCode(), mock.mintCode()];
      } finally {
        await mock.close();
      }
    };
    const first = await mint('a');
    expect(await mint('a')).toEqual(first);
    expect(await mint('b')).not.toEqual(first);
    expect(first[0]).toMatch(/^AQ[A-Za-z0-9_-]{128}$/);
  });

  it('is refused when it is not a function', () => {
    expect(() => resolveConfig({ randomBytes: 42 as never })).toThrow(
      /randomBytes: must be a function/,
    );
  });
});
