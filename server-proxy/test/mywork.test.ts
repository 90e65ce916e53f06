import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MY_WORK_DEPTH_MAX, MY_WORK_LIMIT_MAX, type MyWork } from '@throughline/contract';
import type { Caller } from '../src/http/auth.js';
import { newId } from '../src/util/ids.js';
import { C, ENGINE, U, count, startStack, type Stack } from './helpers.js';

// A fixed clock: Wednesday 12 March 2025, 20:30 UTC — 23:30 in Moscow, 20:30 in London.
const NOW = Date.parse('2025-03-12T20:30:00.000Z');
const HOSTILE = '<script>alert(1)</script>\'"; drop table tasks; --';

const callerOf = (u: (typeof U)[keyof typeof U], isGuest = false): Caller => ({
  id: u.id,
  username: u.username,
  isGuest,
  isSystemAdmin: false,
  token: u.token,
});
const titles = (page: { items: Array<{ title: string }> }) => page.items.map((t) => t.title);

describe(`my work [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;

  before(async () => {
    s = await startStack();
    projectId = (await req('POST', '/api/v1/projects', U.olga.token, { name: 'Spring', channel_id: C.hq })).body.id;
    for (const c of [C.kazan, C.samara, C.novosibirsk])
      await ok(req('POST', `/api/v1/projects/${projectId}/channels`, U.olga.token, { channel_id: c }));
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
  const work = (token: string, query = ''): Promise<MyWork> => ok(req('GET', `/api/v1/me/work${query}`, token));
  const task = async (
    title: string,
    t: { due_at?: string | null; channel_id?: string; assignee_id?: string; status?: string; deleted?: boolean },
  ) => {
    await s.db
      .insertInto('tasks')
      .values({
        id: newId(),
        title,
        description: '',
        search_text: title.toLowerCase(),
        status: (t.status as never) ?? 'todo',
        assignee_id: t.assignee_id ?? U.dmitry.id,
        due_at: t.due_at ?? null,
        channel_id: t.channel_id ?? C.kazan,
        project_id: projectId,
        source_post_id: null,
        permalink: null,
        files: '[]',
        created_by: U.olga.id,
        created_at: '2025-03-01T09:00:00.000Z',
        updated_at: '2025-03-01T09:00:00.000Z',
        deleted_at: t.deleted ? '2025-03-02T09:00:00.000Z' : null,
        version: 1,
        reminder_sent_at: null,
        thread_root_id: null,
        parent_id: null,
        rollout_id: null,
      })
      .execute();
  };

  it('groups the open tasks assigned to the caller by day in their time zone, across midnight and the week end', async () => {
    await task('A 30 min ago', { due_at: '2025-03-12T20:00:00.000Z' });
    await task('B 23:45 Moscow', { due_at: '2025-03-12T20:45:00.000Z', channel_id: C.hq });
    await task('C 00:15 Moscow Thursday', { due_at: '2025-03-12T21:15:00.000Z' });
    await task('D Sunday 23:30 Moscow', { due_at: '2025-03-16T20:30:00.000Z' });
    await task('E Monday 00:30 Moscow', { due_at: '2025-03-16T21:30:00.000Z' });
    await task('F no due date', {});
    await task('done', { due_at: '2025-03-10T20:00:00.000Z', status: 'done' });
    await task('cancelled', { status: 'cancelled' });
    await task('deleted', { due_at: '2025-03-10T20:00:00.000Z', deleted: true });
    await task('someone else', { due_at: '2025-03-10T20:00:00.000Z', assignee_id: U.olga.id });
    await task('off-topic, not his channel', { due_at: '2025-03-10T20:00:00.000Z', channel_id: C.offTopic });

    const moscow = await s.app.live.mywork.work(callerOf(U.dmitry), { tz: 'Europe/Moscow' }, NOW);
    assert.equal(moscow.time_zone, 'Europe/Moscow');
    assert.equal(moscow.now, '2025-03-12T20:30:00.000Z');
    assert.equal(moscow.today_starts_at, '2025-03-11T21:00:00.000Z');
    assert.equal(moscow.tomorrow_starts_at, '2025-03-12T21:00:00.000Z');
    assert.equal(moscow.week_ends_at, '2025-03-16T21:00:00.000Z');
    assert.deepEqual(titles(moscow.overdue), ['A 30 min ago']);
    assert.deepEqual(titles(moscow.today), ['B 23:45 Moscow']);
    assert.deepEqual(titles(moscow.this_week), ['C 00:15 Moscow Thursday', 'D Sunday 23:30 Moscow']);
    assert.deepEqual(titles(moscow.later), ['E Monday 00:30 Moscow', 'F no due date'], 'dated first, undated last');
    assert.deepEqual([moscow.overdue.count, moscow.today.count, moscow.this_week.count, moscow.later.count], [1, 1, 2, 2]);

    // Dmitry's own profile says London (the stand-in's English users): the same instant, other days.
    const london = await s.app.live.mywork.work(callerOf(U.dmitry), {}, NOW);
    assert.equal(london.time_zone, 'Europe/London', "the caller's Mattermost time zone by default");
    assert.deepEqual(titles(london.today), ['B 23:45 Moscow', 'C 00:15 Moscow Thursday']);
    assert.deepEqual(titles(london.this_week), ['D Sunday 23:30 Moscow', 'E Monday 00:30 Moscow']);
    assert.deepEqual(titles(london.later), ['F no due date']);

    // Over HTTP with the real clock: long past is overdue, far future and undated are later.
    const live = await work(U.dmitry.token, '?tz=Asia/Novosibirsk');
    assert.equal(live.time_zone, 'Asia/Novosibirsk');
    assert.equal(live.overdue.count, 5, 'every dated task of March 2025 is past by now');
    assert.ok(!JSON.stringify(live).includes('off-topic'), 'nothing of a channel he is not in');
  });

  it('counts a day that a clock change shortens as one day', async () => {
    // New York springs forward on Sunday 9 March 2025: that day has 23 hours and ends the ISO week.
    const ny = await s.app.live.mywork.work(callerOf(U.dmitry), { tz: 'America/New_York' }, Date.parse('2025-03-09T12:00:00.000Z'));
    assert.equal(ny.today_starts_at, '2025-03-09T05:00:00.000Z');
    assert.equal(ny.tomorrow_starts_at, '2025-03-10T04:00:00.000Z');
    assert.equal(ny.week_ends_at, '2025-03-10T04:00:00.000Z', 'on Sunday nothing is left of the week after today');
    assert.equal(ny.this_week.count, 0);
  });

  it('pages one section at a time, each bounded, with its count', async () => {
    const first = await s.app.live.mywork.work(callerOf(U.dmitry), { tz: 'Europe/Moscow', limit: 1 }, NOW);
    assert.deepEqual(titles(first.this_week), ['C 00:15 Moscow Thursday']);
    assert.equal(first.this_week.next_cursor, '1');
    const next = await s.app.live.mywork.work(
      callerOf(U.dmitry),
      { tz: 'Europe/Moscow', limit: 1, section: 'this_week', cursor: '1' },
      NOW,
    );
    assert.deepEqual(titles(next.this_week), ['D Sunday 23:30 Moscow']);
    assert.equal(next.this_week.next_cursor, null);
    assert.deepEqual(next.overdue.items, [], 'other sections carry only their counts');
    assert.equal(next.overdue.count, 1);
    const past = await s.app.live.mywork.work(callerOf(U.dmitry), { tz: 'Europe/Moscow', section: 'later', cursor: '5' }, NOW);
    assert.deepEqual([past.later.items, past.later.count, past.later.next_cursor], [[], 2, null], 'a page past the end still counts');
  });

  it('lists the decisions naming the caller as approver and the versions they may approve, then the receipts their channels owe', async () => {
    const asset = await ok(
      req('POST', '/api/v1/assets', U.olga.token, { project_id: projectId, name: 'Outdoor 6×3', channel_ids: [C.hq, C.kazan, C.samara] }),
    );
    const form = new FormData();
    form.append('file', new Blob(['layout bytes for my work'], { type: 'image/png' }), 'outdoor.png');
    const uploaded = await fetch(`${s.url}/api/v1/assets/${asset.id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.dmitry.token}` },
      body: form,
    });
    assert.equal(uploaded.status, 201);
    const version = (await uploaded.json()) as { id: string };
    const decision = await ok(
      req('POST', '/api/v1/decisions', U.olga.token, {
        project_id: projectId,
        channel_id: C.hq,
        statement: 'Slogan B is final',
        approver_id: U.dmitry.id,
        channel_ids: [C.hq, C.kazan],
      }),
    );

    const dmitry = await work(U.dmitry.token);
    assert.deepEqual(
      dmitry.decisions.items.map((d) => [d.id, d.statement, d.source_channel_id]),
      [[decision.id, 'Slogan B is final', C.hq]],
    );
    assert.deepEqual(
      dmitry.versions.items.map((v) => [v.id, v.asset_name, v.number, v.channel_id]),
      [[version.id, 'Outdoor 6×3', 1, C.hq]],
    );
    assert.equal((await work(U.olga.token)).decisions.count, 0, 'olga is not the named approver');
    assert.equal((await work(U.olga.token)).versions.count, 1, 'any non-guest member of its channels may approve a version');
    const guest = await work(U.kazan.token);
    assert.equal(guest.versions.count, 0, 'a guest approves nothing');
    assert.equal(guest.decisions.count, 0);
    assert.equal((await work(U.agency.token)).versions.count, 0, 'nor does a guest of the home channel');

    await ok(req('POST', `/api/v1/assets/${asset.id}/versions/${version.id}/approve`, U.olga.token, {}));
    await ok(req('POST', `/api/v1/decisions/${decision.id}/decide`, U.dmitry.token, { version: decision.version }));
    const after = await work(U.dmitry.token);
    assert.equal(after.versions.count, 0);
    assert.equal(after.decisions.count, 0);
    const owed = (w: MyWork) => w.receipts.items.map((r) => `${r.kind}:${r.channel_id}`).sort();
    assert.deepEqual(
      owed(after),
      [`asset_version:${C.hq}`, `asset_version:${C.kazan}`, `asset_version:${C.samara}`, `decision:${C.hq}`, `decision:${C.kazan}`].sort(),
    );
    const receipt = after.receipts.items.find((r) => r.kind === 'asset_version')!;
    assert.deepEqual([receipt.title, receipt.asset_id, receipt.number, receipt.subject_id], ['Outdoor 6×3', asset.id, 1, version.id]);
    assert.deepEqual(owed(await work(U.kazan.token)), [`asset_version:${C.kazan}`, `decision:${C.kazan}`], 'the Kazan guest: Kazan only');
    assert.deepEqual(owed(await work(U.pavel.token)), [`asset_version:${C.samara}`]);

    await ok(req('POST', `/api/v1/assets/${asset.id}/receipts/${C.kazan}`, U.kazan.token, {}));
    assert.deepEqual(owed(await work(U.kazan.token)), [`decision:${C.kazan}`], 'a confirmed receipt is owed no more');
    assert.equal((await work(U.dmitry.token)).receipts.count, 4);
  });

  it("lists the open rollout tasks of the caller's channels", async () => {
    const parent = await ok(
      req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'Install the banner', project_id: projectId }),
    );
    const rollout = await ok(req('POST', '/api/v1/rollouts', U.olga.token, { task_id: parent.id, channel_ids: [C.kazan, C.samara] }));
    const kazanChild = rollout.rows.find((r: any) => r.channel_id === C.kazan).task;
    const rolloutsOf = async (token: string) => (await work(token)).rollouts.items.map((t) => t.channel_id).sort();
    assert.deepEqual(await rolloutsOf(U.dmitry.token), [C.kazan, C.samara].sort());
    assert.deepEqual(await rolloutsOf(U.kazan.token), [C.kazan], 'the guest sees their region only');
    assert.deepEqual(await rolloutsOf(U.pavel.token), [C.samara]);
    assert.deepEqual(await rolloutsOf(U.agency.token), [], 'the parent in HQ is no rollout task');
    await ok(req('PATCH', `/api/v1/tasks/${kazanChild.id}`, U.kazan.token, { version: kazanChild.version, status: 'done' }));
    assert.deepEqual(await rolloutsOf(U.kazan.token), [], 'a done one is gone');
  });

  it("drops a removed member's items at once, and gives them back when they return", async () => {
    const before = await work(U.dmitry.token);
    assert.ok(before.overdue.items.some((t) => t.channel_id === C.kazan));
    s.mm.removeMember(C.kazan, U.dmitry.id);
    try {
      const removed = await work(U.dmitry.token);
      const all = JSON.stringify(removed);
      assert.ok(!all.includes(C.kazan), 'nothing of Kazan: tasks, receipts, rollouts');
      assert.deepEqual(titles(removed.overdue), ['B 23:45 Moscow'], 'only his task in HQ is left');
      assert.equal(removed.later.count, 0, 'his undated task lives in Kazan');
    } finally {
      s.mm.addMember(C.kazan, U.dmitry.id);
    }
    assert.equal((await work(U.dmitry.token)).overdue.count, before.overdue.count);
  });

  it('refuses bad input with a clear 400 and unknown callers with 401, writing nothing', async () => {
    const rows = { tasks: await count(s.db, 'tasks'), events: await count(s.db, 'events'), outbox: await count(s.db, 'outbox') };
    const bad = [
      '?tz=Mars/Olympus',
      '?tz=',
      `?tz=${encodeURIComponent(HOSTILE)}`,
      `?tz=${'A'.repeat(65)}`,
      '?tz=../../etc/passwd',
      '?limit=0',
      `?limit=${MY_WORK_LIMIT_MAX + 1}`,
      '?limit=ten',
      '?limit=1.5',
      '?section=everything',
      '?cursor=5',
      '?section=today&cursor=-1',
      '?section=today&cursor=abc',
      `?section=today&cursor=${MY_WORK_DEPTH_MAX}`,
      '?section=today&cursor=99999',
      '?surprise=1',
      `?${encodeURIComponent(HOSTILE)}=1`,
    ];
    for (const q of bad) {
      const r = await req('GET', `/api/v1/me/work${q}`, U.dmitry.token);
      assert.equal(r.status, 400, `${q}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'validation_failed', q);
      assert.equal(typeof r.body.error.message, 'string');
      if (q.startsWith('?tz=')) assert.ok(!r.body.error.message.includes('<script>'), 'the zone asked for is not echoed');
    }
    for (const token of [null, 'x'.repeat(26), 'not a token!']) {
      const r = await req('GET', '/api/v1/me/work', token);
      assert.equal(r.status, 401, String(token));
      assert.equal(r.body.error.code, 'unauthorized');
    }
    assert.deepEqual(rows, { tasks: await count(s.db, 'tasks'), events: await count(s.db, 'events'), outbox: await count(s.db, 'outbox') });
  });
});
