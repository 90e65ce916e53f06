import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startStandin, type Standin } from '../../tests/standin/index.js';
import { openDatabase } from '../src/db/database.js';
import { migrationProvider } from '../src/db/migrations/index.js';
import { C, ENGINE, P, U, call, freshDatabase, type TestDatabase } from './helpers.js';
import { eventually } from './sse.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// A clock moved for the whole run (scripts/clock-check.sh, libfaketime) must reach the service too.
const clockEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name === 'LD_PRELOAD' || name.startsWith('FAKETIME')),
) as Record<string, string>;

interface Running {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startService(env: Record<string, string>): Promise<Running> {
  // Port 0: the process binds a port of its own and logs it. A port picked here and handed over
  // could be taken meanwhile by another suite's service, whose /healthz would then answer for ours.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...clockEnv, PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) break;
    const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    try {
      if (url && (await fetch(`${url}/healthz`)).ok) return { proc, url, output: () => out, exited };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`service did not start:\n${out}`);
}

describe(`service process [${ENGINE}]`, () => {
  let mm: Standin;
  let database: TestDatabase;
  before(async () => {
    mm = await startStandin();
    database = await freshDatabase();
  });
  after(async () => {
    await mm.close();
    await database.drop();
  });

  it('keeps a task acknowledged with 201 across SIGKILL and restart', async () => {
    const env = { MM_URL: mm.url, ...database.env };
    const first = await startService(env);
    const created = await call(first.url, 'POST', '/api/v1/tasks', {
      token: U.olga.token,
      body: { channel_id: C.hq, title: 'Survives a crash', description: 'Кириллица' },
    });
    assert.equal(created.status, 201);
    first.proc.kill('SIGKILL');
    await first.exited;
    const second = await startService(env);
    try {
      const back = await call(second.url, 'GET', `/api/v1/tasks/${created.body.id}`, { token: U.olga.token });
      assert.equal(back.status, 200);
      assert.deepEqual(back.body, created.body);
    } finally {
      second.proc.kill('SIGKILL');
      await second.exited;
    }
  });

  it('delivers the card of a task acknowledged just before SIGKILL once, soon after the restart', async (t) => {
    // A small lease: the restarted process takes the dead one's claim over within it.
    const env = { MM_URL: mm.url, MM_BOT_TOKEN: U.throughline.token, OUTBOX_POLL_MS: '100', OUTBOX_LEASE_MS: '1500', ...database.env };
    const { db } = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.env.DATA_DIR! });
    t.after(() => db.destroy());
    const first = await startService(env);
    t.after(() => {
      mm.setDelay(0);
      if (first.proc.exitCode === null && first.proc.signalCode === null) first.proc.kill('SIGKILL');
    });
    // Every Mattermost answer is slow: the kill lands while the card is being delivered.
    mm.setDelay(300);
    const created = await call(first.url, 'POST', '/api/v1/tasks', {
      token: U.olga.token,
      body: { post_id: P.multiLine.id, title: 'Card across a crash' },
    });
    assert.equal(created.status, 201);
    const row = () =>
      db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', '=', 'task_card')
        .execute()
        .then((rows) => rows.find((r) => JSON.parse(r.payload).task.id === created.body.id));
    await eventually(async () => (await row())?.locked_by, 10_000, 'the card claimed by the first process');
    first.proc.kill('SIGKILL');
    await first.exited;
    mm.setDelay(0);
    const second = await startService(env);
    try {
      const delivered = await eventually(async () => (await row())?.result_post_id, 10_000, 'the card delivered after the restart');
      const cards = mm.postsIn(created.body.channel_id).filter((p) => (p.props as any)?.task?.id === created.body.id);
      assert.deepEqual(
        cards.map((p) => p.id),
        [delivered],
        'one card, the one recorded',
      );
    } finally {
      second.proc.kill('SIGKILL');
      await second.exited;
    }
  });

