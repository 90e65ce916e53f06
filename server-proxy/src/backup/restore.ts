// `restore --from DIR [--force]`: everything is checked before anything is written — the folder,
// its manifest, the schema against this build, the files against their checksums, the target.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openBlobStore } from '../assets/blob.open.js';
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrationProvider } from '../db/migrations/index.js';
import { probe } from '../doctor/common.js';
import { instanceTag } from '../health/health.routes.js';
import { Refused, eachAtOnce, mib } from './backup.js';
import { COUNTED, DATABASE_FILE, blobPath, copyVerified, readManifest, type Manifest } from './manifest.js';

export async function restore(config: Config, from: string, force: boolean, say: (line: string) => void): Promise<void> {
  const dir = path.resolve(from);
  const st = await fs.promises.stat(dir).catch(() => null);
  if (!st) throw new Refused(`--from ${dir} does not exist`);
  if (!st.isDirectory()) throw new Refused(`--from ${dir} is a file, not a backup folder`);
  const manifest = await readManifest(dir);
  if (typeof manifest === 'string') throw new Refused(manifest);

  const known = Object.keys(await migrationProvider.getMigrations()).sort();
  if (manifest.schema && !known.includes(manifest.schema)) {
    throw new Refused(
      `the backup is from a newer version (its schema is ${manifest.schema}; this build knows up to ${known.at(-1)}): restore it with that version or a later one`,
    );
  }
  const target = config.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.engine !== target) {
    throw new Refused(
      manifest.engine === 'sqlite'
        ? 'the backup holds an SQLite database but DATABASE_URL names PostgreSQL: unset DATABASE_URL to restore it into DATA_DIR'
        : 'the backup is of a PostgreSQL deployment (its database is in the pg_dump taken beside it): set DATABASE_URL to the database pg_restore filled, then restore the files',
    );
  }
  await verify(dir, manifest);
  if (path.resolve(config.dataDir) === dir) throw new Refused(`--from ${dir} is DATA_DIR itself`);

  // Replacing the files under a running service would corrupt what it holds open.
  const running = await probe(`${config.serviceUrl}/healthz`, 1000);
  if (running.instance === instanceTag(config.actionSecret)) {
    throw new Refused(`the service is running at ${config.serviceUrl}: stop it (and every replica) first, then restore`);
  }

  const dbFile = path.join(config.dataDir, DATABASE_FILE);
  if (target === 'sqlite') {
    const held = await heldData(config.dataDir, dbFile);
    if (held && !force) {
      throw new Refused(
        `DATA_DIR ${config.dataDir} already holds data (${held}); restoring replaces its database. Add --force to replace it (move it aside first to keep it)`,
      );
    }
  } else {
    say('restore: PostgreSQL: this command restores the stored files only; restore the database with pg_restore first (README, Backups)');
  }

  await fs.promises.mkdir(config.dataDir, { recursive: true });
  const store = openBlobStore(config.blobStore, config.dataDir);
  await store.init();
  let copied = 0;
  let present = 0;
  let bytes = 0;
  await eachAtOnce(manifest.blobs, 4, async (b) => {
    const existing = await store.read(b.sha256);
    if (existing) {
      // Content-addressed: a file of that name already holds those bytes.
      existing.destroy();
      present += 1;
      return;
    }
    const staged = await store.stage(fs.createReadStream(blobPath(dir, b.sha256)), Number.MAX_SAFE_INTEGER);
    if (staged.sha256 !== b.sha256) {
      await staged.discard();
      throw new Refused(`the backup's file ${b.sha256} hashes to ${staged.sha256}: the backup is damaged`);
    }
    await staged.commit();
    copied += 1;
    bytes += staged.size;
  });
  say(`restore: files: ${copied} copied (${mib(bytes)}), ${present} already in the store`);

  if (target === 'sqlite') {
    const incoming = `${dbFile}.restoring`;
    await copyVerified(fs.createReadStream(path.join(dir, DATABASE_FILE)), incoming, manifest.database!.sha256);
    const check = new SQLite(incoming, { fileMustExist: true });
    let ok: string;
    try {
      ok = check.pragma('quick_check', { simple: true }) as string;
    } finally {
      check.close();
    }
    if (ok !== 'ok') {
      await fs.promises.rm(incoming, { force: true });
      throw new Refused(`the backup's database fails SQLite's check (${ok}); nothing was replaced`);
    }
    // The old database's write-ahead log must not be replayed into the restored file.
    for (const suffix of ['-wal', '-shm']) await fs.promises.rm(`${dbFile}${suffix}`, { force: true });
    await fs.promises.rename(incoming, dbFile);
    const c = manifest.counts!;
    say(
      `restore: database restored → ${dbFile} (${c.projects} projects, ${c.tasks} tasks, ${c.decisions} decisions, ${c.asset_versions} versions; schema ${manifest.schema}, the service migrates it at start if older)`,
    );
  } else {
    const { db } = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const shas = (await sql<{ sha256: string }>`select distinct sha256 from asset_versions`.execute(db)).rows.map((r) => r.sha256);
      const lacking: string[] = [];
      for (const sha of shas) {
        const s = await store.read(sha);
        if (s) s.destroy();
        else lacking.push(sha);
      }
      if (lacking.length)
        throw new Refused(
          `${lacking.length} version(s) in the database point at files neither the store nor this backup holds: was the dump taken after this backup? Take the files again with backup --to`,
        );
    } catch (err) {
      if (err instanceof Refused) throw err;
      throw new Refused(
        `the PostgreSQL database at DATABASE_URL cannot be read (restore it with pg_restore first): ${(err as Error).message}`,
      );
    } finally {
      await db.destroy();
    }
  }
  say('restore: done');
}

