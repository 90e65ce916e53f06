// Shared by the benchmarks: free ports, service processes, throwaway databases (tests/database).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

import { freshDatabase } from '../database/fresh_database.js';
import { profileFlags } from './profile.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** `profile` names the process's CPU profile when BENCH_PROFILE is set (profile.ts). */
export async function spawnAndWait(args: string[], env: Record<string, string>, probe: string, profile?: string): Promise<ChildProcess> {
  const loader = args[args.length - 1]!.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const proc = spawn(process.execPath, [...(profile ? profileFlags(profile) : []), ...loader, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Up to a minute: a loaded (shared) machine can take that long to start a service.
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(probe)).ok) return proc;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`did not start: ${args.join(' ')}`);
}

export interface Figure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function load(opts: autocannon.Options): Promise<Figure> {
  const r = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  const errors = r.errors + r.timeouts + r.non2xx;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors };
}

/** Throughput and the latency of every response (autocannon's own percentiles stop short of p95), in ms. */
export interface Latency {
  p50: number;
  p95: number;
  rps: number;
  errors: number;
}

export async function measure(opts: autocannon.Options): Promise<Latency> {
  const times: number[] = [];
  const r = await autocannon({
    connections: CONNECTIONS,
    duration: DURATION,
    ...opts,
    setupClient: (client) => client.on('response', (_status: number, _bytes: number, ms: number) => times.push(ms)),
  });
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    rps: r.requests.average,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

export const database = (engine: 'sqlite' | 'postgres') => freshDatabase(engine, 'bench');

/** Peak resident memory of a process so far (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Resident memory of a process now (VmRSS), in MiB. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Starts a process's peak (VmHWM) again from its resident memory now (Linux: 5 into clear_refs), so
 * that the next peakRssMiB is the peak of what came after, not of its start-up. False if refused.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
}

/** The service as `make serve` runs it: the compiled build and its node flags (BENCH_SERVICE_FLAGS: others, to compare). */
export const SERVICE = [
  ...(process.env.BENCH_SERVICE_FLAGS ?? '--expose-gc --max-semi-space-size=2 --heap-growing-percent=25').split(' ').filter(Boolean),
  'server-proxy/dist/server.js',
];