  it('finishes in-flight requests on SIGTERM, then exits cleanly', async () => {
    const svc = await startService({ MM_URL: mm.url, ...database.env });
    mm.setDelay(700);
    try {
      const pending = call(svc.url, 'POST', '/api/v1/tasks', { token: U.dmitry.token, body: { channel_id: C.hq, title: 'In flight' } });
      await new Promise((r) => setTimeout(r, 200));
      svc.proc.kill('SIGTERM');
      const r = await pending;
      assert.equal(r.status, 201);
      assert.equal(await svc.exited, 0);
      assert.match(svc.output(), /shutting down/);
      assert.ok(!svc.output().includes(U.dmitry.token));
    } finally {
      mm.setDelay(0);
      if (svc.proc.exitCode === null) svc.proc.kill('SIGKILL');
    }
  });

  it('leaves no version and no stray file when killed in the middle of an upload', async (t) => {
    const env = { MM_URL: mm.url, ...database.env };
    const first = await startService(env);
    // Whatever fails below, the first service must not outlive the test (it would hold the suite open).
    t.after(() => {
      if (first.proc.exitCode === null && first.proc.signalCode === null) first.proc.kill('SIGKILL');
    });
    const auth = { token: U.olga.token };
    const project = (await call(first.url, 'POST', '/api/v1/projects', { ...auth, body: { name: 'Kill test', channel_id: C.hq } })).body;
    const asset = (
      await call(first.url, 'POST', '/api/v1/assets', {
        ...auth,
        body: { project_id: project.id, name: 'Half a file', channel_ids: [C.hq] },
      })
    ).body;
    const boundary = 'killboundary';
    const { port } = new URL(first.url);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/v1/assets/${asset.id}/versions`,
      headers: {
        authorization: `Bearer ${U.olga.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
    req.on('error', () => undefined);
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const chunk = Buffer.alloc(256 * 1024, 7);
    for (let i = 0; i < 8; i++) req.write(chunk);
    const staging = path.join(database.env.DATA_DIR!, 'blobs', 'staging');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(fs.existsSync(staging) && fs.readdirSync(staging).length))
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(fs.readdirSync(staging).length, 1, 'the upload was being written when the process died');
    first.proc.kill('SIGKILL');
    await first.exited;
    req.destroy();
    const second = await startService(env);
    try {
      const back = await call(second.url, 'GET', `/api/v1/assets/${asset.id}`, auth);
      assert.equal(back.status, 200);
      assert.deepEqual(back.body.versions, []);
      assert.equal(fs.readdirSync(staging).length, 0, 'the half-written file is gone');
      const blobs = fs.readdirSync(path.join(database.env.DATA_DIR!, 'blobs')).filter((d) => d !== 'staging');
      assert.deepEqual(blobs, []);
    } finally {
      second.proc.kill('SIGKILL');
      await second.exited;
    }
  });

  it('two replicas starting together on a new database both come up, and each migration is applied once', async (t) => {
    const fresh = await freshDatabase();
    t.after(() => fresh.drop());
    const env = { MM_URL: mm.url, ...fresh.env };
    const both = await Promise.allSettled([startService(env), startService(env)]);
    t.after(() => Promise.all(both.map(async (s) => s.status === 'fulfilled' && (s.value.proc.kill('SIGKILL'), await s.value.exited))));
    const [a, b] = both.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
    // Each process logs what it applied: together every migration, none twice.
    const applied = [a!, b!].map((s) => JSON.parse(/"migrated":(\[[^\]]*\])/.exec(s.output())![1]!) as string[]);
    assert.deepEqual(applied.flat().sort(), Object.keys(await migrationProvider.getMigrations()));
    const created = await call(a!.url, 'POST', '/api/v1/tasks', {
      token: U.olga.token,
      body: { channel_id: C.hq, title: 'Made on one replica' },
    });
    assert.equal(created.status, 201);
    const seen = await call(b!.url, 'GET', `/api/v1/tasks/${created.body.id}`, { token: U.olga.token });
    assert.deepEqual(seen.body, created.body);
  });

  it('refuses to start on bad configuration, naming every problem', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: {
        ...clockEnv,
        PATH: process.env.PATH ?? '',
        PORT: 'eighty',
        MM_URL: 'ftp://mm',
        DATABASE_URL: 'mysql://x',
        MM_BOT_TOKEN: 'bad token!',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    assert.equal(code, 78);
    for (const name of ['PORT', 'MM_URL', 'DATABASE_URL', 'MM_BOT_TOKEN']) assert.match(err, new RegExp(name));
  });
});