/** Every file the manifest names is there with its size (their bytes are checked as they are copied), and the database matches its checksum. */
async function verify(dir: string, manifest: Manifest): Promise<void> {
  if (manifest.database) {
    const file = path.join(dir, DATABASE_FILE);
    const st = await fs.promises.stat(file).catch(() => null);
    if (!st || st.size !== manifest.database.bytes) {
      throw new Refused(
        `${file} is ${st ? `${st.size} bytes, not the ${manifest.database.bytes} its manifest says` : 'missing'}: the backup is damaged`,
      );
    }
  }
  const wrong: string[] = [];
  for (const b of manifest.blobs) {
    const st = await fs.promises.stat(blobPath(dir, b.sha256)).catch(() => null);
    if (!st || st.size !== b.size) wrong.push(b.sha256);
  }
  if (wrong.length) {
    throw new Refused(
      `${wrong.length} of the backup's files are missing or of the wrong size (${wrong.slice(0, 3).join(', ')}${wrong.length > 3 ? ', …' : ''}): the backup is damaged`,
    );
  }
}

/** What the target already holds, in words, or null when it holds nothing worth keeping (no file, or a migrated but empty database). */
async function heldData(dataDir: string, dbFile: string): Promise<string | null> {
  const held: string[] = [];
  if (fs.existsSync(dbFile)) {
    const db = new SQLite(dbFile, { readonly: true, fileMustExist: true });
    try {
      const tables = new Set(
        (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name),
      );
      for (const t of COUNTED) {
        const n = tables.has(t) ? (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n : 0;
        if (n) held.push(`${t.replace('_', ' ')}: ${n}`);
      }
    } finally {
      db.close();
    }
  }
  const blobs = path.join(dataDir, 'blobs');
  let files = 0;
  for (const d of await fs.promises.readdir(blobs).catch(() => [] as string[])) {
    if (/^[0-9a-f]{2}$/.test(d)) files += (await fs.promises.readdir(path.join(blobs, d)).catch(() => [])).length;
  }
  if (files) held.push(`stored files: ${files}`);
  return held.length ? held.join(', ') : null;
}
