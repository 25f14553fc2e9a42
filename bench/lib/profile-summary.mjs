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
 * @param {{ top?: number }} [options]
 */
export function summariseProfile(path, { top = 15 } = {}) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
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
  const rank = (map) =>
    [...map.entries()]
      .filter(([name]) => name !== 'idle' && !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 1000),
        percentOfBusy: Math.round((us / busyUs) * 1000) / 10,
      }));
  return {
    file: path,
    wallMs: Math.round(totalUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    areas: rank(areas),
    functions: rank(functions),
  };
}

/** Plain-text rendering for the console. */
export function renderProfileSummary(summary) {
  const lines = [`${summary.file}: busy ${summary.busyMs} ms of ${summary.wallMs} ms profiled`];
  lines.push('  self time by area (% of busy):');
  for (const a of summary.areas)
    lines.push(`    ${String(a.percentOfBusy).padStart(5)} %  ${a.name}`);
  lines.push('  top functions by self time:');
  for (const f of summary.functions)
    lines.push(`    ${String(f.percentOfBusy).padStart(5)} %  ${f.name}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2))
    console.log(renderProfileSummary(summariseProfile(file)));
}
