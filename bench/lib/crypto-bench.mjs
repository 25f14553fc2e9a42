/**
 * In-process throughput of the core's seal/open against raw WebCrypto AES-256-GCM on the same
 * data, so the core's own overhead (format, Base64url, AAD, checks) shows as the difference.
 * Sequential runs (one operation at a time: the latency one request pays) and runs with
 * `concurrency` operations in flight (WebCrypto jobs run on libuv's thread pool, so this is the
 * throughput a loaded server can get).
 */
import { importKeyring, openRefreshToken, parseKeyringSpec, sealRefreshToken } from './core.mjs';

const subtle = globalThis.crypto.subtle;

/** A refresh token shaped like Spotify's (131 characters, 'AQ' + Base64url). */
export function sampleRefreshToken() {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(97));
  return `AQ${Buffer.from(bytes).toString('base64url')}`.slice(0, 131);
}

/**
 * Runs `op` for `seconds` with `concurrency` in flight; returns operations per second.
 * @param {() => Promise<unknown>} op
 */
async function throughput(op, { seconds, concurrency }) {
  let count = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      await op();
      count += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - started) / 1000);
}

/**
 * @param {{ keys: string, token?: string, seconds?: number, concurrency?: number }} options
 *   keys: a TOKEN_ENCRYPTION_KEYS value (its first key is used)
 */
export async function benchCrypto({
  keys,
  token = sampleRefreshToken(),
  seconds = 1,
  concurrency = 10,
}) {
  const specs = parseKeyringSpec(keys);
  if (!specs.ok) throw specs.error;
  const keyring = await importKeyring(specs.value);
  if (!keyring.ok) throw keyring.error;
  const context = { clientId: 'tokenswap-demo-client' };
  const sealed = await sealRefreshToken(token, keyring.value, context);
  const check = await openRefreshToken(sealed, keyring.value, context);
  if (!check.ok || check.value !== token) throw new Error('seal/open round trip failed');

  // Raw WebCrypto on the same key bytes, IV size and AAD as the sealed format.
  const rawKey = await subtle.importKey(
    'raw',
    Buffer.from(specs.value[0].key, 'base64url'),
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const plain = new TextEncoder().encode(token);
  const additionalData = new TextEncoder().encode(`v1.${specs.value[0].id}.${context.clientId}`);
  const fixedIv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const cipher = await subtle.encrypt(
    { name: 'AES-GCM', iv: fixedIv, additionalData },
    rawKey,
    plain,
  );

  const operations = {
    seal: () => sealRefreshToken(token, keyring.value, context),
    open: async () => {
      const opened = await openRefreshToken(sealed, keyring.value, context);
      if (!opened.ok) throw new Error('open failed');
    },
    rawEncrypt: () =>
      subtle.encrypt(
        {
          name: 'AES-GCM',
          iv: globalThis.crypto.getRandomValues(new Uint8Array(12)),
          additionalData,
        },
        rawKey,
        plain,
      ),
    rawDecrypt: () =>
      subtle.decrypt({ name: 'AES-GCM', iv: fixedIv, additionalData }, rawKey, cipher),
    importKeyring: () => importKeyring(specs.value),
  };

  const results = {};
  for (const [name, op] of Object.entries(operations)) {
    await throughput(op, { seconds: 0.2, concurrency }); // warm-up (JIT, thread pool)
    const sequential = await throughput(op, { seconds, concurrency: 1 });
    const parallel = await throughput(op, { seconds, concurrency });
    results[name] = {
      sequentialOpsPerSecond: Math.round(sequential),
      microsecondsPerOp: Math.round((1e6 / sequential) * 10) / 10,
      concurrentOpsPerSecond: Math.round(parallel),
    };
  }
  return { tokenLength: token.length, sealedLength: sealed.length, seconds, concurrency, results };
}
