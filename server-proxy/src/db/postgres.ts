import type pg from 'pg';
import { CompiledQuery, PostgresDialect, type DatabaseConnection, type QueryResult } from 'kysely';

/** The PostgreSQL dialect of the service: named statements for keepPrepared's texts, BEGIN sent with the first statement. */
export function postgresDialect(pool: pg.Pool): PostgresDialect {
  return beginningAtFirstStatement(new PostgresDialect({ pool: namingStatements(pool) }));
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
