import { beforeAll, describe, expect, it } from 'vitest';
import { decryptEncryptedStrings } from '../../src/legacy/index.js';
import { ruby } from './helpers/external-tools.js';
import { rubyEncryptedStrings } from './helpers/ruby-encrypted-strings.js';

/** Lengths around the 8-byte block size (a multiple of 8 gets a whole padding block). */
const PLAINTEXTS = [1, 7, 8, 9, 16, 45, 46, 131, 200].map((n) =>
  'AQ-_0aZ9'.repeat(Math.ceil(n / 8)).slice(0, n),
);
const SECRETS = ['secret', 'cFJLyifeUJUBFWdHzVbykfDmPHtLKLGzViHW9aHGmyTLD8hGXC', 'ümlaut €'];

describe('the tools that make legacy tokens', () => {
  it.runIf(process.env.CI)('ruby is installed (CI must run the Ruby tests, not skip them)', () => {
    expect(ruby.available).toBe(true);
  });
});

describe(`Ruby's OpenSSL, called as encrypted_strings calls it${ruby.skipNote}`, () => {
  const items = SECRETS.flatMap((secret) => PLAINTEXTS.map((plaintext) => ({ plaintext, secret })));
  let produced: string[] = [];

  beforeAll(() => {
    if (ruby.skip) return;
    produced = rubyEncryptedStrings([{ plaintext: 'test', secret: 'secret' }, ...items]);
  }, 60_000);

  it.skipIf(ruby.skip)(
    'reproduces the known vector of NOTES.md: "test"/"secret" → "MU6e/5LvhKA=\\n"',
    () => {
      expect(produced[0]).toBe('MU6e/5LvhKA=\n');
    },
  );

  it.skipIf(ruby.skip)('has the gem’s layout: a newline every 60 characters and at the end', () => {
    const long = produced.at(-1) ?? '';
    const lines = long.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -2).every((line) => line.length === 60)).toBe(true);
    expect(lines.length).toBeGreaterThan(2);
  });

  it.skipIf(ruby.skip)(
    'decryptEncryptedStrings opens every token, for every length and secret',
    () => {
      items.forEach((item, index) => {
        const token = produced[index + 1] ?? '';
        const opened = decryptEncryptedStrings(Buffer.from(token, 'base64'), item.secret);
        expect(opened?.toString('utf8'), `${item.plaintext.length} bytes`).toBe(item.plaintext);
      });
    },
  );

  it.skipIf(ruby.skip)(
    'and opens none of them under another of the secrets as a PKCS#7-valid match',
    () => {
      items.forEach((item, index) => {
        const token = Buffer.from(produced[index + 1] ?? '', 'base64');
        for (const other of SECRETS.filter((secret) => secret !== item.secret)) {
          expect(decryptEncryptedStrings(token, other)?.toString('utf8')).not.toBe(item.plaintext);
        }
      });
    },
  );
});
