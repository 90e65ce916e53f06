import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import type { TaskStatus } from '@throughline/contract';
import { openDatabase, type Db, type Engine } from '../src/db/database.js';
import { migrationProvider } from '../src/db/migrations/index.js';
import { flowDeltas, medians, type Scope, type Window } from '../src/overview/flow.repository.js';
import { newId } from '../src/util/ids.js';
import { C, ENGINE, P, U, freshDatabase, slashCommand, startStack, taskRow, type Stack } from './helpers.js';
import { NOW, seedCampaign } from './overview.seed.js';
import { eventually } from './sse.js';

/** Every stay as the history alone gives it: the window over each task's entries the overview used to run. */
async function staysFromHistory(db: Db, engine: Engine) {
  const c = engine === 'postgres' ? sql` collate "C"` : sql``;
  const secs =
    engine === 'postgres'
      ? sql`extract(epoch from (cast(left_at as timestamptz) - cast(at as timestamptz)))`
      : sql`((julianday(left_at) - julianday(at)) * 86400.0)`;
  const { rows } = await sql<StayRow>`
    select x.id as entry_id, x.task_id, x.status, x.from_status, x.at as entered_at, x.left_at,
           case when x.left_at is null then null else ${secs} end as secs,
           t.project_id, t.channel_id, t.assignee_id, t.deleted_at
      from (
        select h.id, h.task_id, case when h.action = 'created' then 'todo' else h.to_value end as status,
               case when h.field = 'status' then h.from_value end as from_status, h.at,
               lead(h.at) over (partition by h.task_id${c} order by h.at${c}, h.id${c}) as left_at
          from task_history h where h.field = 'status' or h.action = 'created'
      ) x join tasks t on t.id = x.task_id`.execute(db);
  return sortStays(rows);
}

interface StayRow {
  entry_id: string;
  task_id: string;
  status: string | null;
  from_status: string | null;
  entered_at: string;
  left_at: string | null;
  secs: number | string | null;
  /** The task's as it is now. */
  project_id: string | null;
  channel_id: string | null;
  assignee_id: string | null;
  deleted_at: string | null;
}

const sortStays = (rows: StayRow[]) =>
  rows.map((r) => ({ ...r, secs: r.secs === null ? null : Number(r.secs) })).sort((a, b) => (a.entry_id < b.entry_id ? -1 : 1));

/** task_stays is read only by raw queries (the overview's), so it has no row type in the schema. */
const stored = async (db: Db) => sortStays((await sql<StayRow>`select * from task_stays`.execute(db)).rows);

