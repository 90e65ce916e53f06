import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import { CompiledQuery, Kysely, Migrator, SqliteDialect, sql, type MigrationResultSet, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';
import { postgresDialect } from './postgres.js';

export type Db = Kysely<Database>;

/**
 * Areas of the schema get their own number ranges (search 05xx, digests 06xx, …) and land in any
 * order: a database that already ran a higher number still takes a lower one that arrives later.
 */
const ALLOW_UNORDERED = true;
export type Engine = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** Where the data lives, for logs: a file path or the PostgreSQL host/database (no password). */
  location: string;
}

/** How long an SQLite statement waits for another process's write lock. */
const BUSY_TIMEOUT_MS = 5000;
/** How long a starting replica waits for another one's migrations on SQLite. */
const MIGRATION_WAIT_MS = 120_000;

/** The PostgreSQL driver, loaded only by a service that uses PostgreSQL (a few MiB an SQLite one never holds). */
export const loadPg = (): typeof pg => createRequire(import.meta.url)('pg') as typeof pg;

export function openDatabase(opts: { databaseUrl: string | null; dataDir: string; onIdleError?: (err: Error) => void }): DatabaseHandle {
  if (opts.databaseUrl) {
    const pool = new (loadPg().Pool)({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, failover) must not take the process down;
    // the pool replaces it on the next query.
    pool.on('error', (err) => opts.onIdleError?.(err));
    const u = new URL(opts.databaseUrl);
    return {
      db: new Kysely<Database>({ dialect: postgresDialect(pool) }),
      engine: 'postgres',
      location: `${u.host}${u.pathname}`,
    };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'throughline.db');
  const sqlite = new SQLite(file);
  // WAL with synchronous=NORMAL keeps every committed transaction across a process crash (SIGKILL).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return {
    db: new Kysely<Database>({ dialect: writingAtOnce(new SqliteDialect({ database: reusingStatements(sqlite) })) }),
    engine: 'sqlite',
    location: file,
  };
}

/** Prepared statements kept for the most recently run SQL texts. */
const STATEMENTS_KEPT = 500;

/**
 * The SQLite handle as Kysely sees it, with each SQL text prepared once and its statement reused
 * (Kysely prepares on every query, and better-sqlite3 compiles on every prepare: a tenth of a
 * cached list request). A statement still being iterated is not handed out twice.
 */
function reusingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      const found = kept.get(text);
      if (found && !found.busy) {
        kept.delete(text);
        kept.set(text, found);
        return found;
      }
      const statement = sqlite.prepare(text);
      kept.delete(text);
      kept.set(text, statement);
      if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}

/**
 * Brings the schema up to date; safe when several replicas start on one database at the same time.
 * Returns the migrations this call applied (none when another process got there first).
 */
export async function migrateToLatest({ db, engine }: Pick<DatabaseHandle, 'db' | 'engine'>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: ALLOW_UNORDERED });
  // PostgreSQL: Kysely's migrator holds a session advisory lock (pg_advisory_lock) around reading what
  // ran and applying the rest, in one transaction; a second replica waits for it, then finds nothing to do.
  if (engine === 'postgres') return applied(await migrator.migrateToLatest());
  // SQLite: Kysely takes no lock and no transaction there, so two processes on one new file would
  // both create the tables. One IMMEDIATE transaction around the whole run takes the file's write lock
  // before anything is read: the second process waits for it (busy timeout), then finds nothing to do.
  // It also makes the run all or nothing. Statements run one after another on the one connection.
  await sql`pragma busy_timeout = ${sql.lit(MIGRATION_WAIT_MS)}`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    let result;
    try {
      result = await migrator.migrateToLatest();
    } catch (err) {
      await sql`rollback`.execute(db);
      throw err;
    }
    if (result.error) {
      await sql`rollback`.execute(db);
      return applied(result);
    }
    await sql`commit`.execute(db);
    return applied(result);
  } finally {
    await sql`pragma busy_timeout = ${sql.lit(BUSY_TIMEOUT_MS)}`.execute(db);
  }
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    const newer = /previously executed migration (\S+) is missing/.exec(message)?.[1];
    if (newer) {
      throw new Error(
        `the database has migration ${newer}, which this build does not know: a newer version upgraded it (run that version, or restore a backup taken before the upgrade)`,
      );
    }
    throw error instanceof Error ? error : new Error(message);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations this code has that the database lacks, and ones the database has that this code does not know (a newer version ran). */
export async function migrationStatus(db: Db): Promise<{ pending: string[]; unknown: string[] }> {
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: ALLOW_UNORDERED });
  const known = await migrator.getMigrations();
  const pending = known.filter((m) => !m.executedAt).map((m) => m.name);
  const names = new Set(known.map((m) => m.name));
  const executed = await sql<{ name: string }>`select name from kysely_migration`.execute(db).then(
    (r) => r.rows.map((row) => row.name),
    () => [] as string[],
  );
  return { pending, unknown: executed.filter((n) => !names.has(n)) };
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** A unique-constraint violation, in either engine's words. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * SQLite transactions that take the file's write lock when they begin (BEGIN IMMEDIATE), not at their
 * first write. One process has one connection, so nothing changes there; but when another process
 * writes the same file (a second replica starting, the command line), a deferred transaction that
 * read first and then writes fails at once with "database is locked" (its snapshot is stale), where
 * an immediate one waits for the lock (busy timeout) and reads what is committed.
 */
function writingAtOnce(dialect: SqliteDialect): SqliteDialect {
  const createDriver = dialect.createDriver.bind(dialect);
  dialect.createDriver = () => {
    const driver = createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  };
  return dialect;
}
