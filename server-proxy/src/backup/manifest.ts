// What a backup folder holds, and how it is laid out: the one description backup and restore share.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const MANIFEST = 'manifest.json';
export const DATABASE_FILE = 'throughline.db';
export const FORMAT = 1;

const isSha256 = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

/** The rows that matter to people, counted in the backed-up database. */
export const COUNTED = ['projects', 'tasks', 'decisions', 'assets', 'asset_versions'] as const;
export type Counts = Record<(typeof COUNTED)[number], number>;

export interface BlobEntry {
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof FORMAT;
  created_at: string;
  engine: 'sqlite' | 'postgres';
  /** The last migration the backed-up database had: a build that does not know it may not restore it. */
  schema: string | null;
  service_version: string;
  /** The SQLite file and its checksum; null for PostgreSQL, whose data is in the pg_dump taken beside it. */
  database: { file: string; bytes: number; sha256: string } | null;
  counts: Counts | null;
  /** Every stored file a version points at, by content address (the name is its sha256). */
  blobs: BlobEntry[];
  /** What this run did: the files copied, those already in the folder from an earlier run. */
  run: { blobs_copied: number; blobs_skipped: number; bytes_copied: number; seconds: number };
}

export const blobPath = (dir: string, sha256: string) => path.join(dir, 'blobs', sha256.slice(0, 2), sha256);

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Copies a stream to `dest` through a temporary file beside it, hashing it on the way: the copy
 * appears under its name only once complete and once its bytes hash to `sha256`.
 */
export async function copyVerified(source: Readable, dest: string, sha256: string): Promise<number> {
  await fs.promises.mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial-${process.pid}`;
  const hash = createHash('sha256');
  let size = 0;
  source.on('data', (chunk: Buffer) => {
    size += chunk.length;
    hash.update(chunk);
  });
  try {
    await pipeline(source, fs.createWriteStream(tmp, { highWaterMark: 1024 * 1024 }));
    const got = hash.digest('hex');
    if (got !== sha256) throw new Error(`the bytes of ${sha256} hash to ${got}: the stored file is damaged`);
    await fs.promises.rename(tmp, dest);
    return size;
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}

/** The manifest of a backup folder, checked for shape; a reason when it is not one. */
export async function readManifest(dir: string): Promise<Manifest | string> {
  let text: string;
  try {
    text = await fs.promises.readFile(path.join(dir, MANIFEST), 'utf8');
  } catch {
    return `${dir} holds no ${MANIFEST}: it is not a Throughline backup, or its backup did not finish`;
  }
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(text) as Partial<Manifest>;
  } catch {
    return `${path.join(dir, MANIFEST)} is not JSON`;
  }
  if (m.format !== FORMAT) return `${path.join(dir, MANIFEST)} is of format ${String(m.format)}; this build reads format ${FORMAT}`;
  const blobsOk = Array.isArray(m.blobs) && m.blobs.every((b) => isSha256(b?.sha256) && Number.isSafeInteger(b?.size) && b.size >= 0);
  const dbOk =
    m.engine === 'postgres'
      ? m.database === null
      : m.engine === 'sqlite' && !!m.database && m.database.file === DATABASE_FILE && isSha256(m.database.sha256);
  if (!blobsOk || !dbOk || typeof m.created_at !== 'string' || (m.schema !== null && typeof m.schema !== 'string'))
    return `${path.join(dir, MANIFEST)} is damaged (its fields are not what a backup writes)`;
  return m as Manifest;
}