describe(`stays in a status, kept as the history is written [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  let assetId: string;
  before(async () => {
    s = await startStack({ NOTIFY_MIN_INTERVAL_MS: '0' });
    projectId = (await ok(req('POST', '/api/v1/projects', U.olga.token, { name: 'Stays', channel_id: C.hq }))).id;
    await ok(req('POST', `/api/v1/projects/${projectId}/channels`, U.olga.token, { channel_id: C.kazan }));
    assetId = (await ok(req('POST', '/api/v1/assets', U.olga.token, { project_id: projectId, name: 'Poster', channel_ids: [C.hq] }))).id;
    await ok(req('POST', `/api/v1/assets/${assetId}/versions/${(await upload('v1', 'poster-v1.png')).id}/approve`, U.olga.token, {}));
  });
  after(async () => {
    await s.close();
  });

  const req = (method: string, path: string, token: string | null, body?: unknown) => s.request(method, path, { token, body });
  const ok = async (r: Promise<{ status: number; body: any }>) => {
    const a = await r;
    assert.ok(a.status < 300, `${a.status} ${JSON.stringify(a.body)}`);
    return a.body;
  };
  const upload = async (text: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'image/png' }), name);
    const r = await fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.olga.token}` },
      body: form,
    });
    assert.equal(r.status, 201);
    return (await r.json()) as { id: string };
  };
  const patch = async (id: string, body: Record<string, unknown>, token = U.olga.token) => {
    const { version } = await ok(req('GET', `/api/v1/tasks/${id}`, U.olga.token));
    return ok(req('PATCH', `/api/v1/tasks/${id}`, token, { version, ...body }));
  };
  const click = (userId: string, channelId: string, postId: string, context: unknown) =>
    s.request('POST', '/api/v1/mattermost/actions', { body: { user_id: userId, channel_id: channelId, post_id: postId, context } });
  const staysOf = async (taskId: string) =>
    (await stored(s.db))
      .filter((r) => r.task_id === taskId)
      .sort((a, b) => a.entered_at.localeCompare(b.entered_at) || (a.entry_id < b.entry_id ? -1 : 1));

  it('every path that sets a status ends the stay before and begins the next, as the history gives them', async () => {
    // The API: made, then PATCHed (with another field at once), done, reopened, and a change that is no status change.
    const api = await ok(req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'Over the API', project_id: projectId }));
    await patch(api.id, { status: 'in_progress', title: 'Over the API, renamed' });
    await patch(api.id, { status: 'done' });
    await patch(api.id, { status: 'todo' });
    await patch(api.id, { due_at: '2030-01-01T00:00:00.000Z' });
    // Not status changes, but what the overview groups and filters stays by: they follow the task.
    await patch(api.id, { assignee_id: U.dmitry.id });
    await patch(api.id, { project_id: null });

    // /task: made by the command, finished by `/task done`.
    assert.equal((await slashCommand(s, U.dmitry, C.hq, 'Made by the command')).status, 200);
    const cmd = await s.db.selectFrom('tasks').select('id').where('title', '=', 'Made by the command').executeTakeFirstOrThrow();
    const finished = await slashCommand(s, U.dmitry, C.hq, `done ${cmd.id.slice(-8)}`);
    assert.equal(finished.body.response_type, 'in_channel', JSON.stringify(finished.body));

    // The card's buttons: Start, then Done.
    const fromPost = await ok(req('POST', '/api/v1/tasks', U.olga.token, { post_id: P.hqWithFiles.id }));
    const card = await eventually(() => s.mm.postsIn(C.hq).find((p) => (p.props as any)?.task?.id === fromPost.id), 5000, 'the card');
    const action = (props: any, id: string) => props.attachments[0].actions.find((a: any) => a.id === id).integration.context;
    const started = await click(U.dmitry.id, C.hq, card.id, action(card.props, 'start'));
    assert.equal(started.headers.get('x-throughline-refused'), null, JSON.stringify(started.body));
    const doneClick = await click(U.dmitry.id, C.hq, card.id, action(started.body.update.props, 'done'));
    assert.equal(doneClick.headers.get('x-throughline-refused'), null, JSON.stringify(doneClick.body));

    // A rollout bound to the asset: its child made with the rollout, done after the receipt, reopened by a newer approval.
    const parent = await ok(req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'Place it', project_id: projectId }));
    const rollout = await ok(
      req('POST', '/api/v1/rollouts', U.olga.token, { task_id: parent.id, channel_ids: [C.kazan], asset_id: assetId }),
    );
    const child = rollout.rows[0].task;
    await ok(req('POST', `/api/v1/assets/${assetId}/receipts/${C.kazan}`, U.kazan.token));
    await patch(child.id, { status: 'done' }, U.dmitry.token);
    await ok(req('POST', `/api/v1/assets/${assetId}/versions/${(await upload('v2', 'poster-v2.png')).id}/approve`, U.olga.token, {}));
    assert.equal((await ok(req('GET', `/api/v1/tasks/${child.id}`, U.olga.token))).status, 'in_progress');

    // Deleting writes an entry but begins no stay.
    const gone = await ok(req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'Deleted' }));
    assert.equal((await req('DELETE', `/api/v1/tasks/${gone.id}`, U.olga.token)).status, 204);

    const expected: Array<[string, string[]]> = [
      [api.id, ['todo', 'in_progress', 'done', 'todo']],
      [cmd.id, ['todo', 'done']],
      [fromPost.id, ['todo', 'in_progress', 'done']],
      [parent.id, ['todo']],
      [child.id, ['todo', 'done', 'in_progress']],
      [gone.id, ['todo']],
    ];
    for (const [id, statuses] of expected) {
      const stays = await staysOf(id);
      assert.deepEqual(
        stays.map((x) => x.status),
        statuses,
        id,
      );
      assert.deepEqual(
        stays.map((x) => x.from_status),
        [null, ...statuses.slice(0, -1)],
      );
      for (const [i, x] of stays.entries()) {
        const next = stays[i + 1];
        assert.equal(x.left_at, next?.entered_at ?? null, 'a stay ends where the next begins; the last still lasts');
        if (next) assert.ok(Math.abs(x.secs! - (Date.parse(next.entered_at) - Date.parse(x.entered_at)) / 1000) < 1e-3);
        else assert.equal(x.secs, null);
      }
    }
    const apiStays = await staysOf(api.id);
    assert.ok(apiStays.every((x) => x.assignee_id === U.dmitry.id && x.project_id === null && x.channel_id === C.hq));
    assert.ok((await staysOf(gone.id)).every((x) => x.deleted_at !== null));
    assert.ok((await staysOf(child.id)).every((x) => x.channel_id === C.kazan && x.project_id === projectId && x.deleted_at === null));
    assert.deepEqual(await stored(s.db), await staysFromHistory(s.db, ENGINE));
  });

  it('keeps the history’s order when entries are written out of order, several at once, or at the same instant', async () => {
    const id = newId();
    await s.db
      .insertInto('tasks')
      .values(taskRow({ id, title: 'Written late', created_at: '2025-01-01T00:00:00.000Z', channel_id: C.hq, project_id: projectId }))
      .execute();
    const entry = (action: 'created' | 'updated', at: string, from: string | null = null, to: string | null = null, field = 'status') => ({
      id: newId(),
      task_id: id,
      actor_id: U.olga.id,
      action,
      field: action === 'created' ? null : field,
      from_value: from,
      to_value: to,
      at,
    });
    const created = entry('created', '2025-01-01T00:00:00.000Z');
    const a = entry('updated', '2025-01-02T00:00:00.000Z', 'todo', 'in_progress');
    const title = entry('updated', '2025-01-02T12:00:00.000Z', 'x', 'y', 'title');
    const b = entry('updated', '2025-01-03T00:00:00.000Z', 'in_progress', 'review');
    const tie = entry('updated', '2025-01-03T00:00:00.000Z', 'review', 'done');
    const c = entry('updated', '2025-01-05T06:30:00.250Z', 'done', 'todo');
    // At one instant the id decides: ids made in one millisecond are in no order, so give the tie the larger.
    const [low, high] = [b.id, tie.id].sort() as [string, string];
    b.id = low;
    tie.id = high;
    await s.db.insertInto('task_history').values([c, a]).execute();
    await s.db.insertInto('task_history').values(tie).execute();
    await s.db.insertInto('task_history').values([created, title, b]).execute();
    const stays = await staysOf(id);
    assert.deepEqual(
      stays.map((x) => [x.status, x.entered_at, x.left_at]),
      [
        ['todo', created.at, a.at],
        ['in_progress', a.at, b.at],
        ['review', b.at, tie.at],
        ['done', tie.at, c.at],
        ['todo', c.at, null],
      ],
    );
    assert.deepEqual(
      stays.map((x) => (x.secs === null ? null : Math.round(x.secs * 1000) / 1000)),
      [86_400, 86_400, 0, 196_200.25, null],
    );
    assert.deepEqual(await stored(s.db), await staysFromHistory(s.db, ENGINE));
  });
});

