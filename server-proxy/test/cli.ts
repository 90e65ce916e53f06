// The administrator's command line as tests run it: a process of its own, configured by its environment.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface CheckAnswer {
  name: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  detail: string;
  fix?: string;
  data?: Record<string, any>;
}
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  checks: Map<string, CheckAnswer>;
}

/** `doctor` as an administrator runs it: a process of its own, configured by its environment. */
export function cli(env: Record<string, string>, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      let checks = new Map<string, CheckAnswer>();
      if (args.includes('--json') && code !== 2) {
        const parsed = JSON.parse(stdout) as { ok: boolean; checks: CheckAnswer[] };
        assert.equal(parsed.ok, code === 0, 'ok in the JSON agrees with the exit status');
        checks = new Map(parsed.checks.map((c) => [c.name, c]));
      }
      resolve({ code, stdout, stderr, checks });
    });
  });
}

export async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
