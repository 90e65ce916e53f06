import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LIMITS } from '@throughline/contract';
import { C, ENGINE, U, count, dayFromNow, slashCommand, startStack, type Stack } from './helpers.js';
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

describe(`a rollout bound to an asset: the done gate, and reopening on a newer approval [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  let assetId: string;
  let v1: string;
  const assetName = 'Outdoor *6×3* @all <b>';
  before(async () => {
    s = await startStack({ NOTIFY_MIN_INTERVAL_MS: '0' });
    projectId = (await ok(req('POST', '/api/v1/projects', U.olga.token, { name: 'Bound launch', channel_id: C.hq }))).id;
    for (const c of REGIONS) await ok(req('POST', `/api/v1/projects/${projectId}/channels`, U.olga.token, { channel_id: c }));
    assetId = (await ok(req('POST', '/api/v1/assets', U.olga.token, { project_id: projectId, name: assetName, channel_ids: [C.hq] }))).id;
    v1 = (await upload('v1 bytes', 'slogan-b-v1.png')).id;
    await ok(req('POST', `/api/v1/assets/${assetId}/versions/${v1}/approve`, U.olga.token, {}));
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
    return (await r.json()) as any;
  };
  const task = (id: string) => ok(req('GET', `/api/v1/tasks/${id}`, U.olga.token));
  const done = async (id: string, token = U.dmitry.token) =>
    req('PATCH', `/api/v1/tasks/${id}`, token, { version: (await task(id)).version, status: 'done' });
  const botPosts = (channel: string) =>
    [...s.mm.state.posts.values()].filter((p) => p.user_id === U.throughline.id && p.channel_id === channel);
  const click = (userId: string, channelId: string, postId: string, context: unknown) =>
    s.request('POST', '/api/v1/mattermost/actions', { body: { user_id: userId, channel_id: channelId, post_id: postId, context } });

  let rollout: any;
  const child = (channel: string) => rollout.rows.find((r: any) => r.channel_id === channel).task;

  it('shares the asset with every channel it goes to: each gets the approval card and a receipt to confirm', async () => {
    const parent = await ok(
      req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'Check the placement', project_id: projectId }),
    );
    rollout = await ok(req('POST', '/api/v1/rollouts', U.olga.token, { task_id: parent.id, channel_ids: REGIONS, asset_id: assetId }));
    assert.equal(rollout.asset_id, assetId);
    assert.equal(rollout.asset_name, assetName);
    assert.deepEqual(rollout.approved_version, { id: v1, number: 1, file_name: 'slogan-b-v1.png' });
    for (const row of rollout.rows) assert.deepEqual(row.receipt, { channel_id: row.channel_id, confirmed_by: null, confirmed_at: null });
    const asset = await ok(req('GET', `/api/v1/assets/${assetId}`, U.olga.token));
    assert.deepEqual([...asset.channel_ids].sort(), [C.hq, ...REGIONS].sort());
    for (const c of REGIONS) {
      const cards = await eventually(
        async () => {
          const found = botPosts(c).filter((p) => (p.props as any)?.approval?.version_id === v1);
          return found.length ? found : undefined;
        },
        5000,
        'the approval card',
      );
      assert.equal(cards.length, 1, 'one approval card per newly shared channel');
    }
  });

  it('refuses Done over the API until the channel confirmed the approved version, naming it', async () => {
    const kazan = child(C.kazan);
    const r = await done(kazan.id);
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'receipt_required');
    assert.deepEqual(r.body.error.required, {
      asset_id: assetId,
      asset_name: assetName,
      channel_id: C.kazan,
      version: { id: v1, number: 1, file_name: 'slogan-b-v1.png' },
    });
    const after = await task(kazan.id);
    assert.equal(after.status, 'todo');
    assert.equal(after.version, kazan.version, 'nothing written');
    // The parent itself is not gated.
    const parent = await task(rollout.task_id);
    assert.equal(
      (await req('PATCH', `/api/v1/tasks/${parent.id}`, U.olga.token, { version: parent.version, status: 'review' })).status,
      200,
    );
  });

  it('refuses /task done with the version named, escaped, and a Confirm receipt button that confirms for the channel', async () => {
    const kazan = child(C.kazan);
    const answer = await slashCommand(s, U.kazan, C.kazan, `done ${kazan.id.slice(-8)}`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.response_type, 'ephemeral');
    assert.match(answer.body.text, /версия 1/, 'in the guest’s Russian');
    assert.ok(!answer.body.text.includes('@all') && !answer.body.text.includes('<b>'), answer.body.text);
    const button = answer.body.attachments[0].actions[0];
    assert.equal(button.id, 'rack');
    assert.equal(button.name, 'Подтвердить получение');
    assert.equal((await task(kazan.id)).status, 'todo');
    const elsewhere = await click(U.kazan.id, C.samara, 'x'.repeat(26), button.integration.context);
    assert.equal(elsewhere.headers.get('x-throughline-refused'), 'wrong_channel');
    const confirmed = await click(U.kazan.id, C.kazan, 'x'.repeat(26), button.integration.context);
    assert.equal(confirmed.status, 200);
    assert.ok(!confirmed.headers.get('x-throughline-refused'), JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.update.props.task.id, kazan.id);
    const replay = await click(U.kazan.id, C.kazan, 'x'.repeat(26), button.integration.context);
    assert.equal(replay.headers.get('x-throughline-refused'), 'replayed');
    const matrix = await ok(req('GET', `/api/v1/rollouts/${rollout.id}`, U.olga.token));
    const row = matrix.rows.find((r: any) => r.channel_id === C.kazan);
    assert.equal(row.receipt.confirmed_by, U.kazan.id);
    assert.equal(matrix.counts.confirmed, 1);
    const now = await slashCommand(s, U.kazan, C.kazan, `done ${kazan.id.slice(-8)}`);
    assert.equal(now.body.response_type, 'in_channel', JSON.stringify(now.body));
    assert.equal((await task(kazan.id)).status, 'done');
  });

  it('refuses the card’s Done button, adding Confirm receipt to the card; after confirming, Done works', async () => {
    const samara = child(C.samara);
    const card = await eventually(() => botPosts(C.samara).find((p) => (p.props as any)?.task?.id === samara.id), 5000, 'the card');
    const doneButton = (card.props as any).attachments[0].actions.find((a: any) => a.id === 'done');
    const refused = await click(U.pavel.id, C.samara, card.id, doneButton.integration.context);
    assert.equal(refused.headers.get('x-throughline-refused'), 'receipt_required');
    assert.match(refused.body.ephemeral_text, /версия 1/);
    const actions = refused.body.update.props.attachments[0].actions;
    assert.deepEqual(
      actions.map((a: any) => a.id),
      ['start', 'done', 'rack'],
    );
    assert.equal((await task(samara.id)).status, 'todo');
    const rack = actions.find((a: any) => a.id === 'rack');
    const confirmed = await click(U.pavel.id, C.samara, card.id, rack.integration.context);
    assert.ok(!confirmed.headers.get('x-throughline-refused'), JSON.stringify(confirmed.body));
    const again = await click(
      U.pavel.id,
      C.samara,
      card.id,
      confirmed.body.update.props.attachments[0].actions.find((a: any) => a.id === 'done').integration.context,
    );
    assert.ok(!again.headers.get('x-throughline-refused'), JSON.stringify(again.body));
    assert.equal((await task(samara.id)).status, 'done');
  });

  it('a newer approval reopens every done child in the same transaction, with history, events and one post each', async () => {
    const kazan = child(C.kazan);
    const samara = child(C.samara);
    const novosibirsk = child(C.novosibirsk);
    const seqBefore = Number(
      (
        await s.db
          .selectFrom('events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    );
    const v2 = (await upload('v2 bytes', 'slogan-b-v2.png')).id;
    await ok(req('POST', `/api/v1/assets/${assetId}/versions/${v2}/approve`, U.dmitry.token, {}));
    for (const t of [kazan, samara]) {
      const now = await task(t.id);
      assert.equal(now.status, 'in_progress');
      const history = await ok(req('GET', `/api/v1/tasks/${t.id}/history`, U.olga.token));
      assert.deepEqual(
        { actor: history.items[0].actor_id, field: history.items[0].field, from: history.items[0].from, to: history.items[0].to },
        { actor: U.dmitry.id, field: 'status', from: 'done', to: 'in_progress' },
      );
      const events = await s.db.selectFrom('events').selectAll().where('seq', '>', seqBefore).where('type', '=', 'task.updated').execute();
      assert.equal(events.filter((e) => JSON.parse(e.payload).task.id === t.id).length, 1);
      const rows = (await s.db.selectFrom('outbox').selectAll().where('kind', '=', 'rollout_reopened').execute()).filter(
        (r) => JSON.parse(r.payload).task.id === t.id,
      );
      assert.equal(rows.length, 1, 'exactly one message');
      const posts = await eventually(
        () => {
          const found = botPosts(t.channel_id).filter(
            (p) => p.message.includes('2') && (p.props as any)?.task?.status === 'in_progress' && (p.props as any).task.id === t.id,
          );
          return found.length ? found : undefined;
        },
        5000,
        'the recheck post',
      );
      assert.equal(posts.length, 1);
      assert.match(posts[0]!.message, /Version 2 of .* approved — check the placement again/);
    }
    assert.equal((await task(novosibirsk.id)).status, 'todo', 'a child not done stays as it was');
    const refused = await done(kazan.id);
    assert.equal(refused.body.error.code, 'receipt_required');
    assert.equal(refused.body.error.required.version.number, 2);
    const matrix = await ok(req('GET', `/api/v1/rollouts/${rollout.id}`, U.olga.token));
    assert.equal(matrix.approved_version.id, v2);
    assert.equal(matrix.counts.confirmed, 0);
    assert.equal(matrix.counts.in_progress, 2);
  });

  it('with no approved version the task waits too, and the refusal says version null', async () => {
    const bare = (await ok(req('POST', '/api/v1/assets', U.olga.token, { project_id: projectId, name: 'Flyer', channel_ids: [C.hq] }))).id;
    const parent = await ok(req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'Flyers', project_id: projectId }));
    const r = await ok(req('POST', '/api/v1/rollouts', U.olga.token, { task_id: parent.id, channel_ids: [C.kazan], asset_id: bare }));
    assert.equal(r.approved_version, null);
    assert.equal(r.rows[0].receipt, null);
    const refused = await done(r.rows[0].task.id);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.required.version, null);
    const cmd = await slashCommand(s, U.dmitry, C.kazan, `done ${r.rows[0].task.id.slice(-8)}`);
    assert.match(cmd.body.text, /no version of \*\*Flyer\*\* is approved/);
    assert.deepEqual(cmd.body.attachments, []);
  });

  it('/task rollout rolls out to named channels or all, with an asset by name, and adds channels later', async () => {
    const parent = await ok(
      req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'Mobile *rollout*', project_id: projectId }),
    );
    const ref = parent.id.slice(-8);
    const usage = await slashCommand(s, U.olga, C.hq, 'rollout');
    assert.match(usage.body.text, /\/task rollout <ref>/);
    const unknown = await slashCommand(s, U.olga, C.hq, `rollout ${ref} ~nowhere`);
    assert.match(unknown.body.text, /No channel ~nowhere/);
    const noAsset = await slashCommand(s, U.olga, C.hq, `rollout ${ref} ~region-kazan asset:Nothing like it`);
    assert.match(noAsset.body.text, /No asset “Nothing like it”/);
    const first = await slashCommand(s, U.olga, C.hq, `rollout ${ref} ~region-kazan ~Region-Samara asset:${assetName}`);
    assert.equal(first.body.response_type, 'in_channel', JSON.stringify(first.body));
    assert.match(first.body.text, /2 channel/);
    assert.ok(!first.body.text.includes('*rollout*') && !first.body.text.includes('@all'), 'escaped');
    const linked = await task(parent.id);
    const r = await ok(req('GET', `/api/v1/rollouts/${linked.rollout_id}`, U.olga.token));
    assert.equal(r.asset_id, assetId);
    assert.deepEqual(
      r.rows.map((x: any) => x.channel_id),
      [C.kazan, C.samara],
    );
    const all = await slashCommand(s, U.olga, C.hq, `rollout ${ref} all`);
    assert.match(all.body.text, /added 1 channel/, JSON.stringify(all.body));
    const after = await ok(req('GET', `/api/v1/rollouts/${linked.rollout_id}`, U.olga.token));
    assert.deepEqual(
      after.rows.map((x: any) => x.channel_id),
      [C.kazan, C.samara, C.novosibirsk],
      'every other project channel, the parent’s own excluded',
    );
    const nothing = await slashCommand(s, U.olga, C.hq, `rollout ${ref} all`);
    assert.match(nothing.body.text, /already has its task/);
    const guest = await slashCommand(s, U.kazan, C.kazan, `rollout ${child(C.kazan).id.slice(-8)} all`);
    assert.equal(guest.body.response_type, 'ephemeral');
  });
});

describe(`a rollout while Mattermost refuses posts [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ NOTIFY_MIN_INTERVAL_MS: '0' });
  });
  after(async () => {
    await s.close();
  });

  it('writes the tasks; the cards wait in the outbox and each arrives exactly once', async () => {
    const req = (method: string, path: string, body?: unknown) => s.request(method, path, { token: U.olga.token, body });
    const project = (await req('POST', '/api/v1/projects', { name: 'Outage', channel_id: C.hq })).body;
    for (const c of REGIONS) await req('POST', `/api/v1/projects/${project.id}/channels`, { channel_id: c });
    const parent = (await req('POST', '/api/v1/tasks', { channel_id: C.hq, title: 'During the outage', project_id: project.id })).body;
    s.mm.answerWrongly({ method: 'POST', path: '/api/v4/posts', status: 503, body: { message: 'down' } });
    let rollout: any;
    try {
      const r = await req('POST', '/api/v1/rollouts', { task_id: parent.id, channel_ids: REGIONS });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      rollout = r.body;
      assert.equal(rollout.rows.length, 3);
      await eventually(
        async () => {
          const rows = await s.db.selectFrom('outbox').selectAll().where('kind', '=', 'task_card').execute();
          const mine = rows.filter((x) => rollout.rows.some((row: any) => JSON.parse(x.payload).task.id === row.task.id));
          return mine.length === 3 && mine.every((x) => x.attempts >= 1 && !x.delivered_at);
        },
        5000,
        'failed delivery tries',
      );
    } finally {
      s.mm.clearFaults();
    }
    for (const row of rollout.rows) {
      await eventually(
        () => [...s.mm.state.posts.values()].some((p) => (p.props as any)?.task?.id === row.task.id && p.channel_id === row.channel_id),
        8000,
        'the card after the outage',
      );
    }
    // Give the worker a few more polls to prove nothing goes twice.
    await new Promise((r) => setTimeout(r, 500));
    for (const row of rollout.rows) {
      const cards = [...s.mm.state.posts.values()].filter(
        (p) => (p.props as any)?.task?.id === row.task.id && p.channel_id === row.channel_id,
      );
      assert.equal(cards.length, 1, 'exactly once');
    }
  });
});