/** The overview's medians and flow as they were worked out from the history before task_stays (migration 0820). */
async function fromHistoryBefore(db: Db, engine: Engine, s: Scope, w: Window) {
  const c = engine === 'postgres' ? sql` collate "C"` : sql``;
  const secs =
    engine === 'postgres'
      ? sql`extract(epoch from (cast(left_at as timestamptz) - cast(at as timestamptz)))`
      : sql`((julianday(left_at) - julianday(at)) * 86400.0)`;
  const ids = sql.join(s.channelIds.map((x) => sql`${x}`));
  const scoped = sql`t.project_id = ${s.projectId} and t.deleted_at is null and t.channel_id in (${ids})`;
  const m = await sql<{ kind: 'c' | 'a'; grp: string; status: TaskStatus; median: number | string; stays: number | string }>`
    with stays as (
      select t.channel_id as channel_id, t.assignee_id as assignee_id,
             case when h.action = 'created' then 'todo' else h.to_value end as status, h.at as at,
             lead(h.at) over (partition by h.task_id${c} order by h.at${c}, h.id${c}) as left_at
        from tasks t join task_history h on h.task_id = t.id
       where ${scoped} and (h.field = 'status' or h.action = 'created') and h.at <= ${w.end}
    ),
    ended as (select channel_id, assignee_id, status, ${secs} as secs from stays where left_at is not null and left_at > ${w.start}),
    grouped as (
      select 'c' as kind, channel_id as grp, status, secs from ended
      union all
      select 'a', coalesce(assignee_id, ''), status, secs from ended
    ),
    ranked as (
      select kind, grp, status, secs,
             row_number() over (partition by kind, grp${c}, status${c} order by secs) as rn,
             count(*) over (partition by kind, grp${c}, status${c}) as n
        from grouped
    )
    select kind, grp, status, avg(secs) as median, max(n) as stays
      from ranked where rn = (n + 1) / 2 or rn = (n + 2) / 2
     group by kind, grp, status`.execute(db);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const startDay = w.start.slice(0, 10);
  const day = sql`case when substr(h.at, 1, 10) < ${startDay} then '' else substr(h.at, 1, 10) end`;
  const f = await sql<{ status: TaskStatus; day: string; entered: number | string; left: number | string }>`
    select status, day, sum(entered) as entered, sum(gone) as "left" from (
      select case when h.action = 'created' then 'todo' else h.to_value end as status, ${day} as day, 1 as entered, 0 as gone
        from tasks t join task_history h on h.task_id = t.id
       where ${scoped} and (h.field = 'status' or h.action = 'created') and h.at <= ${w.end}
      union all
      select h.from_value, ${day}, 0, 1
        from tasks t join task_history h on h.task_id = t.id
       where ${scoped} and h.field = 'status' and h.at <= ${w.end}
    ) moves group by status, day`.execute(db);
  return {
    medians: m.rows
      .map((r) => ({ ...r, median: Number(r.median), stays: Number(r.stays) }))
      .sort((a, b) => byText(a.kind, b.kind) || byText(a.grp, b.grp) || byText(a.status, b.status)),
    flow: f.rows.map((r) => ({ status: r.status, day: r.day, entered: Number(r.entered), left: Number(r.left) })),
  };
}

