// BENCH_PROFILE=dir: every service the benchmarks start runs with --cpu-prof into dir, and each
// profile is summarised beside it (<name>.txt): the functions that held the CPU, by self time, and
// the packages they belong to, while the route was under load (start-up left out). That is what
// bounded a figure, rather than a guess.
import fs from 'node:fs';
import path from 'node:path';

export const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  /** µs on the system's monotonic clock, as process.hrtime. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Now, on the clock profiles are stamped with (µs): to summarise only what came after. */
export const profileClock = () => Number(process.hrtime.bigint() / 1000n);

/** Node flags that write a profile of a service named `name` (none without BENCH_PROFILE). */
export function profileFlags(name: string): string[] {
  if (!PROFILE_DIR) return [];
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`];
}

/** Where a frame's code comes from: a package, node itself, the service, or V8 (GC, idle, the program). */
function origin(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'anonymous'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node';
  const own = /(server-proxy|contract)\/(?:dist|src)\/(.*)$/.exec(url);
  return own ? `${own[1]}/${own[2]!.split('/')[0]}` : url;
}

const pct = (n: number, all: number) => `${((100 * n) / Math.max(all, 1)).toFixed(1).padStart(5)}%`;

/** The top frames by self time and the packages by self time, as text; only samples from `from` on (profileClock). */
export function summarise(profile: CpuProfile, from = 0, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from) continue;
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + delta);
  }
  const frames = new Map<string, number>();
  const origins = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const where = url ? `${url.replace(/^.*\/(node_modules|server-proxy|contract)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    frames.set(key, (frames.get(key) ?? 0) + us);
    const o = origin(url, functionName);
    origins.set(o, (origins.get(o) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `busy ${(total / 1e3).toFixed(0)} ms, idle ${(idle / 1e3).toFixed(0)} ms`,
    '',
    'self time by origin:',
    ...sorted(origins).map(([k, us]) => `${pct(us, total)}  ${k}`),
    '',
    'self time by function:',
    ...sorted(frames).map(([k, us]) => `${pct(us, total)}  ${k}`),
  ].join('\n');
}

/** Summarises the profile a stopped service `name` left, from `from` on (a no-op without BENCH_PROFILE). */
export function summariseProfile(name: string, from = 0): void {
  if (!PROFILE_DIR) return;
  const file = path.join(PROFILE_DIR, `${name}.cpuprofile`);
  if (!fs.existsSync(file)) return;
  const text = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, from);
  fs.writeFileSync(path.join(PROFILE_DIR, `${name}.txt`), text + '\n');
}
