// A throwaway database for one test run or benchmark: SQLite in a temporary folder, or a new
// PostgreSQL database on the server at TEST_DATABASE_URL. Blobs always live in the folder.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

export type Engine = 'sqlite' | 'postgres';

export interface FreshDatabase {
  /** What the service reads: DATA_DIR, and DATABASE_URL for PostgreSQL. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A brand-new, empty database; `label` names it (tl_<label>_…) so a leftover says who made it. */
export async function freshDatabase(engine: Engine, label = 'test'): Promise<FreshDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tl-${label}-`));
  const removeDir = async () => fs.rmSync(dir, { recursive: true, force: true });
  if (engine === 'sqlite') {
    return { env: { DATA_DIR: dir }, drop: removeDir };
  }
  const name = `tl_${label}_${randomBytes(8).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
    drop: async () => {
      await admin(`drop database if exists ${name} with (force)`);
      await removeDir();
    },
  };
}
