import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../src/db/database.js';

const run = promisify(execFile);
const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/** Whether another process could take the file's write lock right now, without waiting for it. */
async function otherProcessCanWrite(file: string): Promise<boolean> {
  const script = `const D = require(${JSON.stringify(betterSqlite)}); const db = new D(${JSON.stringify(file)}, { timeout: 0 });
try { db.exec('begin immediate'); db.exec('rollback'); process.stdout.write('free'); } catch (e) { process.stdout.write(e.code); }`;
  const { stdout } = await run(process.execPath, ['-e', script]);
  assert.match(stdout, /^(free|SQLITE_BUSY)$/);
  return stdout === 'free';
}

describe('SQLite transactions and other processes on the same file', () => {
  it('a transaction holds the write lock from its start, so another process waits rather than making its snapshot stale', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-sqlite-lock-'));
    const { db, engine } = openDatabase({ databaseUrl: null, dataDir: dir });
    try {
      await migrateToLatest({ db, engine });
      const file = path.join(dir, 'throughline.db');
      assert.equal(await otherProcessCanWrite(file), true, 'free outside a transaction');
      await db.transaction().execute(async (trx) => {
        // A read first: a deferred transaction would still leave the lock free here.
        await sql`select count(*) from projects`.execute(trx);
        assert.equal(await otherProcessCanWrite(file), false, 'held by the transaction');
      });
      assert.equal(await otherProcessCanWrite(file), true, 'free again after the commit');
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