const byKey = (rows: Array<{ status: string | null; day: string; entered: number; left: number }>) =>
  rows
    .filter((r) => r.status !== null && (r.entered || r.left))
    .map((r) => `${r.status} ${r.day} +${r.entered} -${r.left}`)
    .sort();

describe(`migration 0820: stays backfilled from the history [${ENGINE}]`, () => {
  it('gives the overview the medians and flow it worked out from the history before', async (t) => {
    const database = await freshDatabase();
    t.after(() => database.drop());
    const { db, engine } = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.env.DATA_DIR! });
    t.after(() => db.destroy());
    const migrator = new Migrator({ db, provider: migrationProvider });
    const to = await migrator.migrateTo('20261201_0810_event_sequence');
    assert.equal(to.error, undefined);
    const projectId = newId();
    await db
      .insertInto('projects')
      .values({
        id: projectId,
        name: 'Spring',
        home_channel_id: C.hq,
        created_by: U.olga.id,
        created_at: NOW,
        updated_at: NOW,
        time_zone: null,
      })
      .execute();
    await seedCampaign(db, projectId);
    // Two entries at one instant, a reopen, and a deleted task with history.
    const extra = newId();
    await db
      .insertInto('tasks')
      .values(taskRow({ id: extra, title: 'Tied', created_at: '2025-03-04T00:00:00.000Z', channel_id: C.samara, project_id: projectId }))
      .execute();
    const h = (at: string, from: string | null, to: string | null) => ({
      id: newId(),
      task_id: extra,
      actor_id: U.olga.id,
      action: from === null ? ('created' as const) : ('updated' as const),
      field: from === null ? null : 'status',
      from_value: from,
      to_value: to,
      at,
    });
    await db
      .insertInto('task_history')
      .values([
        h('2025-03-04T00:00:00.000Z', null, null),
        h('2025-03-05T00:00:00.000Z', 'todo', 'done'),
        h('2025-03-05T00:00:00.000Z', 'done', 'in_progress'),
        h('2025-03-06T03:00:00.500Z', 'in_progress', 'done'),
      ])
      .execute();
    const scope: Scope = { projectId, channelIds: [C.hq, C.kazan, C.samara] };
    const windows: Window[] = [
      { start: '2025-02-24T12:00:00.000Z', end: NOW },
      { start: '2024-12-01T00:00:00.000Z', end: NOW },
      { start: '2025-03-01T00:00:00.000Z', end: '2025-03-05T00:00:00.000Z' },
    ];
    const beforeMigration = [];
    for (const w of windows) beforeMigration.push(await fromHistoryBefore(db, engine, scope, w));

    const latest = await migrator.migrateToLatest();
    assert.equal(latest.error, undefined);
    assert.deepEqual(
      latest.results?.map((r) => r.migrationName),
      Object.keys(await migrationProvider.getMigrations()).filter((n) => n > '20261201_0810_event_sequence'),
    );
    const backfilled = await stored(db);
    assert.equal(backfilled.length, 25, 'one stay per created entry and status change');
    assert.deepEqual(backfilled, await staysFromHistory(db, engine));
    for (const [i, w] of windows.entries()) {
      assert.deepEqual(await medians(db, scope, w), beforeMigration[i]!.medians, `medians, window ${i}`);
      assert.deepEqual(byKey(await flowDeltas(db, scope, w)), byKey(beforeMigration[i]!.flow), `flow, window ${i}`);
    }
    assert.ok(beforeMigration[0]!.medians.length > 5, 'the seeded history has stays to take medians of');
  });
});
