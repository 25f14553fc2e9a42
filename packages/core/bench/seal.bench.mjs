// Seal/open throughput next to raw WebCrypto AES-256-GCM on the same input, in the same run.
// Run after a build: `pnpm --filter @tokenswap/core bench` (imports the built ../dist).
// Reusable: `import { runSealBench } from '@tokenswap/core/bench/seal.bench.mjs'`-style relative
// import from the root bench, `await runSealBench({ durationMs })` returns the numbers.
import { pathToFileURL } from 'node:url';
import {
  encodeBase64Url,
  importKeyring,
  openRefreshToken,
  sealRefreshToken,
} from '../dist/index.js';

/** A Spotify-sized refresh token (131 characters). */
const TOKEN = `AQ${'B7xk_Rz-9m'.repeat(13)}`.slice(0, 131);
const CLIENT_ID = 'tokenswap-demo-client';
const KEY_BYTES = new Uint8Array(32).map((_, i) => i * 7);

/** Runs `op` back to back for `ms` milliseconds; returns how many completed. */
async function countFor(ms, op) {
  let count = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Batches of 64 keep the clock reads out of the measurement.
    for (let i = 0; i < 64; i++) await op();
    count += 64;
  }
  return count;
}

/**
 * Measures seal, open, raw encrypt and raw decrypt in interleaved rounds (so machine load
 * affects all four alike). `durationMs` is the time spent on each of the four; the ratios are
 * medians of the per-round ratios.
 * @param {{ durationMs?: number, rounds?: number }} [options]
 */
export async function runSealBench({ durationMs = 3000, rounds = 10 } = {}) {
  const subtle = globalThis.crypto.subtle;
  const keyringResult = await importKeyring([{ id: 'bench', key: encodeBase64Url(KEY_BYTES) }]);
  if (!keyringResult.ok) throw keyringResult.error;
  const keyring = keyringResult.value;
  const context = { clientId: CLIENT_ID };
  const rawKey = await subtle.importKey('raw', KEY_BYTES, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const plain = new TextEncoder().encode(TOKEN);
  const aad = new TextEncoder().encode(`v1.bench.${CLIENT_ID}`);
  const sealed = await sealRefreshToken(TOKEN, keyring, context);
  const rawIv = crypto.getRandomValues(new Uint8Array(12));
  const rawCiphertext = await subtle.encrypt(
    { name: 'AES-GCM', iv: rawIv, additionalData: aad },
    rawKey,
    plain,
  );

  const ops = {
    seal: () => sealRefreshToken(TOKEN, keyring, context),
    rawEncrypt: () =>
      subtle.encrypt(
        { name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)), additionalData: aad },
        rawKey,
        plain,
      ),
    open: async () => {
      const r = await openRefreshToken(sealed, keyring, context);
      if (!r.ok) throw new Error('bench token did not open');
    },
    rawDecrypt: () =>
      subtle.decrypt({ name: 'AES-GCM', iv: rawIv, additionalData: aad }, rawKey, rawCiphertext),
  };
  for (const op of Object.values(ops)) await countFor(50, op); // warm-up (JIT)
  // Interleaved rounds: the machine may be shared, so each round compares operations measured
  // moments apart, and the reported ratio is the median of the per-round ratios.
  const counts = { seal: 0, rawEncrypt: 0, open: 0, rawDecrypt: 0 };
  const sealRatios = [];
  const openRatios = [];
  const slice = durationMs / rounds;
  for (let r = 0; r < rounds; r++) {
    const round = {};
    for (const [name, op] of Object.entries(ops)) round[name] = await countFor(slice, op);
    for (const name of Object.keys(counts)) counts[name] += round[name];
    sealRatios.push(round.rawEncrypt / round.seal);
    openRatios.push(round.rawDecrypt / round.open);
  }
  const perSecond = (n) => Math.round((n * 1000) / durationMs);
  return {
    input: { tokenLength: TOKEN.length, sealedLength: sealed.length },
    sealOpsPerSec: perSecond(counts.seal),
    rawEncryptOpsPerSec: perSecond(counts.rawEncrypt),
    openOpsPerSec: perSecond(counts.open),
    rawDecryptOpsPerSec: perSecond(counts.rawDecrypt),
    /** How many times slower than raw WebCrypto, median over rounds (goal: <= 1.5). */
    sealRatio: round2(median(sealRatios)),
    openRatio: round2(median(openRatios)),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round2 = (n) => Math.round(n * 100) / 100;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const durationMs = Number(process.env.BENCH_DURATION_MS ?? 3000);
  const r = await runSealBench({ durationMs });
  const row = (name, ops, raw, ratio) =>
    `${name.padEnd(6)} ${String(ops).padStart(9)} ops/s   raw WebCrypto ${String(raw).padStart(9)} ops/s   median ratio ${ratio.toFixed(2)}x ${ratio <= 1.5 ? '(within 1.5x goal)' : '(OVER 1.5x goal)'}`;
  console.log(
    `@tokenswap/core seal bench — ${r.input.tokenLength}-char token, sealed ${r.input.sealedLength} chars, ${durationMs} ms per operation, Node ${process.version}`,
  );
  console.log(row('seal', r.sealOpsPerSec, r.rawEncryptOpsPerSec, r.sealRatio));
  console.log(row('open', r.openOpsPerSec, r.rawDecryptOpsPerSec, r.openRatio));
}
