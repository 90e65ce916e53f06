import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LIMITS } from '@throughline/contract';
import { C, ENGINE, U, count, dayFromNow, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

const REGIONS = [C.kazan, C.samara, C.novosibirsk];

describe(`rollouts [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  before(async () => {
    s = await startStack();
    projectId = (await req('POST', '/api/v1/projects', U.olga.token, { name: 'Spring launch', channel_id: C.hq })).body.id;
    for (const c of [...REGIONS, C.offTopic])
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
  const parentTask = async (title = 'Check the placement', extra: Record<string, unknown> = {}) =>
    ok(req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title, project_id: projectId, ...extra }));
  const rollOut = (body: Record<string, unknown>, token = U.olga.token) => req('POST', '/api/v1/rollouts', token, body);
  /** The bot's posts in the task's own channel that carry this task (not the lead's DM). */
  const cardsOf = (taskId: string) =>
    [...s.mm.state.posts.values()].filter(
      (p) => p.user_id === U.throughline.id && (p.props as any)?.task?.id === taskId && (p.props as any).task.channel_id === p.channel_id,
    );
  const snapshotCounts = async () => ({
    tasks: await count(s.db, 'tasks'),
    rollouts: await count(s.db, 'rollouts'),
    channels: await count(s.db, 'rollout_channels'),
    outbox: await count(s.db, 'outbox'),
    history: await count(s.db, 'task_history'),
  });

  it('rolls a task out to three regions: one child per channel, assigned to its lead, one card each', async () => {
    await ok(req('PUT', `/api/v1/projects/${projectId}/channels/${C.kazan}/lead`, U.olga.token, { user_id: U.kazan.id }));
    const proj = await ok(req('PUT', `/api/v1/projects/${projectId}/channels/${C.samara}/lead`, U.olga.token, { user_id: U.pavel.id }));
    assert.deepEqual(
      proj.leads.sort((a: any, b: any) => a.channel_id.localeCompare(b.channel_id)),
      [
        { channel_id: C.kazan, user_id: U.kazan.id },
        { channel_id: C.samara, user_id: U.pavel.id },
      ].sort((a, b) => a.channel_id.localeCompare(b.channel_id)),
    );
    const due = `${dayFromNow(7)}T12:00:00.000Z`;
    const parent = await parentTask('Check the placement', { description: 'Outdoor 6×3, slogan B', due_at: due });
    const r = await rollOut({ task_id: parent.id, channel_ids: REGIONS });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const rollout = r.body;
    assert.equal(rollout.task_id, parent.id);
    assert.equal(rollout.project_id, projectId);
    assert.equal(rollout.asset_id, null);
    assert.deepEqual(rollout.permissions, ['rollout.add_channel']);
    assert.deepEqual(
      rollout.rows.map((row: any) => row.channel_id),
      REGIONS,
      'rows in the order given',
    );
    assert.deepEqual(rollout.counts, { total: 3, todo: 3, in_progress: 0, review: 0, done: 0, cancelled: 0, overdue: 0, confirmed: 0 });
    const byChannel = new Map(rollout.rows.map((row: any) => [row.channel_id, row.task]));
    assert.equal((byChannel.get(C.kazan) as any).assignee_id, U.kazan.id);
    assert.equal((byChannel.get(C.samara) as any).assignee_id, U.pavel.id);
    assert.equal((byChannel.get(C.novosibirsk) as any).assignee_id, null);
    for (const row of rollout.rows) {
      assert.equal(row.task.title, 'Check the placement');
      assert.equal(row.task.description, 'Outdoor 6×3, slogan B');
      assert.equal(row.task.due_at, due);
      assert.equal(row.task.parent_id, parent.id);
      assert.equal(row.task.rollout_id, rollout.id);
      assert.equal(row.task.project_id, projectId);
      assert.equal(row.receipt, null);
      assert.equal(row.overdue, false);
      const stored = await s.db.selectFrom('tasks').selectAll().where('id', '=', row.task.id).executeTakeFirstOrThrow();
      assert.equal(stored.channel_id, row.channel_id);
      assert.equal(stored.parent_id, parent.id);
    }
    const linked = await ok(req('GET', `/api/v1/tasks/${parent.id}`, U.olga.token));
    assert.equal(linked.rollout_id, rollout.id);
    assert.equal(linked.parent_id, null);
    assert.equal(linked.version, parent.version + 1);

    const cards = await s.db.selectFrom('outbox').selectAll().where('kind', '=', 'task_card').execute();
    const mine = cards.filter((c) => rollout.rows.some((row: any) => JSON.parse(c.payload).task.id === row.task.id));
    assert.equal(mine.length, 3, 'one card per channel');
    for (const row of rollout.rows) {
      const posts = await eventually(async () => (cardsOf(row.task.id).length ? cardsOf(row.task.id) : undefined), 5000, 'the card');
      assert.equal(posts.length, 1);
      assert.equal(posts[0]!.channel_id, row.channel_id);
      assert.equal(posts[0]!.root_id, '', 'a card of its own, not a reply');
    }
  });

  it('leaves a child unassigned when its lead has left the channel', async () => {
    s.mm.removeMember(C.samara, U.pavel.id);
    try {
      const parent = await parentTask('Samara shelf check');
      const rollout = await ok(rollOut({ task_id: parent.id, channel_ids: [C.samara] }));
      assert.equal(rollout.rows[0].task.assignee_id, null);
    } finally {
      s.mm.addMember(C.samara, U.pavel.id);
    }
  });

  it('adds channels to a running rollout later, after the ones it had', async () => {
    const parent = await parentTask('Later channels');
    const first = await ok(rollOut({ task_id: parent.id, channel_ids: [C.kazan] }));
    const again = await rollOut({ task_id: parent.id, channel_ids: [C.samara] });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'already_rolled_out');
    const twice = await req('POST', `/api/v1/rollouts/${first.id}/channels`, U.olga.token, { channel_ids: [C.samara, C.kazan] });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'already_rolled_out');
    const added = await ok(req('POST', `/api/v1/rollouts/${first.id}/channels`, U.olga.token, { channel_ids: [C.samara, C.novosibirsk] }));
    assert.deepEqual(
      added.rows.map((r: any) => r.channel_id),
      [C.kazan, C.samara, C.novosibirsk],
    );
    assert.equal(added.counts.total, 3);
    for (const row of added.rows) await eventually(async () => cardsOf(row.task.id).length === 1 || undefined, 5000, 'card');
  });

  it('shows each caller only the rows of their channels; anyone in none of them gets 404', async () => {
    const parent = await parentTask('Visibility');
    const rollout = await ok(rollOut({ task_id: parent.id, channel_ids: REGIONS }));
    const guest = await ok(req('GET', `/api/v1/rollouts/${rollout.id}`, U.kazan.token));
    assert.deepEqual(
      guest.rows.map((r: any) => r.channel_id),
      [C.kazan],
    );
    assert.equal(guest.counts.total, 1);
    assert.deepEqual(guest.permissions, []);
    // Pavel is in Samara only, not in the parent's channel: he sees his row.
    const pavel = await ok(req('GET', `/api/v1/rollouts/${rollout.id}`, U.pavel.token));
    assert.deepEqual(
      pavel.rows.map((r: any) => r.channel_id),
      [C.samara],
    );
    assert.deepEqual(pavel.permissions, [], 'not a member of the home channel');
    // The agency guest is in HQ (the parent's channel) but no region.
    const agency = await ok(req('GET', `/api/v1/rollouts/${rollout.id}`, U.agency.token));
    assert.deepEqual(agency.rows, []);
    assert.equal(agency.counts.total, 0);
    s.mm.removeMember(C.kazan, U.kazan.id);
    try {
      const removed = await req('GET', `/api/v1/rollouts/${rollout.id}`, U.kazan.token);
      assert.equal(removed.status, 404);
      assert.ok(!JSON.stringify(removed.body).includes('Visibility'));
    } finally {
      s.mm.addMember(C.kazan, U.kazan.id);
    }
    assert.equal((await req('GET', `/api/v1/rollouts/${crypto.randomUUID()}`, U.olga.token)).status, 404);
  });

  it('marks overdue rows and counts them', async () => {
    const parent = await parentTask('Overdue', { due_at: `${dayFromNow(-2)}T12:00:00.000Z` });
    const rollout = await ok(rollOut({ task_id: parent.id, channel_ids: [C.kazan, C.samara] }));
    assert.ok(rollout.rows.every((r: any) => r.overdue));
    assert.equal(rollout.counts.overdue, 2);
    const kazan = rollout.rows[0].task;
    await ok(req('PATCH', `/api/v1/tasks/${kazan.id}`, U.olga.token, { version: kazan.version, status: 'cancelled' }));
    const now = await ok(req('GET', `/api/v1/rollouts/${rollout.id}`, U.olga.token));
    assert.equal(now.counts.overdue, 1);
    assert.equal(now.counts.cancelled, 1);
  });

  it('refuses what cannot be rolled out, and writes nothing', async () => {
    const parent = await parentTask('Refusals');
    const loose = await ok(req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'No project' }));
    const rolled = await ok(rollOut({ task_id: (await parentTask('Rolled')).id, channel_ids: [C.kazan] }));
    const child = rolled.rows[0].task;
    const otherProject = (await ok(req('POST', '/api/v1/projects', U.olga.token, { name: 'Other', channel_id: C.samara }))).id;
    const foreignAsset = await ok(
      req('POST', '/api/v1/assets', U.olga.token, { project_id: otherProject, name: 'Theirs', channel_ids: [C.samara] }),
    );
    const before = await snapshotCounts();
    const cases: Array<[string, number, string, Record<string, unknown>, string?]> = [
      ['no project', 422, 'not_rollable', { task_id: loose.id, channel_ids: [C.kazan] }],
      ['a child', 422, 'not_rollable', { task_id: child.id, channel_ids: [C.samara] }],
      ['rolled out already', 409, 'already_rolled_out', { task_id: rolled.task_id, channel_ids: [C.samara] }],
      ['not in the project', 422, 'channel_not_in_project', { task_id: parent.id, channel_ids: [C.kazan, C.agency] }],
      ['caller not in the channel', 422, 'not_channel_member', { task_id: parent.id, channel_ids: [C.offTopic] }, U.dmitry.token],
      ['no such asset', 422, 'asset_unavailable', { task_id: parent.id, channel_ids: [C.kazan], asset_id: crypto.randomUUID() }],
      ['asset of another project', 422, 'asset_unavailable', { task_id: parent.id, channel_ids: [C.kazan], asset_id: foreignAsset.id }],
      ['no such task', 404, 'not_found', { task_id: crypto.randomUUID(), channel_ids: [C.kazan] }],
      ['guest', 403, 'forbidden', { task_id: parent.id, channel_ids: [C.hq] }, U.agency.token],
      ['stranger', 404, 'not_found', { task_id: parent.id, channel_ids: [C.samara] }, U.pavel.token],
      ['missing channels', 400, 'validation_failed', { task_id: parent.id }],
      ['no channels', 400, 'validation_failed', { task_id: parent.id, channel_ids: [] }],
      ['duplicates', 400, 'validation_failed', { task_id: parent.id, channel_ids: [C.kazan, C.kazan] }],
      [
        '301 channels',
        400,
        'validation_failed',
        {
          task_id: parent.id,
          channel_ids: Array.from({ length: LIMITS.rolloutChannelsMax + 1 }, (_, i) => `c${String(i).padStart(25, '0')}`),
        },
      ],
      ['wrong-typed channel', 400, 'validation_failed', { task_id: parent.id, channel_ids: [42] }],
      ['hostile channel id', 400, 'validation_failed', { task_id: parent.id, channel_ids: ["kazan'; drop table tasks;--"] }],
      ['bad task id', 400, 'validation_failed', { task_id: '<script>', channel_ids: [C.kazan] }],
      ['wrong-typed asset', 400, 'validation_failed', { task_id: parent.id, channel_ids: [C.kazan], asset_id: 7 }],
      ['unknown field', 400, 'validation_failed', { task_id: parent.id, channel_ids: [C.kazan], title: 'x' }],
    ];
    for (const [name, status, code, body, token] of cases) {
      const r = await rollOut(body, token ?? U.olga.token);
      assert.equal(r.status, status, `${name}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, code, name);
    }
    for (const token of [null, 'x'.repeat(26)])
      assert.equal((await rollOut({ task_id: parent.id, channel_ids: [C.kazan] }, token as any)).status, 401);
    assert.deepEqual(await snapshotCounts(), before, 'nothing written');
    assert.equal((await ok(req('GET', `/api/v1/tasks/${parent.id}`, U.olga.token))).rollout_id, null);
  });

  it('refuses bad channel additions, and writes nothing', async () => {
    const rollout = await ok(rollOut({ task_id: (await parentTask('Add refusals')).id, channel_ids: [C.kazan] }));
    const before = await snapshotCounts();
    const add = (body: unknown, token: string | null = U.olga.token, id = rollout.id) =>
      req('POST', `/api/v1/rollouts/${id}/channels`, token, body);
    const cases: Array<[string, number, string, unknown, string?]> = [
      ['not in the project', 422, 'channel_not_in_project', { channel_ids: [C.agency] }],
      ['caller not in it', 422, 'not_channel_member', { channel_ids: [C.offTopic] }, U.dmitry.token],
      ['guest of the rollout', 403, 'forbidden', { channel_ids: [C.samara] }, U.kazan.token],
      ['stranger', 404, 'not_found', { channel_ids: [C.samara] }, U.pavel.token],
      ['empty', 400, 'validation_failed', { channel_ids: [] }],
      ['duplicates', 400, 'validation_failed', { channel_ids: [C.samara, C.samara] }],
      ['missing', 400, 'validation_failed', {}],
      ['wrong-typed', 400, 'validation_failed', { channel_ids: C.samara }],
    ];
    for (const [name, status, code, body, token] of cases) {
      const r = await add(body, token ?? U.olga.token);
      assert.equal(r.status, status, `${name}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, code, name);
    }
    assert.equal((await add({ channel_ids: [C.samara] }, U.olga.token, crypto.randomUUID())).status, 404);
    assert.equal((await add({ channel_ids: [C.samara] }, U.olga.token, 'not-a-uuid')).status, 400);
    for (const token of [null, 'x'.repeat(26)]) assert.equal((await add({ channel_ids: [C.samara] }, token)).status, 401);
    assert.deepEqual(await snapshotCounts(), before, 'nothing written');
  });

  it('names and clears a channel lead; refuses a lead outside the channel', async () => {
    const lead = (channel: string, body: unknown, token: string | null = U.olga.token, id = projectId) =>
      req('PUT', `/api/v1/projects/${id}/channels/${channel}/lead`, token, body);
    const set = await ok(lead(C.novosibirsk, { user_id: U.dmitry.id }));
    assert.ok(set.leads.some((l: any) => l.channel_id === C.novosibirsk && l.user_id === U.dmitry.id));
    assert.ok(set.permissions.includes('project.set_lead') && set.permissions.includes('rollout.create'));
    // A guest of Kazan learns only Kazan's lead.
    const guestView = await ok(req('GET', `/api/v1/projects/${projectId}`, U.kazan.token));
    assert.deepEqual(guestView.leads, [{ channel_id: C.kazan, user_id: U.kazan.id }]);
    assert.ok(!guestView.permissions.includes('project.set_lead'));
    const cleared = await ok(lead(C.novosibirsk, { user_id: null }));
    assert.ok(!cleared.leads.some((l: any) => l.channel_id === C.novosibirsk));

    const notMember = await lead(C.novosibirsk, { user_id: U.pavel.id });
    assert.equal(notMember.status, 422);
    assert.equal(notMember.body.error.code, 'not_channel_member');
    assert.equal((await lead(C.agency, { user_id: U.dmitry.id })).status, 404, 'not a channel of the project');
    assert.equal((await lead(C.kazan, { user_id: U.dmitry.id }, U.kazan.token)).status, 403, 'a guest');
    assert.equal((await lead(C.samara, { user_id: U.pavel.id }, U.pavel.token)).status, 403, 'Pavel is not in the home channel');
    assert.equal((await lead(C.kazan, { user_id: U.dmitry.id }, U.agency.token)).status, 403, 'a guest of the home channel');
    assert.equal((await lead(C.kazan, { user_id: U.dmitry.id }, U.olga.token, crypto.randomUUID())).status, 404);
    for (const body of [{}, { user_id: 5 }, { user_id: "x'; drop table projects;--" }, { user_id: U.dmitry.id, extra: 1 }])
      assert.equal((await lead(C.kazan, body)).status, 400, JSON.stringify(body));
    for (const token of [null, 'x'.repeat(26)]) assert.equal((await lead(C.kazan, { user_id: null }, token)).status, 401);
    const after = await ok(req('GET', `/api/v1/projects/${projectId}`, U.olga.token));
    assert.ok(
      after.leads.some((l: any) => l.channel_id === C.kazan && l.user_id === U.kazan.id),
      'refusals changed nothing',
    );
  });
});
