import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type Db } from '../src/db/database.js';
import { runsAlone } from '../src/db/postgres.js';
import { freshDatabase, type FreshDatabase } from '../../tests/database/fresh_database.js';

// PostgreSQL transactions send BEGIN with their first statement, and a transaction whose only statement
// is marked as its last runs that statement alone. This runs against PostgreSQL whichever engine the
// rest of the suite uses (its own database).
describe('PostgreSQL transactions begin with their first statement', () => {
  let database: FreshDatabase;
  let db: Db;
  let watcher: pg.Client;

  before(async () => {
    database = await freshDatabase('postgres', 'test');
    ({ db } = openDatabase({ databaseUrl: database.env.DATABASE_URL!, dataDir: database.env.DATA_DIR! }));
    await migrateToLatest({ db, engine: 'postgres' });
    watcher = new pg.Client({ connectionString: database.env.DATABASE_URL, application_name: 'watcher' });
    await watcher.connect();
  });

  after(async () => {
    await watcher.end();
    await db.destroy();
    await database.drop();
  });

  /** Sessions of the service's pool with a transaction open on the server. */
  const openTransactions = async () =>
    Number(
      (
        await watcher.query<{ n: string }>(
          `select count(*) as n from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'`,
        )
      ).rows[0]!.n,
    );

  /** Whether the statement started its own transaction (it ran without a BEGIN before it). */
  const startedItsTransaction = sql<{ alone: boolean }>`select statement_timestamp() = transaction_timestamp() as alone`;

  it('opens nothing on the server until the first statement, then holds the transaction to its end', async () => {
    await db.transaction().execute(async () => {
      assert.equal(await openTransactions(), 0, 'no BEGIN sent yet');
    });
    await db.transaction().execute(async (trx) => {
      const { rows } = await startedItsTransaction.execute(trx);
      assert.equal(rows[0]!.alone, false, 'a BEGIN went before the first statement');
      assert.equal(await openTransactions(), 1, 'open between two statements');
      await sql`select 1`.execute(trx);
    });
    assert.equal(await openTransactions(), 0, 'committed');
  });

  it("runs a transaction's only statement alone when it is marked as the last, and refuses any after it", async () => {
    const alone = await db.transaction().execute(async (trx) => {
      const { rows } = await trx.executeQuery(runsAlone(startedItsTransaction.compile(trx)));
      return rows[0]!.alone;
    });
    assert.equal(alone, true);

    const after = await db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      const { rows } = await trx.executeQuery(runsAlone(startedItsTransaction.compile(trx)));
      return rows[0]!.alone;
    });
    assert.equal(after, false, 'with a statement before it, the last one runs in the transaction');

    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.executeQuery(runsAlone(sql`select 1`.compile(trx)));
        await sql`select 2`.execute(trx);
      }),
      /after the last statement of its transaction/,
    );
    assert.equal(await openTransactions(), 0);
  });

  it('keeps a transaction all or nothing: a failure undoes what ran before it, a failed last statement leaves nothing', async () => {
    const project = (id: string) => ({
      id,
      name: `Project ${id}`,
      home_channel_id: 'chhome',
      time_zone: 'UTC',
      created_by: 'usr',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    const projects = async () => (await db.selectFrom('projects').select('id').execute()).map((r) => r.id).sort();

    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('projects').values(project('p1')).execute();
        await trx.insertInto('projects').values(project('p1')).execute();
      }),
    );
    assert.deepEqual(await projects(), [], 'the first insert was rolled back with the second');

    await db.transaction().execute(async (trx) => {
      await trx.executeQuery(runsAlone(trx.insertInto('projects').values(project('p2')).compile()));
    });
    assert.deepEqual(await projects(), ['p2'], 'a statement run alone commits');

    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.executeQuery(
          runsAlone(
            trx
              .insertInto('projects')
              .values([project('p3'), project('p2')])
              .compile(),
          ),
        );
      }),
    );
    assert.deepEqual(await projects(), ['p2'], 'a failed statement run alone wrote none of its rows');
    assert.equal(await openTransactions(), 0);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('projects').values(project('p4')).execute();
    });
    assert.deepEqual(await projects(), ['p2', 'p4'], 'the pool still works');
  });
});
