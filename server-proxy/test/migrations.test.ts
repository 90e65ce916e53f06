import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { migrationProvider } from '../src/db/migrations/index.js';
import { ENGINE, freshDatabase } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// A process that opens the database, says so, waits for the word to go, migrates and prints what it applied.
const CHILD = `
import { migrateToLatest, openDatabase } from './src/db/database.ts';
const handle = openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: process.env.DATA_DIR });
process.stderr.write('ready\\n');
await new Promise((r) => process.stdin.once('data', r));
try {
  process.stdout.write(JSON.stringify(await migrateToLatest(handle)));
} finally {
  await handle.db.destroy();
  process.stdin.destroy();
}
`;

interface Child {
  ready: Promise<void>;
  go(): void;
  done: Promise<{ code: number | null; out: string; err: string }>;
}

function migrator(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => {
    err += d;
    if (err.includes('ready')) markReady();
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    proc.on('exit', (code) => {
      markReady();
      resolve({ code, out, err });
    }),
  );
  return { ready, go: () => proc.stdin.write('go\n'), done };
}

describe(`migrations [${ENGINE}]`, () => {
  it('four processes migrating one new database at the same moment all succeed, and each migration is applied once', async (t) => {
    const database = await freshDatabase();
    t.after(() => database.drop());
    const children = Array.from({ length: 4 }, () => migrator(database.env));
    // Every process has loaded the code and opened its connection before any of them starts.
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.go();
    const runs = await Promise.all(children.map((c) => c.done));
    for (const r of runs) assert.equal(r.code, 0, r.err);
    const applied = runs.map((r) => JSON.parse(r.out) as string[]);
    const all = Object.keys(await migrationProvider.getMigrations());
    assert.deepEqual(applied.flat().sort(), all, 'every migration applied by exactly one process');
    const { db } = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.env.DATA_DIR! });
    t.after(() => db.destroy());
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    assert.deepEqual(
      rows.rows.map((r) => r.name),
      all,
    );
  });
});
