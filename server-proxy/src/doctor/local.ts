// The checks of what lies on this host: the settings, the database, the blob store.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { migrationStatus, openDatabase, pingDatabase, type Db } from '../db/database.js';
import { bytes, message, withDeadline, type Add } from './common.js';

const MIN_FREE_BYTES = 64 * 1024 ** 2;

export async function database(add: Add, config: Config): Promise<Db | null> {
  if (!config.databaseUrl) {
    const file = path.join(config.dataDir, 'throughline.db');
    if (!fs.existsSync(file)) {
      add({
        name: 'database',
        status: 'fail',
        detail: `no SQLite database at ${file}`,
        fix: 'set DATA_DIR to the folder the service keeps its data in, or start the service once (it creates and migrates the database)',
      });
      return null;
    }
  }
  const { db, engine, location } = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await withDeadline(pingDatabase(db), config.mmTimeoutMs, 'no answer in time');
    add({ name: 'database', status: 'ok', detail: `${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'} at ${location} answers` });
    return db;
  } catch (err) {
    await db.destroy().catch(() => undefined);
    add({
      name: 'database',
      status: 'fail',
      detail: `${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'} at ${location} does not answer: ${message(err)}`,
      fix:
        engine === 'postgres'
          ? 'check DATABASE_URL (host, port, database, user, password) and that PostgreSQL runs'
          : 'check DATA_DIR and the file permissions',
    });
    return null;
  }
}

export async function migrations(add: Add, db: Db): Promise<void> {
  const { pending, unknown } = await migrationStatus(db);
  if (unknown.length) {
    add({
      name: 'migrations',
      status: 'fail',
      detail: `the database was migrated by a newer version (${unknown.join(', ')})`,
      fix: 'run the version that migrated it, or restore a backup made with this version',
      data: { unknown },
    });
  } else if (pending.length) {
    add({
      name: 'migrations',
      status: 'fail',
      detail: `${pending.length} not applied: ${pending.join(', ')}`,
      fix: 'start the service (it applies migrations at start)',
      data: { pending },
    });
  } else add({ name: 'migrations', status: 'ok', detail: 'every migration is applied' });
}

export async function blobs(add: Add, config: Config): Promise<void> {
  const dir = path.join(config.dataDir, 'blobs');
  const target = fs.existsSync(dir) ? dir : config.dataDir;
  const probe = path.join(target, `.doctor-${randomUUID()}`);
  try {
    await fs.promises.writeFile(probe, 'probe', { flag: 'wx' });
    await fs.promises.rm(probe, { force: true });
  } catch (err) {
    const missing = (err as { code?: string }).code === 'ENOENT';
    add({
      name: 'blobs',
      status: 'fail',
      detail: missing ? `DATA_DIR ${target} does not exist` : `${target} is not writable: ${message(err)}`,
      fix: `make ${dir} a folder the service's user may write (or set DATA_DIR)`,
    });
    return;
  }
  const st = await fs.promises.statfs(target);
  const free = st.bavail * st.bsize;
  const data = { path: dir, free_bytes: free };
  const staging = config.blobStore.kind === 's3' ? ' (where uploads are staged on their way to the bucket)' : '';
  const detail = `${dir} is writable${staging}, ${bytes(free)} free`;
  if (free < MIN_FREE_BYTES) {
    add({ name: 'blobs', status: 'fail', detail, fix: 'free space on that disk or move DATA_DIR', data });
  } else if (free < config.uploadLimitBytes) {
    add({
      name: 'blobs',
      status: 'warn',
      detail: `${detail}, less than one upload may take (UPLOAD_LIMIT_BYTES ${bytes(config.uploadLimitBytes)})`,
      data,
    });
  } else add({ name: 'blobs', status: 'ok', detail, data });
}
