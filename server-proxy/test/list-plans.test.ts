import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CompiledQuery,
  PostgresQueryCompiler,
  SelectQueryNode,
  SqliteQueryCompiler,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';

/** The select statements the app runs, compiled as its engine compiles them. */
class SelectRecorder implements KyselyPlugin {
  readonly seen: CompiledQuery[] = [];
  private readonly compiler = ENGINE === 'postgres' ? new PostgresQueryCompiler() : new SqliteQueryCompiler();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (SelectQueryNode.is(args.node)) this.seen.push(this.compiler.compileQuery(args.node, args.queryId));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** A cursor above every id: the first page, as asked for right after a change. */
const PAST_EVERY_ID = 'ffffffff-ffff-7fff-bfff-ffffffffffff';

/**
 * The newest-first page of a project must walk the project's (project_id, id) index and stop after
 * a page, never sort the project: on SQLite, without statistics, a filter on the caller's channels
 * or the project's other indexes could otherwise win the plan (16 ms instead of 0.5 ms for 10,000
 * tasks). The plans are read from the database itself; on PostgreSQL with sorting and sequential
 * scans priced out, so that the plan shows which order the index can give.
 */
describe(`list pages walk the project's index [${ENGINE}]`, () => {
  const recorder = new SelectRecorder();
  let s: Stack;
  let project: string;

  before(async () => {
    s = await startStack({}, false, undefined, undefined, recorder);
    project = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Plans', channel_id: C.hq } })).body.id;
    const added = await s.request('POST', `/api/v1/projects/${project}/channels`, { token: U.olga.token, body: { channel_id: C.kazan } });
    assert.equal(added.status, 200);
  });
  after(async () => {
    await s.close();
  });

  /** What the database plans for the page query the route ran: the index names it uses, and whether it sorts. */
  const planOf = async (route: string, table: string): Promise<{ indexes: string[]; sorts: boolean; text: string }> => {
    recorder.seen.length = 0;
    const r = await s.request('GET', route, { token: U.olga.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const page = recorder.seen.filter((q) => q.sql.includes(`from "${table}"`) && q.sql.includes('order by'));
    assert.equal(page.length, 1, page.map((q) => q.sql).join('\n'));
    const q = page[0]!;
    if (ENGINE === 'sqlite') {
      const rows = (await s.db.executeQuery(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]))).rows as {
        detail: string;
      }[];
      const text = rows.map((row) => row.detail).join(' | ');
      return { indexes: [...text.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)].map((m) => m[1]!), sorts: /TEMP B-TREE/.test(text), text };
    }
    const text = await s.db.transaction().execute(async (trx) => {
      await sql`set local enable_sort = off`.execute(trx);
      await sql`set local enable_incremental_sort = off`.execute(trx);
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = (await trx.executeQuery(CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]))).rows as { 'QUERY PLAN': string }[];
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    return {
      indexes: [...text.matchAll(/Index (?:Only )?Scan(?: Backward)? using (\w+)/g)].map((m) => m[1]!),
      sorts: /\bSort\b/.test(text),
      text,
    };
  };

  it('GET /tasks?project_id: along tasks_project_idx, unsorted, on the first page and a later one', async () => {
    for (const cursor of ['', `&cursor=${PAST_EVERY_ID}`]) {
      const plan = await planOf(`/api/v1/tasks?project_id=${project}${cursor}`, 'tasks');
      assert.deepEqual(plan.indexes, ['tasks_project_idx'], plan.text);
      assert.equal(plan.sorts, false, plan.text);
    }
  });

  it('GET /decisions?project_id: along decisions_project_idx, unsorted', async () => {
    const plan = await planOf(`/api/v1/decisions?project_id=${project}&cursor=${PAST_EVERY_ID}`, 'decisions');
    assert.ok(plan.indexes.includes('decisions_project_idx'), plan.text);
    assert.equal(plan.sorts, false, plan.text);
  });
});
