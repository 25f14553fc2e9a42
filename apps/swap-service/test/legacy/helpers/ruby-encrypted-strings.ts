import { spawnSync } from 'node:child_process';

/**
 * The `encrypted_strings` gem's `SymmetricCipher#encrypt` (its default, non-PKCS5 mode) written
 * against Ruby's own OpenSSL: `pkcs5_keyivgen(password, 'OpenSSL ', 1)`, IV "OpenSSL for Ruby
 * rulez!" cut to the 8 bytes DES takes (what Ruby's OpenSSL did when the gem was current;
 * today's raises on the long IV, so we cut it ourselves), then `Base64.encode64` — newline
 * every 60 characters and at the end. The gem itself is not in Debian and not needed: these
 * are the calls it makes.
 */
const RUBY_ENCRYPT = `
require 'openssl'
require 'base64'
require 'json'
items = JSON.parse(STDIN.read)
out = items.map do |item|
  cipher = OpenSSL::Cipher.new('DES-EDE3-CBC')
  cipher.encrypt
  cipher.pkcs5_keyivgen(item['secret'], 'OpenSSL ', 1)
  cipher.iv = 'OpenSSL for Ruby rulez!'[0, cipher.iv_len]
  Base64.encode64(cipher.update(item['plaintext']) + cipher.final)
end
STDOUT.write(JSON.generate(out))
`;

/** One plaintext and the `ENCRYPTION_SECRET` the old server had. */
export interface RubyEncryptItem {
  readonly plaintext: string;
  readonly secret: string;
}

/**
 * Encrypts each item as `plaintext.encrypt(:symmetric, password: secret)` did, in one `ruby`
 * process. Throws (failing the test) if ruby is missing or fails.
 */
export function rubyEncryptedStrings(items: readonly RubyEncryptItem[]): string[] {
  const result = spawnSync('ruby', ['-e', RUBY_ENCRYPT], {
    input: JSON.stringify(items),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error !== undefined) {
    throw new Error(
      `ruby could not run (${result.error.message}); install it: apt-get install -y ruby`,
    );
  }
  if (result.status !== 0) throw new Error(`ruby failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}
