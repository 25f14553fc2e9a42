import { looksSealed } from '@tokenswap/core';
import { describe, expect, it } from 'vitest';
import { HANDLE_PREFIX, handleKey, isHandle, newHandle } from '../../src/reference/handle.js';

describe('handles', () => {
  it('are rt1_ + 43 base64url characters of 32 random bytes', () => {
    const handle = newHandle(() => new Uint8Array(32).fill(0xff));
    expect(handle).toBe(`${HANDLE_PREFIX}${'_'.repeat(42)}8`);
    expect(isHandle(handle)).toBe(true);
    expect(encodeURIComponent(handle)).toBe(handle);
  });

  it('differ every time and are never taken for sealed tokens', () => {
    const handles = new Set(Array.from({ length: 100 }, () => newHandle()));
    expect(handles.size).toBe(100);
    for (const handle of handles) {
      expect(isHandle(handle)).toBe(true);
      expect(looksSealed(handle)).toBe(false);
    }
  });

  it.each([
    ['too short', `rt1_${'A'.repeat(42)}`],
    ['too long', `rt1_${'A'.repeat(44)}`],
    ['wrong prefix', `rt2_${'A'.repeat(43)}`],
    ['+ instead of -', `rt1_${'A'.repeat(42)}+`],
    ['space', `rt1_${'A'.repeat(42)} `],
    ['sealed token', 'v1.k1.AAAA'],
  ])('isHandle rejects %s', (_, value) => {
    expect(isHandle(value)).toBe(false);
  });

  it('rejects a random source that does not give 32 bytes', () => {
    expect(() => newHandle(() => new Uint8Array(16))).toThrow(RangeError);
  });

  it('store keys are the SHA-256 of the handle, not the handle', () => {
    const handle = newHandle();
    expect(handleKey(handle)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(handleKey(handle)).toBe(handleKey(handle));
    expect(handleKey(handle)).not.toContain(handle.slice(4, 20));
  });
});
