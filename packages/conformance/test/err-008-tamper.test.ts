import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tamper } from '../src/cases/errors.js';

// Regression for ERR-008 "Refresh with a tampered refresh token is refused": the tamper step
// used to set the middle character to 'A'. On a hex token (the React Native example server's
// format) whose middle digit was 'a' that is a case-only change, which every hex decoder reads
// as the same bytes — so the server "accepted a tampered token" that was not tampered at all,
// in about 1 run in 16 (measured: 4 of 14, docs/legacy-servers.md). The tamper must change what
// any decoder sees.

const HEX = '0123456789abcdef';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const tokenOf = (alphabet: string, minLength: number) =>
  fc
    .array(fc.constantFrom(...alphabet), { minLength, maxLength: 200 })
    .map((chars) => chars.join(''));

describe('ERR-008: the tampered refresh token is different for every decoder', () => {
  it("ERR-008: a hex token with 'a' in the middle is not merely upper-cased", () => {
    for (const digit of HEX) {
      const token = `0123456789${digit}abcdef012`; // 20 chars: the middle one is `digit`
      const tampered = tamper(token);
      expect(tampered.toLowerCase()).not.toBe(token.toLowerCase());
      expect(tampered).toMatch(/^[0-9a-f]+$/);
    }
    // The case that failed: the old tamper turned this into '…A…', the same bytes.
    const token = '00112233aa44556677';
    expect(tamper(token)).not.toBe('00112233aA44556677');
    expect(Buffer.from(tamper(token), 'hex')).not.toEqual(Buffer.from(token, 'hex'));
  });

  it('ERR-008: hex tokens (either case) decode to different bytes', () => {
    fc.assert(
      fc.property(tokenOf(HEX, 2), fc.boolean(), (raw, upper) => {
        const token = (raw.length % 2 === 0 ? raw : `${raw}0`)[
          upper ? 'toUpperCase' : 'toLowerCase'
        ]();
        const tampered = tamper(token);
        expect(tampered).toMatch(/^[0-9a-fA-F]+$/);
        expect(Buffer.from(tampered, 'hex').equals(Buffer.from(token, 'hex'))).toBe(false);
      }),
    );
  });

  it('ERR-008: base64url and base32 tokens stay in their alphabet and change', () => {
    fc.assert(
      fc.property(tokenOf(BASE64URL, 4), (token) => {
        const tampered = tamper(token);
        expect([...tampered].every((c) => BASE64URL.includes(c))).toBe(true);
        expect(tampered.length).toBe(token.length);
        expect(tampered.toLowerCase()).not.toBe(token.toLowerCase());
      }),
    );
    fc.assert(
      fc.property(tokenOf(BASE32, 1), (token) => {
        const tampered = tamper(token);
        expect([...tampered].every((c) => BASE32.includes(c))).toBe(true);
        expect(tampered).not.toBe(token);
      }),
    );
  });

  it('ERR-008: separators are passed over, and a token of separators still changes', () => {
    expect(tamper('v1.k1.abcdef')).toBe('v1.k1.bbcdef');
    expect(tamper('----')).not.toBe('----');
  });
});
