import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_SECONDS, parseRetryAfter, sanitizeDescription } from '../src/index.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['120', 120],
    [' 5 ', 5],
    ['999999999', MAX_RETRY_AFTER_SECONDS],
    ['Tue, 24 Nov 2026 12:00:30 GMT', 30],
    ['Tuesday, 24-Nov-26 12:01:00 GMT', 60],
    ['Tue Nov 24 12:00:10 2026', 10],
    ['Tue, 24 Nov 2026 11:00:00 GMT', 0],
    ['Tue, 24 Nov 2026 12:00:00.500 GMT', 1],
  ])('reads %j as %i seconds', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });

  it.each([undefined, '', '-5', '1.5', 'soon', 'Tue, 99 Nov 2026 12:00:00 GMT'])(
    'ignores %j',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it('ignores a date when the clock is not a finite number', () => {
    expect(parseRetryAfter('Tue, 24 Nov 2026 12:00:30 GMT', Number.NaN)).toBeUndefined();
  });
});

describe('sanitizeDescription', () => {
  it.each([
    ['Invalid refresh token', 'Invalid refresh token'],
    ['  spaced \t out\n', 'spaced out'],
    ['ctl\u0000\u001f chars', 'ctl chars'],
    ['naïve', 'na ve'],
    [`token ${'a1B2_'.repeat(6)} here`, 'token [redacted] here'],
  ])('cleans %j', (input, output) => {
    expect(sanitizeDescription(input)).toBe(output);
  });

  it('caps the length with an ellipsis', () => {
    const long = sanitizeDescription('word '.repeat(100)) as string;
    expect(long.length).toBe(200);
    expect(long.endsWith('...')).toBe(true);
  });

  it.each([undefined, null, 5, {}, '', ' \u0000 '])('gives undefined for %j', (value) => {
    expect(sanitizeDescription(value)).toBeUndefined();
  });
});
