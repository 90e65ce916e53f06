import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, P, U, count, dayFromNow, mmPost, startStack, type Stack } from './helpers.js';

describe(`tasks [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    await s.close();
  });

  const create = (token: string, body: unknown, headers?: Record<string, string>) =>
    s.request('POST', '/api/v1/tasks', { token, body, headers });

  it('creates a task in a channel and stores it with its history', async () => {
    const due = dayFromNow(30);
    const r = await create(U.olga.token, {
      channel_id: C.hq,
      title: '  Print the 6×3 banners  ',
      description: 'Slogan B',
      assignee_id: U.dmitry.id,
      due_at: due,
    });
    assert.equal(r.status, 201);
    assert.equal(r.body.title, 'Print the 6×3 banners');
    assert.equal(r.body.status, 'todo');
    assert.equal(r.body.assignee_id, U.dmitry.id);
    assert.equal(r.body.due_at, `${due}T00:00:00.000Z`);
    assert.equal(r.body.version, 1);
    assert.equal(r.body.created_by, U.olga.id);
    const row = await s.db.selectFrom('tasks').selectAll().where('id', '=', r.body.id).executeTakeFirstOrThrow();
    assert.equal(row.title, 'Print the 6×3 banners');
    assert.equal(row.channel_id, C.hq);
    const history = await s.request('GET', `/api/v1/tasks/${r.body.id}/history`, { token: U.olga.token });
    assert.equal(history.status, 200);
    assert.deepEqual(
      history.body.items.map((h: any) => [h.action, h.actor_id]),
      [['created', U.olga.id]],
    );
  });

  it('makes a task from a message: first line is the title, the rest the description, files and permalink kept', async () => {
    const r = await create(U.olga.token, { post_id: P.hqWithFiles.id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const post = await mmPost(s.mm, P.hqWithFiles.id);
    assert.ok(post.file_ids.length >= 2);
    const [first, ...rest] = post.message.split('\n');
    assert.equal(r.body.title, first!.trim());
    assert.equal(r.body.description, rest.join('\n').trim());
    assert.equal(r.body.channel_id, post.channel_id);
    assert.equal(r.body.source_post_id, post.id);
    assert.equal(r.body.permalink, `${s.mm.url}/_redirect/pl/${post.id}`);
    assert.equal(r.body.files.length, post.file_ids.length);
    assert.ok(r.body.files.every((f: any) => post.file_ids.includes(f.id) && f.name && f.size > 0));
    const stored = await s.db.selectFrom('tasks').select(['files', 'source_post_id']).where('id', '=', r.body.id).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(stored.files).length, post.file_ids.length);
  });

  it('lets fields given with a message override what the message says', async () => {
    const r = await create(U.olga.token, { post_id: P.multiLine.id, title: 'My own title', assignee_id: U.dmitry.id });
    assert.equal(r.status, 201);
    assert.equal(r.body.title, 'My own title');
    assert.equal(r.body.assignee_id, U.dmitry.id);
  });

  it('cuts a long first line to the title limit and keeps the whole text as description', async () => {
    const long = 'Слоган '.repeat(60).trim();
    const post = s.mm.createPost({ user_id: U.olga.id, channel_id: C.hq, message: long });
    const r = await create(U.olga.token, { post_id: post.id });
    assert.equal(r.status, 201);
    assert.ok([...r.body.title].length <= 200);
    assert.ok(r.body.title.endsWith('…'));
    assert.equal(r.body.description, long);
  });

  it('refuses system messages and messages the caller cannot read', async () => {
    const sys = await create(U.olga.token, { post_id: P.system.id });
    assert.equal(sys.status, 422);
    assert.equal(sys.body.error.code, 'post_not_taskable');
    const hidden = await create(U.kazan.token, { post_id: P.samara.id });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.error.code, 'not_found');
    assert.equal(await count(s.db, 'tasks'), (await s.db.selectFrom('tasks').select('id').execute()).length);
  });

  it('returns the first result for a retried create with the same Idempotency-Key', async () => {
    const before = await count(s.db, 'tasks');
    const body = { channel_id: C.hq, title: 'Idempotent' };
    const headers = { 'Idempotency-Key': 'retry-123' };
    const answers = await Promise.all([
      create(U.olga.token, body, headers),
      create(U.olga.token, body, headers),
      create(U.olga.token, body, headers),
    ]);
    assert.ok(answers.every((a) => a.status === 201));
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(await count(s.db, 'tasks'), before + 1);
    const reused = await create(U.olga.token, { channel_id: C.hq, title: 'Different' }, headers);
    assert.equal(reused.status, 422);
    assert.equal(reused.body.error.code, 'idempotency_key_reused');
    // Keys belong to a user: another user's same key makes its own task.
    const other = await create(U.dmitry.token, body, headers);
    assert.equal(other.status, 201);
    assert.notEqual(other.body.id, answers[0]!.body.id);
  });

  it('answers a replayed create only while the caller may still see the task', async () => {
    const body = { channel_id: C.kazan, title: 'Kazan window stickers' };
    const headers = { 'Idempotency-Key': 'kazan-stickers-1' };
    const first = await create(U.kazan.token, body, headers);
    assert.equal(first.status, 201);
    const renamed = await s.request('PATCH', `/api/v1/tasks/${first.body.id}`, {
      token: U.olga.token,
      body: { version: 1, title: 'Kazan window stickers: supplier quote 48 000 ₽', description: 'HQ only from now on' },
    });
    assert.equal(renamed.status, 200);
    const replayed = await create(U.kazan.token, body, headers);
    assert.equal(replayed.status, 201, 'a member replaying gets the task');
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    assert.equal(replayed.body.id, first.body.id);

    const tasksBefore = await count(s.db, 'tasks');
    s.mm.removeMember(C.kazan, U.kazan.id);
    try {
      const removed = await create(U.kazan.token, body, headers);
      assert.equal(removed.status, 404, JSON.stringify(removed.body));
      assert.equal(removed.body.error.code, 'not_found');
      assert.equal(removed.headers.get('idempotent-replayed'), null);
      assert.doesNotMatch(JSON.stringify(removed.body), /supplier|HQ only/);
      assert.equal(await count(s.db, 'tasks'), tasksBefore, 'nothing was written');
    } finally {
      s.mm.addMember(C.kazan, U.kazan.id, 'channel_guest');
    }
  });

  it('requires the assignee to be a member of the task channel', async () => {
    const r = await create(U.olga.token, { channel_id: C.kazan, title: 'For Samara?', assignee_id: U.pavel.id });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'assignee_not_member');
    const guest = await create(U.kazan.token, { channel_id: C.kazan, title: 'Assign to Samara', assignee_id: U.pavel.id });
    assert.equal(guest.status, 422);
  });

  it('requires a project given with a task to contain the task channel', async () => {
    const p = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring', channel_id: C.hq } });
    assert.equal(p.status, 201);
    const bad = await create(U.olga.token, { channel_id: C.kazan, title: 'Kazan banner', project_id: p.body.id });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.code, 'channel_not_in_project');
    // A project the caller cannot see is simply not found.
    const unseen = await create(U.kazan.token, { channel_id: C.kazan, title: 'x', project_id: p.body.id });
    assert.equal(unseen.status, 404);
    await s.request('POST', `/api/v1/projects/${p.body.id}/channels`, { token: U.olga.token, body: { channel_id: C.kazan } });
    const ok = await create(U.olga.token, { channel_id: C.kazan, title: 'Kazan banner', project_id: p.body.id });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.project_id, p.body.id);
  });

  it('updates with optimistic concurrency and records every changed field', async () => {
    const t = (await create(U.olga.token, { channel_id: C.hq, title: 'Layout v1' })).body;
    const r = await s.request('PATCH', `/api/v1/tasks/${t.id}`, {
      token: U.dmitry.token,
      body: { version: 1, status: 'in_progress', assignee_id: U.dmitry.id, title: 'Layout v2' },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.version, 2);
    assert.equal(r.body.status, 'in_progress');
    const stale = await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.olga.token, body: { version: 1, status: 'done' } });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'version_conflict');
    assert.equal(stale.body.error.current.version, 2);
    assert.equal(stale.body.error.current.status, 'in_progress');
    const h = (await s.request('GET', `/api/v1/tasks/${t.id}/history`, { token: U.olga.token })).body.items;
    const changed = h.filter((e: any) => e.action === 'updated').map((e: any) => [e.field, e.from, e.to, e.actor_id]);
    assert.deepEqual(
      changed.sort(),
      [
        ['assignee_id', null, U.dmitry.id, U.dmitry.id],
        ['status', 'todo', 'in_progress', U.dmitry.id],
        ['title', 'Layout v1', 'Layout v2', U.dmitry.id],
      ].sort(),
    );
    const row = await s.db.selectFrom('tasks').select(['version', 'status']).where('id', '=', t.id).executeTakeFirstOrThrow();
    assert.deepEqual([Number(row.version), row.status], [2, 'in_progress']);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const t = (await create(U.olga.token, { channel_id: C.hq, title: 'Race' })).body;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        s.request('PATCH', `/api/v1/tasks/${t.id}`, {
          token: i % 2 ? U.olga.token : U.dmitry.token,
          body: { version: 1, title: `Winner ${i}` },
        }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 1);
    assert.equal(results.filter((r) => r.status === 409).length, 7);
    const history = await s.db.selectFrom('task_history').selectAll().where('task_id', '=', t.id).where('action', '=', 'updated').execute();
    assert.equal(history.length, 1);
  });

  it('lists with filters and cursor pagination, only from channels the caller is in', async () => {
    const mk = (token: string, channel: string, title: string, extra = {}) => create(token, { channel_id: channel, title, ...extra });
    const mine = await mk(U.olga.token, C.novosibirsk, 'Novosibirsk poster — проверка', {
      assignee_id: U.dmitry.id,
      due_at: dayFromNow(-3),
    });
    await mk(U.olga.token, C.novosibirsk, 'Novosibirsk flyer');
    await mk(U.olga.token, C.samara, 'Samara only');
    const byChannel = await s.request('GET', `/api/v1/tasks?channel_id=${C.novosibirsk}`, { token: U.dmitry.token });
    assert.equal(byChannel.status, 200);
    assert.deepEqual(byChannel.body.items.map((t: any) => t.title).sort(), ['Novosibirsk flyer', 'Novosibirsk poster — проверка']);
    const q = await s.request('GET', `/api/v1/tasks?q=${encodeURIComponent('ПРОВЕРКА')}`, { token: U.dmitry.token });
    assert.deepEqual(
      q.body.items.map((t: any) => t.id),
      [mine.body.id],
    );
    const wildcard = await s.request('GET', `/api/v1/tasks?q=${encodeURIComponent('%')}`, { token: U.dmitry.token });
    assert.equal(wildcard.body.items.length, 0);
    const dmitryMine = await s.request('GET', '/api/v1/tasks?mine=true&overdue=true', { token: U.dmitry.token });
    assert.deepEqual(
      dmitryMine.body.items.map((t: any) => t.id),
      [mine.body.id],
    );
    const kazanSees = await s.request('GET', '/api/v1/tasks?limit=500', { token: U.kazan.token });
    assert.ok(kazanSees.body.items.every((t: any) => t.channel_id === C.kazan));
    const samara = await s.request('GET', `/api/v1/tasks?channel_id=${C.samara}`, { token: U.kazan.token });
    assert.equal(samara.status, 404);

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await s.request('GET', `/api/v1/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: U.olga.token });
      assert.equal(page.status, 200);
      assert.ok(page.body.items.length <= 2);
      all.push(...page.body.items.map((t: any) => t.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    const everything = (await s.request('GET', '/api/v1/tasks?limit=500', { token: U.olga.token })).body.items.map((t: any) => t.id);
    assert.deepEqual(all, everything);
    assert.equal(new Set(all).size, all.length);
    assert.deepEqual([...all].sort().reverse(), all);
  });

  it('deletes for the creator or a channel admin only, keeping the history', async () => {
    const t = (await create(U.dmitry.token, { channel_id: C.hq, title: 'To delete' })).body;
    const agency = await s.request('DELETE', `/api/v1/tasks/${t.id}`, { token: U.agency.token });
    assert.equal(agency.status, 403);
    const byAdmin = await s.request('DELETE', `/api/v1/tasks/${t.id}`, { token: U.olga.token });
    assert.equal(byAdmin.status, 204);
    assert.equal((await s.request('GET', `/api/v1/tasks/${t.id}`, { token: U.dmitry.token })).status, 404);
    const row = await s.db.selectFrom('tasks').select('deleted_at').where('id', '=', t.id).executeTakeFirstOrThrow();
    assert.ok(row.deleted_at);
    const h = await s.db.selectFrom('task_history').select('action').where('task_id', '=', t.id).execute();
    assert.deepEqual(h.map((x) => x.action).sort(), ['created', 'deleted']);
    const own = (await create(U.kazan.token, { channel_id: C.kazan, title: 'Mine to delete' })).body;
    assert.equal((await s.request('DELETE', `/api/v1/tasks/${own.id}`, { token: U.kazan.token })).status, 204);
  });

  it('never answers a list from a stale or someone else’s page', async () => {
    const t = (await create(U.olga.token, { channel_id: C.novosibirsk, title: 'Cache probe' })).body;
    const list = (token: string) => s.request('GET', `/api/v1/tasks?channel_id=${C.novosibirsk}&limit=500`, { token });
    const first = await list(U.dmitry.token);
    assert.deepEqual((await list(U.dmitry.token)).body, first.body);
    await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.olga.token, body: { version: 1, title: 'Cache probe, renamed' } });
    const after = await list(U.dmitry.token);
    assert.equal(after.body.items.find((x: any) => x.id === t.id).title, 'Cache probe, renamed');
    assert.equal((await list(U.kazan.token)).status, 404, 'the Kazan guest is refused, cached page or not');
    s.mm.removeMember(C.novosibirsk, U.dmitry.id);
    try {
      assert.equal((await list(U.dmitry.token)).status, 404);
      const everywhere = await s.request('GET', '/api/v1/tasks?limit=500', { token: U.dmitry.token });
      assert.ok(!everywhere.body.items.some((x: any) => x.channel_id === C.novosibirsk));
    } finally {
      s.mm.addMember(C.novosibirsk, U.dmitry.id);
    }
  });

  it('lists every channel of the caller, and their own tasks, again once a task is written where none was', async () => {
    const ch = 'tasklesschannel00000000001';
    s.mm.addChannel({ id: ch, name: 'taskless', display_name: 'Taskless' });
    s.mm.addMember(ch, U.dmitry.id);
    s.mm.addMember(ch, U.olga.id);
    const all = () => s.request('GET', '/api/v1/tasks?limit=500', { token: U.dmitry.token });
    const mine = () => s.request('GET', '/api/v1/tasks?mine=true&limit=500', { token: U.dmitry.token });
    // Each read twice: the second is the reused page, and the channels with tasks as kept.
    for (const read of [all, all, mine, mine]) {
      const r = await read();
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok(!r.body.items.some((x: any) => x.channel_id === ch));
    }
    const t = (await create(U.olga.token, { channel_id: ch, title: 'First one here', assignee_id: U.dmitry.id })).body;
    assert.ok(
      (await all()).body.items.some((x: any) => x.id === t.id),
      'in every channel of theirs',
    );
    assert.ok(
      (await mine()).body.items.some((x: any) => x.id === t.id),
      'among their own',
    );
  });

  it('stops showing a task to a user removed from its channel', async () => {
    const t = (await create(U.olga.token, { channel_id: C.kazan, title: 'Kazan only' })).body;
    assert.equal((await s.request('GET', `/api/v1/tasks/${t.id}`, { token: U.kazan.token })).status, 200);
    s.mm.removeMember(C.kazan, U.kazan.id);
    try {
      assert.equal((await s.request('GET', `/api/v1/tasks/${t.id}`, { token: U.kazan.token })).status, 404);
    } finally {
      s.mm.addMember(C.kazan, U.kazan.id, 'channel_guest');
    }
  });
});
