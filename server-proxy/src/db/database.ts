import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type MigrationResultSet,
  type QueryResult,
  type SqliteDatabase,
} from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';

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
      db: new Kysely<Database>({ dialect: beginningAtFirstStatement(new PostgresDialect({ pool: namingStatements(pool) })) }),
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

/** SQL texts that each PostgreSQL connection prepares once, by name (see keepPrepared). */
const NAMED = new Map<string, string>();

/**
 * Marks a fixed SQL text (one compiled once, run on every request) to be prepared once per
 * PostgreSQL connection and then only bound and run: the server parses and plans it no more, a
 * third of such a query's time. For fixed texts only: a connection keeps what it prepared.
 */
export function keepPrepared(text: string): void {
  if (!NAMED.has(text)) NAMED.set(text, `throughline_${NAMED.size}`);
}

const named = new WeakSet<pg.PoolClient>();

/** The pool as Kysely sees it, its connections running the texts of keepPrepared as named statements. */
function namingStatements(pool: pg.Pool): { connect(): Promise<pg.PoolClient>; end(): Promise<void> } {
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      if (named.has(client)) return client;
      named.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
      client.query = ((text: unknown, values?: unknown[], ...rest: unknown[]) => {
        const name = typeof text === 'string' ? NAMED.get(text) : undefined;
        return name ? query({ name, text, values }) : query(text, values, ...rest);
      }) as typeof client.query;
      return client;
    },
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

/** Statements that may run as their transaction's only statement, without BEGIN and COMMIT (see runsAlone). */
const ALONE = new WeakSet<CompiledQuery>();

/**
 * Marks the last statement of a PostgreSQL transaction: when nothing ran before it in the transaction,
 * it runs alone, as a transaction of its own (one round trip instead of three); nothing may run after it.
 */
export function runsAlone<T>(query: CompiledQuery<T>): CompiledQuery<T> {
  ALONE.add(query);
  return query;
}

/** A PostgreSQL connection whose transaction is sent only with its first statement. */
class BeginningLater implements DatabaseConnection {
  /** The BEGIN of a transaction nothing has run in yet. */
  private pending: string | null = null;
  /** A transaction is open on the server (its BEGIN was sent). */
  private open = false;
  /** The transaction's last statement ran alone: nothing more may run in it. */
  private ended = false;

  constructor(readonly inner: DatabaseConnection) {}

  begin(statement: string): void {
    this.pending = statement;
    this.open = false;
    this.ended = false;
  }

  async end(statement: 'commit' | 'rollback'): Promise<void> {
    this.pending = null;
    this.ended = false;
    if (!this.open) return;
    this.open = false;
    await this.inner.executeQuery(CompiledQuery.raw(statement));
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await this.beforeStatement(query);
    return this.inner.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    await this.beforeStatement(query);
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }

  private async beforeStatement(query: CompiledQuery): Promise<void> {
    if (this.ended) throw new Error('a statement ran after the last statement of its transaction');
    if (this.pending === null) return;
    const begin = this.pending;
    this.pending = null;
    if (ALONE.has(query)) {
      this.ended = true;
      return;
    }
    await this.inner.executeQuery(CompiledQuery.raw(begin));
    this.open = true;
  }
}

/**
 * PostgreSQL transactions that send BEGIN with their first statement, and nothing at all when no
 * statement ran; a transaction whose only statement is marked with runsAlone is that statement alone.
 * A transaction takes its id at its first write and its snapshot at its first statement (READ
 * COMMITTED: at each statement) whenever BEGIN was sent, so nothing a reader can see changes.
 */
function beginningAtFirstStatement(dialect: PostgresDialect): PostgresDialect {
  const createDriver = dialect.createDriver.bind(dialect);
  dialect.createDriver = () => {
    const driver = createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    const release = driver.releaseConnection.bind(driver);
    const wrapped = new WeakMap<DatabaseConnection, BeginningLater>();
    driver.acquireConnection = async () => {
      const connection = await acquire();
      let later = wrapped.get(connection);
      if (!later) wrapped.set(connection, (later = new BeginningLater(connection)));
      return later;
    };
    driver.releaseConnection = (connection) => release((connection as BeginningLater).inner);
    driver.beginTransaction = async (connection, settings) => {
      const words = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean);
      (connection as BeginningLater).begin(words.length ? `start transaction ${words.join(' ')}` : 'begin');
    };
    driver.commitTransaction = (connection) => (connection as BeginningLater).end('commit');
    driver.rollbackTransaction = (connection) => (connection as BeginningLater).end('rollback');
    return driver;
  };
  return dialect;
}
