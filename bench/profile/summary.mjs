/**
 * Summarizes a V8 .cpuprofile (from BENCH_ENGINE_NODE_ARGS="--cpu-prof --cpu-prof-dir=...") as self
 * time per area (a package under node_modules, node's internals, or Tandem's own folder) and per
 * function, so a bench's profile can be read and compared before and after a change.
 *
 *   node bench/profile/summary.mjs <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile/summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

function areaOf(url, name) {
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') return name;
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const own = /\/dist\/((?:apps|libs)\/[^/]+)/.exec(url);
  return own ? own[1] : url;
}

const byArea = new Map();
const byFunction = new Map();
let totalUs = 0;
let idleUs = 0;
for (const [id, us] of selfUs) {
  const { callFrame } = nodesById.get(id);
  const area = areaOf(callFrame.url, callFrame.functionName);
  totalUs += us;
  if (area === '(idle)') idleUs += us;
  byArea.set(area, (byArea.get(area) ?? 0) + us);
  const fn = `${callFrame.functionName || '(anonymous)'} ${area}:${callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}

const busyUs = totalUs - idleUs;
const rows = (map) =>
  [...map]
    .filter(([key]) => key !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => ({ key, ms: Math.round(us / 1000), busyShare: `${((100 * us) / busyUs).toFixed(1)} %` }));
console.log(`profile ${file}: ${(totalUs / 1e6).toFixed(1)} s, busy ${((100 * busyUs) / totalUs).toFixed(0)} %`);
console.log('self time by area (share of busy time):');
console.table(rows(byArea));
console.log('self time by function:');
console.table(rows(byFunction));
