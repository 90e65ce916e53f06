// `backup --to DIR`: the SQLite database copied online (consistent while the service writes) and
// the stored files by content address, incrementally; on PostgreSQL the files only (pg_dump does the rest).
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { VERSION } from '../app.js';
import { openBlobStore } from '../assets/blob.open.js';
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import {
  COUNTED,
  DATABASE_FILE,
  FORMAT,
  MANIFEST,
  blobPath,
  copyVerified,
  fileSha256,
  type BlobEntry,
  type Counts,
  type Manifest,
} from './manifest.js';

/** A backup or restore that cannot be made as asked: the message says why and what to do. */
export class Refused extends Error {}

/** Files copied at once: several small files overlap their latency; large ones are bound by the disk anyway. */
const PARALLEL = 4;

interface Snapshot {
  schema: string | null;
  counts: Counts;
  blobs: BlobEntry[];
}

export async function backup(config: Config, to: string, say: (line: string) => void): Promise<Manifest> {
  const started = performance.now();
  const dir = path.resolve(to);
  await checkTarget(config, dir);
  await fs.promises.mkdir(dir, { recursive: true });
  // The manifest is written last: until then the folder is not taken for a finished backup.
  await fs.promises.rm(path.join(dir, MANIFEST), { force: true });

  let snapshot: Snapshot;
  let database: Manifest['database'] = null;
  if (config.databaseUrl) {
    say('backup: PostgreSQL: this command copies the stored files only; take the database with pg_dump first (README, Backups)');
    snapshot = await postgresSnapshot(config);
  } else {
    const copy = path.join(dir, DATABASE_FILE);
    const partial = `${copy}.partial`;
    await sqliteBackup(path.join(config.dataDir, DATABASE_FILE), partial);
    snapshot = sqliteSnapshot(partial);
    const bytes = (await fs.promises.stat(partial)).size;
    database = { file: DATABASE_FILE, bytes, sha256: await fileSha256(partial) };
    await fs.promises.rename(partial, copy);
    say(`backup: SQLite database copied online → ${copy} (${mib(bytes)}, schema ${snapshot.schema ?? 'none'})`);
  }

  const store = openBlobStore(config.blobStore, config.dataDir);
  let copied = 0;
  let skipped = 0;
  let bytesCopied = 0;
  const missing: string[] = [];
  await eachAtOnce(snapshot.blobs, PARALLEL, async (b) => {
    const dest = blobPath(dir, b.sha256);
    const there = await fs.promises.stat(dest).catch(() => null);
    if (there?.size === b.size) {
      skipped += 1;
      return;
    }
    const source = await store.read(b.sha256);
    if (!source) {
      missing.push(b.sha256);
      return;
    }
    bytesCopied += await copyVerified(source, dest, b.sha256);
    copied += 1;
  });
  if (missing.length) {
    throw new Refused(
      `${missing.length} stored file(s) that versions point at are missing from ${path.join(config.dataDir, 'blobs')} (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); the backup is incomplete and has no manifest`,
    );
  }
  say(`backup: files: ${copied} copied (${mib(bytesCopied)}), ${skipped} already in the backup (skipped)`);

  const manifest: Manifest = {
    format: FORMAT,
    created_at: new Date().toISOString(),
    engine: config.databaseUrl ? 'postgres' : 'sqlite',
    schema: snapshot.schema,
    service_version: VERSION,
    database,
    counts: snapshot.counts,
    blobs: snapshot.blobs,
    run: { blobs_copied: copied, blobs_skipped: skipped, bytes_copied: bytesCopied, seconds: (performance.now() - started) / 1000 },
  };
  const partialManifest = path.join(dir, `${MANIFEST}.partial`);
  await fs.promises.writeFile(partialManifest, `${JSON.stringify(manifest, null, 2)}\n`);
  await fs.promises.rename(partialManifest, path.join(dir, MANIFEST));
  const c = snapshot.counts;
  say(
    `backup: done in ${manifest.run.seconds.toFixed(1)} s → ${path.join(dir, MANIFEST)} (${c.projects} projects, ${c.tasks} tasks, ${c.decisions} decisions, ${c.assets} assets, ${c.asset_versions} versions, ${snapshot.blobs.length} files)`,
  );
  return manifest;
}

/** The folder must not be the data itself, and must be empty or an earlier backup. */
async function checkTarget(config: Config, dir: string): Promise<void> {
  const data = path.resolve(config.dataDir);
  if (dir === data || dir.startsWith(path.join(data, 'blobs') + path.sep) || dir === path.join(data, 'blobs')) {
    throw new Refused(`--to ${dir} is the service's own data (DATA_DIR ${data}); give a folder of its own, preferably on another disk`);
  }
  const st = await fs.promises.stat(dir).catch(() => null);
  if (!st) return;
  if (!st.isDirectory()) throw new Refused(`--to ${dir} is a file, not a folder`);
  const names = (await fs.promises.readdir(dir)).filter((n) => !n.endsWith('.partial'));
  // db.dump: where the README's recipe puts pg_dump's file on PostgreSQL.
  const ours = new Set([MANIFEST, DATABASE_FILE, 'blobs', 'db.dump']);
  const foreign = names.filter((n) => !ours.has(n));
  if (foreign.length) {
    throw new Refused(
      `--to ${dir} holds other files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); give an empty folder or an earlier backup's`,
    );
  }
}

/** SQLite's online backup: one step over every page, so the copy is the database at one moment however the service writes meanwhile. */
async function sqliteBackup(file: string, dest: string): Promise<void> {
  if (!fs.existsSync(file)) {
    throw new Refused(`no SQLite database at ${file}: set DATA_DIR to the service's data folder (or DATABASE_URL for PostgreSQL)`);
  }
  await fs.promises.rm(dest, { force: true });
  const source = new SQLite(file, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    await source.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
}

function sqliteSnapshot(file: string): Snapshot {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    // The copy stands alone: one file, no write-ahead log beside it (the service turns WAL on again at start).
    db.pragma('journal_mode = DELETE');
    const tables = new Set(
      (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name),
    );
    const counts = Object.fromEntries(
      COUNTED.map((t) => [t, tables.has(t) ? (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n : 0]),
    ) as Counts;
    const schema = tables.has('kysely_migration')
      ? ((db.prepare('select max(name) as name from kysely_migration').get() as { name: string | null }).name ?? null)
      : null;
    const blobs = tables.has('asset_versions')
      ? (db.prepare('select sha256, max(size) as size from asset_versions group by sha256 order by sha256').all() as BlobEntry[])
      : [];
    return { schema, counts, blobs };
  } finally {
    db.close();
  }
}

async function postgresSnapshot(config: Config): Promise<Snapshot> {
  const { db } = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const counts = {} as Counts;
    for (const t of COUNTED)
      counts[t] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0]!.n);
    const schema = (await sql<{ name: string | null }>`select max(name) as name from kysely_migration`.execute(db)).rows[0]!.name;
    const blobs = (
      await sql<{
        sha256: string;
        size: string;
      }>`select sha256, max(size) as size from asset_versions group by sha256 order by sha256`.execute(db)
    ).rows.map((r) => ({ sha256: r.sha256, size: Number(r.size) }));
    return { schema, counts, blobs };
  } catch (err) {
    throw new Refused(`the PostgreSQL database at DATABASE_URL cannot be read: ${(err as Error).message}`);
  } finally {
    await db.destroy();
  }
}

/** Runs `fn` over the items, `n` at a time. */
export async function eachAtOnce<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export const mib = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MiB`;
