// Starts the three pieces of the sandbox — the Mattermost stand-in (in this process), the
// Throughline service (a child process on SQLite) and the front server (in this process) — and
// stops them again. Used by start.ts and by the end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { fixtures, startStandin } from '../standin/index.ts';

import { REPO_ROOT, type PluginChoice } from './plugins.ts';
import { startFront, type FrontServer, type ReactVersion, type SandboxUser } from './server.ts';

/** The people of the seeded campaign a tester switches between (any password logs them in). */
export const SANDBOX_USERS: SandboxUser[] = (['olga', 'dmitry', 'agency', 'kazan', 'pavel', 'admin'] as const).map((key) => {
  const u = fixtures.users[key];
  return { key, label: `${u.first_name} ${u.last_name} — ${u.description}`, loginId: u.username, password: fixtures.password };
});

export type StackOptions = {
  /** 0 picks a free port (tests); start.ts passes 8065 / 8787 / 8080. */
  standinPort?: number;
  servicePort?: number;
  frontPort?: number;
  dataDir: string;
  react?: ReactVersion;
  plugins?: PluginChoice;
  /** Where the service's output goes (default: dropped). */
  serviceLog?: (chunk: string) => void;
  /** Start without the service if it fails to come up (the sandbox still loads the plugin). */
  serviceOptional?: boolean;
  /** Extra environment for the service, e.g. a faster OUTBOX_POLL_MS in tests. */
  serviceEnv?: Record<string, string>;
};

export type Stack = Awaited<ReturnType<typeof startStack>>;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the service exited with code ${child.exitCode} before it was healthy`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) {
        return;
      }
      lastError = `status ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the service did not answer ${url} within ${timeoutMs} ms (${lastError})`);
}

function stopChild(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startStack(opts: StackOptions) {
  const standin = await startStandin({ port: opts.standinPort ?? 0 });
  const servicePort = opts.servicePort || (await freePort());
  const serviceUrl = `http://127.0.0.1:${servicePort}`;
  mkdirSync(opts.dataDir, { recursive: true });

  const child = spawn(process.execPath, ['--import', 'tsx', path.join('server-proxy', 'src', 'server.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(servicePort),
      HOST: '127.0.0.1',
      MM_URL: standin.url,
      DATA_DIR: path.resolve(opts.dataDir),
      MM_BOT_TOKEN: fixtures.users.throughline.token,
      // Where the stand-in relays clicks on the bot's buttons: the service itself.
      SERVICE_URL: serviceUrl,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...opts.serviceEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = opts.serviceLog ?? (() => undefined);
  // The service's last words, kept for the error if it never becomes healthy.
  let tail = '';
  const keep = (d: Buffer) => {
    log(String(d));
    tail = (tail + String(d)).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let serviceUp = true;
  try {
    // A start-up on a loaded machine (tsx compiling the service, migrations) may take long: this is a wait, not a measure.
    await waitForHealth(`${serviceUrl}/healthz`, child, 120_000);
  } catch (err) {
    serviceUp = false;
    if (tail) (err as Error).message += `\nthe service's output:\n${tail}`;
    if (!opts.serviceOptional) {
      await stopChild(child);
      await standin.close();
      throw err;
    }
    log(`service unavailable: ${(err as Error).message}\n`);
  }

  const fronts: FrontServer[] = [];
  const addFront = async (f: { port?: number; react?: ReactVersion; plugins?: PluginChoice }) => {
    const front = await startFront({
      port: f.port ?? 0,
      standinUrl: standin.url,
      serviceUrl,
      users: SANDBOX_USERS,
      react: f.react,
      plugins: f.plugins,
      defaultTeam: fixtures.team.name,
      defaultChannel: fixtures.channels.campaignHq.name,
    });
    fronts.push(front);
    return front;
  };
  const front = await addFront({ port: opts.frontPort ?? 0, react: opts.react, plugins: opts.plugins });

  let stopped = false;
  return {
    standin,
    front,
    serviceUrl,
    serviceUp,
    /** A second front server on the same stand-in and service, e.g. serving other plugins. */
    addFront,
    stop: async () => {
      if (stopped) {
        return;
      }
      stopped = true;
      await Promise.all(fronts.map((f) => f.close()));
      await stopChild(child);
      await standin.close();
    },
  };
}
