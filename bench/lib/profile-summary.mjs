/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and sums self time by area (our packages,
 * each dependency, Node internals, GC, idle) and by function, so a run can say where the swap
 * service's CPU went without opening DevTools.
 *
 *   node bench/lib/profile-summary.mjs bench/results/swap-refresh-warn.cpuprofile
 */
import { readFileSync } from 'node:fs';

/** Which part of the process a stack frame belongs to. */
export function areaOf({ url, functionName }) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return '(program: native, not attributed)';
    return `native ${functionName || '(anonymous)'}`;
  }
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pnpm) return pnpm[1];
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (plain) return plain[1];
  if (url.includes('/packages/core/')) return '@tokenswap/core';
  if (url.includes('/apps/swap-service/')) return '@tokenswap/swap-service';
  if (url.includes('/apps/mock-accounts/')) return '@tokenswap/mock-accounts';
  const internal = /^node:(?:internal\/)?([^/]+)/.exec(url);
  if (internal) return `node:${internal[1]}`;
  return url;
}

/**
 * @param {string} path  a .cpuprofile file
 * @param {{ top?: number, window?: { fromUs: number, toUs: number, requests?: number } }} [options]
 *   window: only samples stamped inside it (V8 stamps them with the monotonic clock, the one
 *   `process.hrtime` reads), e.g. the measured part of a load run, leaving start-up out; with
 *   `requests`, CPU per request is worked out too
 */
export function summariseProfile(path, { top = 15, window } = {}) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  let stamp = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    stamp += delta;
    if (window && (stamp < window.fromUs || stamp > window.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idleUs = [...selfUs.entries()]
    .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
    .reduce((sum, [, us]) => sum + us, 0);
  const busyUs = totalUs - idleUs;
  const areas = new Map();
  const functions = new Map();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const file = frame.url
      ? frame.url
          .replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
          .replace(/^file:\/\/.*\/(apps|packages)\//, '$1/')
      : '';
    const key = `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const requests = window?.requests;
  const rank = (map) =>
    [...map.entries()]
      .filter(([name]) => name !== 'idle' && !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 1000),
        percentOfBusy: Math.round((us / busyUs) * 1000) / 10,
        ...(requests ? { microsecondsPerRequest: Math.round((us / requests) * 10) / 10 } : {}),
      }));
  return {
    file: path,
    window: window ? 'measured run only' : 'whole process life',
    requests,
    busyMicrosecondsPerRequest: requests ? Math.round((busyUs / requests) * 10) / 10 : undefined,
    wallMs: Math.round(totalUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    areas: rank(areas),
    functions: rank(functions),
  };
}

/** Plain-text rendering for the console. */
export function renderProfileSummary(summary) {
  const perRequest = summary.requests
    ? `, ${summary.requests} requests: ${summary.busyMicrosecondsPerRequest} µs busy per request`
    : '';
  const lines = [
    `${summary.file} (${summary.window}): busy ${summary.busyMs} ms of ${summary.wallMs} ms${perRequest}`,
  ];
  const row = (x) => {
    const us = x.microsecondsPerRequest;
    const perReq = us === undefined ? '' : ` ${String(us).padStart(6)} µs/req`;
    return `    ${String(x.percentOfBusy).padStart(5)} %${perReq}  ${x.name}`;
  };
  lines.push('  self time by area (% of busy):');
  for (const a of summary.areas) lines.push(row(a));
  lines.push('  top functions by self time:');
  for (const f of summary.functions) lines.push(row(f));
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2))
    console.log(renderProfileSummary(summariseProfile(file)));
}
