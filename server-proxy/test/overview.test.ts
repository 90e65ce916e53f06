import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Overview, OverviewCell, Due } from '@throughline/contract';
import { C, ENGINE, U, count, startStack, type Stack } from './helpers.js';
import { DAY, HOUR, NOW, seedCampaign, type Seeded } from './overview.seed.js';

const AT = `at=${encodeURIComponent(NOW)}`;
const zero = { todo: 0, in_progress: 0, review: 0, done: 0, cancelled: 0 };

describe(`project overview [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  let otherProject: string;
  let seed: Seeded;
  const id = (k: string) => seed.ids[k]!;
  const get = (path: string, token: string | null = U.olga.token) => s.request('GET', path, { token });
  const overview = async (token: string, query = `weeks=2&${AT}`): Promise<Overview> => {
    const r = await get(`/api/v1/projects/${projectId}/overview?${query}`, token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const cell = async (query: string, token = U.olga.token): Promise<OverviewCell> => {
    const r = await get(`/api/v1/projects/${projectId}/overview/cell?${query}`, token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const due = async (query: string, token = U.olga.token): Promise<Due> => {
    const r = await get(`/api/v1/projects/${projectId}/due?${query}`, token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const sorted = (...keys: string[]) => keys.map(id).sort();

  before(async () => {
    s = await startStack();
    const made = async (name: string, home: string, linked: string[]) => {
      const p = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name, channel_id: home } });
      assert.equal(p.status, 201);
      for (const c of linked)
        assert.equal(
          (await s.request('POST', `/api/v1/projects/${p.body.id}/channels`, { token: U.olga.token, body: { channel_id: c } })).status,
          200,
        );
      return p.body.id as string;
    };
    projectId = await made('Spring', C.hq, [C.kazan, C.samara]);
    otherProject = await made('Novosibirsk only', C.novosibirsk, []);
    seed = await seedCampaign(s.db, projectId);
  });
  after(async () => {
    await s.close();
  });

  it('counts each channel by status, overdue, rollout progress and what it owes', async () => {
    const o = await overview(U.olga.token);
    assert.equal(o.at, NOW);
    assert.equal(o.weeks, 2);
    assert.equal(o.window_start, '2025-02-24T12:00:00.000Z');
    assert.deepEqual(o.rows, [
      {
        channel_id: C.hq,
        display_name: 'Spring Campaign · HQ',
        is_home: true,
        tasks: { ...zero, todo: 2 },
        overdue: 1,
        rollout: { done: 0, total: 0 },
        receipts_owed: 0,
        decisions_unconfirmed: 0,
      },
      {
        channel_id: C.kazan,
        display_name: 'Region · Kazan',
        is_home: false,
        tasks: { ...zero, review: 2, done: 2 },
        overdue: 0,
        rollout: { done: 1, total: 2 },
        receipts_owed: 1,
        decisions_unconfirmed: 0,
      },
      {
        channel_id: C.samara,
        display_name: 'Region · Samara',
        is_home: false,
        tasks: { ...zero, todo: 1, cancelled: 1 },
        overdue: 1,
        rollout: { done: 0, total: 1 },
        receipts_owed: 1,
        decisions_unconfirmed: 1,
      },
    ]);
    assert.deepEqual(o.overdue, {
      by_person: [
        { user_id: null, count: 1, oldest_due_at: '2025-03-05T00:00:00.000Z' },
        { user_id: U.dmitry.id, count: 1, oldest_due_at: '2025-03-09T00:00:00.000Z' },
      ],
      by_channel: [
        { channel_id: C.samara, count: 1, oldest_due_at: '2025-03-05T00:00:00.000Z' },
        { channel_id: C.hq, count: 1, oldest_due_at: '2025-03-09T00:00:00.000Z' },
      ],
    });
    const dmitry = o.users.find((u) => u.id === U.dmitry.id);
    assert.deepEqual(dmitry, { id: U.dmitry.id, username: 'dmitry', display_name: 'Dmitry Volkov' });
    assert.deepEqual(
      o.channels.map((c) => c.name),
      ['campaign-hq', 'region-kazan', 'region-samara'],
    );
  });

  it('gives the median time in each status from the history, per channel and per assignee', async () => {
    const { durations } = await overview(U.olga.token);
    const m = (status: string, median_seconds: number, stays: number) => ({ status, median_seconds, stays });
    assert.deepEqual(durations.by_channel, [
      { channel_id: C.kazan, statuses: [m('todo', 4 * HOUR, 3), m('in_progress', 48 * HOUR, 3), m('review', 24 * HOUR, 1)] },
      { channel_id: C.samara, statuses: [m('todo', 10 * HOUR, 1), m('in_progress', 14 * HOUR, 1)] },
    ]);
    const byPerson = new Map(durations.by_assignee.map((a) => [a.user_id, a.statuses]));
    assert.equal(byPerson.size, 4);
    // Two stays: the mean of the middle two.
    assert.deepEqual(byPerson.get(U.dmitry.id), [m('todo', 3 * HOUR, 2), m('in_progress', 27 * HOUR, 2), m('review', 24 * HOUR, 1)]);
    assert.deepEqual(byPerson.get(U.kazan.id), [m('todo', 6 * HOUR, 1)]);
    assert.deepEqual(byPerson.get(U.pavel.id), [m('todo', 10 * HOUR, 1), m('in_progress', 14 * HOUR, 1)]);
    // Begun before the window, ended inside it: 55 days.
    assert.deepEqual(byPerson.get(null), [m('in_progress', 55 * DAY, 1)]);
    const wider = await overview(U.olga.token, `weeks=12&${AT}`);
    const unassigned = wider.durations.by_assignee.find((a) => a.user_id === null)!;
    assert.deepEqual(unassigned.statuses[0], m('todo', HOUR, 1), 'a wider window takes in the stay that ended in January');
  });

  it('draws the cumulative flow day by day, knowing nothing after `at`', async () => {
    const { flow } = await overview(U.olga.token);
    assert.equal(flow.length, 15);
    const day = (d: string) => flow.find((f) => f.day === d);
    assert.deepEqual(day('2025-02-24'), { day: '2025-02-24', ...zero, in_progress: 1 });
    assert.deepEqual(day('2025-02-25'), { day: '2025-02-25', ...zero, done: 1 });
    assert.deepEqual(day('2025-03-01'), { day: '2025-03-01', ...zero, in_progress: 2, done: 1 });
    assert.deepEqual(day('2025-03-02'), { day: '2025-03-02', ...zero, in_progress: 1, review: 1, done: 1, cancelled: 1 });
    assert.deepEqual(flow.at(-1), { day: '2025-03-10', todo: 3, in_progress: 1, review: 1, done: 2, cancelled: 1 });
  });

  it('lists approval stalls oldest first with their age and who they wait for', async () => {
    const { stalls } = await overview(U.olga.token);
    assert.equal(stalls.total, 4);
    assert.deepEqual(
      stalls.items.map((x) => [x.kind, x.id, x.age_seconds, x.waiting_for.user_id, [...x.waiting_for.channel_ids].sort()]),
      [
        ['version', id('A2v1'), 7 * DAY, null, [C.samara]],
        ['decision', id('D1'), 6 * DAY, U.olga.id, []],
        ['version', id('A1v2'), 4 * DAY, null, [C.hq, C.kazan, C.samara].sort()],
        ['decision', id('D3'), DAY, null, [C.samara]],
      ],
    );
    const d1 = stalls.items[1]!;
    assert.equal(d1.title, 'Slogan B <script>alert(1)</script> is final', 'plain text, as written');
    assert.equal(d1.channel_id, C.hq);
    assert.equal(stalls.items[0]!.title, 'Samara flyer');
    assert.equal(stalls.items[0]!.version_number, 1);
  });

  it('shows where an approved file disappears: downloaded but unconfirmed, or silent', async () => {
    const { disappearing } = await overview(U.olga.token);
    assert.equal(disappearing.length, 1);
    const [v] = disappearing;
    assert.equal(v!.version_id, id('A1v1'));
    assert.equal(v!.asset_name, 'Outdoor 6×3');
    assert.equal(v!.approved_at, '2025-03-02T00:00:00.000Z');
    assert.deepEqual(
      [...v!.channels].sort((a, b) => a.channel_id.localeCompare(b.channel_id)),
      [
        { channel_id: C.kazan, state: 'downloaded', downloads: 2, last_download_at: '2025-03-04T09:00:00.000Z' },
        { channel_id: C.samara, state: 'silent', downloads: 0, last_download_at: null },
      ].sort((a, b) => a.channel_id.localeCompare(b.channel_id)),
    );
  });

  it('shows a guest only their own channel, never another region or its counts', async () => {
    const o = await overview(U.kazan.token);
    assert.deepEqual(
      o.rows.map((r) => r.channel_id),
      [C.kazan],
    );
    assert.deepEqual(o.rows[0]!.tasks, { ...zero, review: 2, done: 2 });
    assert.deepEqual(
      o.stalls.items.map((x) => [x.id, x.channel_id, x.waiting_for.channel_ids]),
      [
        [id('D1'), C.kazan, []],
        [id('A1v2'), C.kazan, [C.kazan]],
      ],
    );
    assert.equal(o.stalls.total, 2);
    assert.deepEqual(o.overdue, { by_person: [], by_channel: [] });
    assert.deepEqual(o.flow.at(-1), { day: '2025-03-10', ...zero, in_progress: 1, review: 1, done: 2 });
    assert.ok(!o.durations.by_assignee.some((a) => a.user_id === U.pavel.id));
    const json = JSON.stringify(o);
    for (const other of [C.hq, C.samara, 'Samara', 'HQ']) assert.ok(!json.includes(other), `${other} is not shown to the Kazan guest`);
    const agency = await overview(U.agency.token);
    assert.deepEqual(
      agency.rows.map((r) => r.channel_id),
      [C.hq],
    );
  });

  it('opens the list behind a cell, paged', async () => {
    const first = await cell(`channel_id=${C.kazan}&kind=status&status=review&limit=1`);
    assert.deepEqual(
      first.tasks.map((t) => t.id),
      sorted('K2', 'K3').slice(0, 1),
    );
    assert.equal(first.next_cursor, first.tasks[0]!.id);
    const second = await cell(`channel_id=${C.kazan}&kind=status&status=review&limit=1&cursor=${first.next_cursor}`);
    assert.deepEqual(
      second.tasks.map((t) => t.id),
      sorted('K2', 'K3').slice(1),
    );
    assert.equal(second.next_cursor, null);
    assert.deepEqual(
      (await cell(`channel_id=${C.samara}&kind=overdue&${AT}`)).tasks.map((t) => t.id),
      [id('S2')],
    );
    assert.deepEqual(
      (await cell(`channel_id=${C.kazan}&kind=rollout`)).tasks.map((t) => t.id),
      sorted('K1', 'K2'),
    );
    assert.deepEqual(
      (await cell(`channel_id=${C.kazan}&kind=rollout&status=done`)).tasks.map((t) => t.id),
      [id('K1')],
    );
    const receipts = await cell(`channel_id=${C.kazan}&kind=receipts`);
    assert.deepEqual(
      receipts.receipts.map((r) => [r.asset_id, r.version.id, r.receipt.confirmed_at]),
      [[id('A1'), id('A1v1'), null]],
    );
    assert.deepEqual((await cell(`channel_id=${C.hq}&kind=receipts`)).receipts, []);
    const decisions = await cell(`channel_id=${C.samara}&kind=decisions`);
    assert.deepEqual(
      decisions.decisions.map((d) => [d.id, d.status]),
      [[id('D2'), 'decided']],
    );
    assert.deepEqual((await cell(`channel_id=${C.kazan}&kind=decisions`)).decisions, []);
    const named = await cell(`channel_id=${C.kazan}&kind=status&status=review`);
    assert.ok(named.users.some((u) => u.id === U.kazan.id && u.username === 'kazan'));
    assert.deepEqual(named.channels, [{ id: C.kazan, name: 'region-kazan', display_name: 'Region · Kazan' }]);
    // The guest opens their own cells, not Samara's.
    assert.deepEqual((await cell(`channel_id=${C.kazan}&kind=status&status=review`, U.kazan.token)).tasks.length, 2);
    const refused = await get(`/api/v1/projects/${projectId}/overview/cell?channel_id=${C.samara}&kind=overdue`, U.kazan.token);
    assert.equal(refused.status, 404);
    assert.equal(refused.body.error.code, 'not_found');
  });

  it('lists due dates in a range by day, for a calendar', async () => {
    const all = await due('from=2025-03-01&to=2025-03-31');
    assert.deepEqual(
      all.items.map((t) => t.id),
      ['K1', 'S2', 'H1', 'K2', 'H2'].map(id),
    );
    assert.deepEqual(all.days, [
      { day: '2025-03-04', total: 1, open: 0 },
      { day: '2025-03-05', total: 1, open: 1 },
      { day: '2025-03-09', total: 1, open: 1 },
      { day: '2025-03-15', total: 1, open: 1 },
      { day: '2025-03-20', total: 1, open: 1 },
    ]);
    const page = await due('from=2025-03-01&to=2025-03-31&limit=3');
    assert.equal(page.items.length, 3);
    const rest = await due(`from=2025-03-01&to=2025-03-31&limit=3&cursor=${page.next_cursor}`);
    assert.deepEqual(
      rest.items.map((t) => t.id),
      ['K2', 'H2'].map(id),
    );
    assert.equal(rest.next_cursor, null);
    assert.deepEqual((await due('from=2025-03-01&to=2025-03-31&open=true')).items.length, 4);
    assert.deepEqual(
      (await due(`from=2025-03-01&to=2025-03-31&channel_id=${C.hq}`)).items.map((t) => t.id),
      ['H1', 'H2'].map(id),
    );
    assert.deepEqual(
      (await due(`from=2025-03-01&to=2025-03-31&assignee_id=${U.dmitry.id}`)).items.map((t) => t.id),
      ['K1', 'H1', 'K2'].map(id),
    );
    assert.deepEqual((await due('from=2025-03-10&to=2025-03-10')).items, []);
    assert.deepEqual(
      (await due('from=2025-03-01&to=2025-03-31', U.kazan.token)).items.map((t) => t.id),
      ['K1', 'K2'].map(id),
    );
    assert.equal((await due('from=2025-03-01&to=2025-05-01')).items.length, 5, '62 days is allowed');
  });

  it('refuses bad input with a clear 400 and writes nothing', async () => {
    const before = await count(s.db, 'tasks');
    const base = `/api/v1/projects/${projectId}`;
    const hostile = encodeURIComponent("2025-03-10T12:00:00Z'; drop table tasks;--");
    const bad = [
      `${base}/overview?weeks=0`,
      `${base}/overview?weeks=53`,
      `${base}/overview?weeks=abc`,
      `${base}/overview?weeks=1.5`,
      `${base}/overview?at=yesterday`,
      `${base}/overview?at=2025-03-10`,
      `${base}/overview?at=1900-01-01T00:00:00Z`,
      `${base}/overview?at=${hostile}`,
      `${base}/overview?at=${'9'.repeat(41)}`,
      `${base}/overview?colour=red`,
      `/api/v1/projects/not-a-uuid/overview`,
      `${base}/overview/cell?channel_id=${C.kazan}&kind=status`,
      `${base}/overview/cell?channel_id=${C.kazan}&kind=receipts&status=todo`,
      `${base}/overview/cell?channel_id=${C.kazan}&kind=${encodeURIComponent('<script>')}`,
      `${base}/overview/cell?channel_id=${C.kazan}&kind=status&status=lost`,
      `${base}/overview/cell?channel_id=..%2F..%2Fetc&kind=overdue`,
      `${base}/overview/cell?kind=overdue`,
      `${base}/overview/cell?channel_id=${C.kazan}&kind=overdue&limit=0`,
      `${base}/overview/cell?channel_id=${C.kazan}&kind=overdue&limit=501`,
      `${base}/overview/cell?channel_id=${C.kazan}&kind=overdue&cursor=abc`,
      `${base}/overview/cell?channel_id=${C.kazan}&kind=overdue&at=soon`,
      `${base}/due?from=2025-03-31&to=2025-03-01`,
      `${base}/due?from=2025-03-01&to=2025-05-02`,
      `${base}/due?from=2025-02-30&to=2025-03-01`,
      `${base}/due?from=2025-3-1&to=2025-03-05`,
      `${base}/due?from=2025-03-01`,
      `${base}/due?from=2025-03-01&to=2025-03-05&cursor=${encodeURIComponent('!!')}`,
      `${base}/due?from=2025-03-01&to=2025-03-05&cursor=abc`,
      `${base}/due?from=2025-03-01&to=2025-03-05&open=maybe`,
    ];
    for (const path of bad) {
      const r = await get(path);
      assert.equal(r.status, 400, `${path}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'validation_failed', path);
      assert.equal(typeof r.body.error.message, 'string', path);
    }
    assert.equal(await count(s.db, 'tasks'), before);
    const notProjectChannel = await get(`${base}/overview/cell?channel_id=${C.novosibirsk}&kind=overdue`);
    assert.equal(notProjectChannel.status, 404);
    const notOurs = await get(`${base}/due?from=2025-03-01&to=2025-03-05&channel_id=${C.novosibirsk}`);
    assert.equal(notOurs.status, 404);
  });

  it('defaults to the last eight weeks up to now', async () => {
    const r = await get(`/api/v1/projects/${projectId}/overview`);
    assert.equal(r.status, 200);
    assert.equal(r.body.weeks, 8);
    assert.equal(r.body.flow.length, 57);
    assert.equal(Date.parse(r.body.at) - Date.parse(r.body.window_start), 56 * DAY * 1000);
  });

  it('is 404 to a stranger, 401 without a valid token, and 404 once a member is removed', async () => {
    for (const path of [
      `/api/v1/projects/${otherProject}/overview`,
      `/api/v1/projects/${otherProject}/overview/cell?channel_id=${C.novosibirsk}&kind=overdue`,
      `/api/v1/projects/${otherProject}/due?from=2025-03-01&to=2025-03-05`,
      `/api/v1/projects/00000000-0000-4000-8000-000000000000/overview`,
    ]) {
      for (const token of [U.pavel.token, U.kazan.token]) {
        const r = await get(path, token);
        assert.equal(r.status, 404, path);
        assert.equal(r.body.error.code, 'not_found');
      }
    }
    assert.equal((await get(`/api/v1/projects/${projectId}/overview`, null)).status, 401);
    assert.equal((await get(`/api/v1/projects/${projectId}/overview`, 'x'.repeat(26))).status, 401);
    // Pavel is staff in Samara: the whole campaign; removed from Samara, nothing.
    assert.equal((await overview(U.pavel.token)).rows.length, 3);
    s.mm.removeMember(C.samara, U.pavel.id);
    assert.equal((await get(`/api/v1/projects/${projectId}/overview`, U.pavel.token)).status, 404);
    s.mm.removeMember(C.kazan, U.kazan.id);
    assert.equal((await get(`/api/v1/projects/${projectId}/overview`, U.kazan.token)).status, 404);
    assert.equal((await get(`/api/v1/projects/${projectId}/due?from=2025-03-01&to=2025-03-05`, U.kazan.token)).status, 404);
  });
});
