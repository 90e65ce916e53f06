import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { PG_ADMIN_URL } from '../../tests/database/fresh_database.js';
import { startStandin, type Standin } from '../../tests/standin/index.js';
import { C, ENGINE, U, freshDatabase, startStack, type Stack, type TestDatabase } from './helpers.js';
import { eventually } from './sse.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

interface Cli {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command line as an administrator runs it, with the service's environment. */
function cli(env: Record<string, string>, args: string[]): Promise<Cli> {
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
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Everything a person can read back: every task, decision and version as the API answers, and each version's bytes' sha256. */
async function everything(s: Stack, projectId: string, assetId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const token = U.olga.token;
  for (const [kind, route] of [
    ['task', '/api/v1/tasks'],
    ['decision', '/api/v1/decisions'],
  ] as const) {
    let cursor: string | null = null;
    do {
      const page = await s.request('GET', `${route}?project_id=${projectId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`, { token });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      for (const item of page.body.items as { id: string }[]) {
        const one = await fetch(`${s.url}${route}/${item.id}`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(one.status, 200);
        out.set(`${kind} ${item.id}`, await one.text());
      }
      cursor = page.body.next_cursor;
    } while (cursor);
  }
  const asset = await s.request('GET', `/api/v1/assets/${assetId}`, { token });
  for (const v of asset.body.versions as { id: string }[]) {
    const file = await fetch(`${s.url}/api/v1/assets/${assetId}/versions/${v.id}/file`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(file.status, 200);
    out.set(`version ${v.id}`, `${JSON.stringify(v)} ${sha256(Buffer.from(await file.arrayBuffer()))}`);
  }
  return out;
}

describe(`backup and restore [${ENGINE}]`, () => {
  let data: TestDatabase;
  let mm: Standin;
  let s: Stack;
  // The service on our own database and stand-in, which survive its stops and restarts.
  const startService = () => startStack({}, false, { mm, databaseEnv: data.env } as Stack);
  let env: Record<string, string>;
  let work: string;
  let projectId: string;
  let assetId: string;
  let serviceUp = true;

  before(async () => {
    data = await freshDatabase();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-backup-'));
    mm = await startStandin();
    s = await startService();
    env = { ...data.env, MM_URL: s.mm.url, MM_BOT_TOKEN: U.throughline.token, SERVICE_URL: s.url, LOG_LEVEL: 'silent' };
    projectId = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Backed up', channel_id: C.hq } })).body
      .id;
    assetId = (
      await s.request('POST', '/api/v1/assets', {
        token: U.olga.token,
        body: { project_id: projectId, name: 'Poster', channel_ids: [C.hq] },
      })
    ).body.id;
  });
  after(async () => {
    if (serviceUp) await s.close();
    await mm.close();
    await data.drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  let n = 0;
  const write = async (): Promise<string[]> => {
    const i = n++;
    const task = await s.request('POST', '/api/v1/tasks', {
      token: U.olga.token,
      body: { channel_id: C.hq, project_id: projectId, title: `Task ${i}`, description: `Кириллица ${i} <b>&amp;</b>` },
    });
    assert.equal(task.status, 201, JSON.stringify(task.body));
    const decision = await s.request('POST', '/api/v1/decisions', {
      token: U.olga.token,
      body: { project_id: projectId, channel_id: C.hq, statement: `Decision ${i}: slogan ${i % 3}` },
    });
    assert.equal(decision.status, 201, JSON.stringify(decision.body));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from(`version ${i} `.repeat(5000 + i)))], { type: 'image/png' }), `v${i}.png`);
    const up = await fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.olga.token}` },
      body: form,
    });
    const version = (await up.json()) as { id: string };
    assert.equal(up.status, 201, JSON.stringify(version));
    return [`task ${task.body.id}`, `decision ${decision.body.id}`, `version ${version.id}`];
  };

  /** A backup as the README tells it: on PostgreSQL pg_dump first, then the files. */
  const takeBackup = async (dir: string): Promise<Cli> => {
    if (ENGINE === 'postgres') {
      fs.mkdirSync(dir, { recursive: true });
      await run('pg_dump', ['--format=custom', `--file=${path.join(dir, 'db.dump')}`, env.DATABASE_URL!]);
    }
    return cli(env, ['backup', '--to', dir]);
  };

  /** Stops the service, removes every byte of its data, restores, and starts it again on what was restored. */
  const wipeAndRestore = async (dir: string): Promise<void> => {
    if (serviceUp) {
      await s.app.close();
      await s.db.destroy();
      serviceUp = false;
    }
    fs.rmSync(env.DATA_DIR!, { recursive: true, force: true });
    if (ENGINE === 'postgres') {
      const name = new URL(env.DATABASE_URL!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.end();
      await run('pg_restore', ['--no-owner', `--dbname=${env.DATABASE_URL!}`, path.join(dir, 'db.dump')]);
    }
    const r = await cli(env, ['restore', '--from', dir]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    s = await startService();
    env.SERVICE_URL = s.url;
    serviceUp = true;
  };

  it('backs up while tasks, decisions and versions are written; a restore brings back exactly what was there, then everything', async () => {
    for (let i = 0; i < 3; i++) await write();
    const underLoad = path.join(work, 'under-load');
    const acknowledgedBefore = new Set<string>();
    for (let i = 0; i < 3; i++) for (const k of await write()) acknowledgedBefore.add(k);

    // Writers keep going for as long as the backup runs.
    let backupDone = false;
    const writer = (async () => {
      let made = 0;
      while (!backupDone || made < 3) {
        await write();
        made++;
      }
      return made;
    })();
    const first = await takeBackup(underLoad);
    backupDone = true;
    const madeDuring = await writer;
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.ok(madeDuring >= 3);
    if (ENGINE === 'postgres') assert.match(first.stdout, /copies the stored files only.*pg_dump/);
    else assert.match(first.stdout, /SQLite database copied online/);
    const loadCopy = path.join(work, 'load-copy');
    fs.cpSync(underLoad, loadCopy, { recursive: true });

    // Everything settled: what the service answers now is the truth to compare with.
    await eventually(async () => (await s.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute()).length === 0);
    const final = await everything(s, projectId, assetId);

    // A second backup into the same folder copies only the files added since; a third copies none.
    const second = await takeBackup(underLoad);
    assert.equal(second.code, 0, second.stderr);
    const versions = [...final.keys()].filter((k) => k.startsWith('version ')).length;
    const firstManifest = JSON.parse(fs.readFileSync(path.join(loadCopy, 'manifest.json'), 'utf8'));
    const m2 = JSON.parse(fs.readFileSync(path.join(underLoad, 'manifest.json'), 'utf8'));
    assert.equal(m2.run.blobs_skipped, firstManifest.blobs.length, 'the files of the first backup are not copied again');
    assert.equal(m2.run.blobs_copied, versions - firstManifest.blobs.length);
    const third = await takeBackup(underLoad);
    assert.match(third.stdout, new RegExp(`files: 0 copied \\(0\\.0 MiB\\), ${versions} already in the backup \\(skipped\\)`));

    // The backup taken under load: a consistent moment — nothing acknowledged before it is lost,
    // and whatever it holds is byte for byte what the service answered.
    await wipeAndRestore(loadCopy);
    const restoredUnderLoad = await everything(s, projectId, assetId);
    for (const k of acknowledgedBefore) assert.ok(restoredUnderLoad.has(k), `${k} survived`);
    for (const [k, v] of restoredUnderLoad) assert.equal(v, final.get(k), `${k} is as it was`);
    const held = firstManifest.counts.tasks + firstManifest.counts.decisions + firstManifest.counts.asset_versions;
    // SQLite: the manifest counts the copied database. PostgreSQL: the live one when the files were
    // taken, after pg_dump, so at least what the dump holds.
    if (ENGINE === 'sqlite') assert.equal(restoredUnderLoad.size, held);
    else assert.ok(restoredUnderLoad.size <= held);

    // The settled backup: everything.
    const settledDir = path.join(work, 'settled');
    fs.cpSync(underLoad, settledDir, { recursive: true });
    await wipeAndRestore(settledDir);
    const restored = await everything(s, projectId, assetId);
    assert.deepEqual([...restored.keys()].sort(), [...final.keys()].sort(), 'nothing lost');
    for (const [k, v] of restored) assert.equal(v, final.get(k), `${k} is byte-identical`);
  });

  it('refuses a restore that would overwrite data, from a newer schema, from a damaged or missing folder — naming why, writing nothing', async () => {
    await write();
    const dir = path.join(work, 'refusals');
    assert.equal((await takeBackup(dir)).code, 0);
    const dbFile = path.join(env.DATA_DIR!, 'throughline.db');
    let before: string | null = null;
    const refused = async (args: string[], pattern: RegExp, over: Record<string, string> = {}) => {
      const r = await cli({ ...env, ...over }, args);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, pattern);
      if (before) assert.equal(sha256(fs.readFileSync(dbFile)), before, 'the database is untouched');
    };

    await refused(['restore', '--from', dir], /the service is running at .*stop it/);
    await s.app.close();
    await s.db.destroy();
    serviceUp = false;
    if (ENGINE === 'sqlite') before = sha256(fs.readFileSync(dbFile));
    if (ENGINE === 'sqlite') await refused(['restore', '--from', dir], /already holds data \(projects: 1, .*stored files: \d+\).*--force/);
    await refused(['restore', '--from', path.join(work, 'no-such-folder')], /does not exist/);
    await refused(['restore', '--from', path.join(dir, 'manifest.json')], /is a file/);
    await refused(['restore', '--from', work], /no manifest\.json/);

    const newer = path.join(work, 'newer');
    fs.cpSync(dir, newer, { recursive: true });
    const m = JSON.parse(fs.readFileSync(path.join(newer, 'manifest.json'), 'utf8'));
    fs.writeFileSync(path.join(newer, 'manifest.json'), JSON.stringify({ ...m, schema: '20991231_9999_from_the_future' }));
    await refused(['restore', '--from', newer, '--force'], /newer version \(its schema is 20991231_9999_from_the_future/);

    const damaged = path.join(work, 'damaged');
    fs.cpSync(dir, damaged, { recursive: true });
    const blob = m.blobs[0].sha256 as string;
    fs.appendFileSync(path.join(damaged, 'blobs', blob.slice(0, 2), blob), 'x');
    await refused(['restore', '--from', damaged, '--force'], /wrong size.*damaged/);

    await refused(
      ['restore', '--from', dir],
      /engine|SQLite|PostgreSQL/,
      ENGINE === 'sqlite' ? { DATABASE_URL: PG_ADMIN_URL } : { DATABASE_URL: '' },
    );
    const usage = await cli(env, ['restore']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--from/);
    const backupUsage = await cli(env, ['backup', '--to']);
    assert.equal(backupUsage.code, 2);
    const intoData = await cli(env, ['backup', '--to', env.DATA_DIR!]);
    assert.equal(intoData.code, 1);
    assert.match(intoData.stderr, /the service's own data/);

    if (ENGINE === 'sqlite') {
      const forced = await cli(env, ['restore', '--from', dir, '--force']);
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(forced.stdout, /database restored/);
    }
  });
});
