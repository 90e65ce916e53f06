import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, P, U, count, startStack, type Stack } from './helpers.js';

/**
 * POST /tasks/sources: which of a screenful of messages tasks were made from, for the status beside
 * each message. Tasks made from posts in HQ, Kazan and Samara; each caller learns only of theirs.
 */
describe(`task sources [${ENGINE}]`, () => {
  let s: Stack;
  const made: Record<'hq' | 'hqAgain' | 'kazan' | 'samara', string> = { hq: '', hqAgain: '', kazan: '', samara: '' };
  const posts = [P.multiLine.id, P.kazan.id, P.samara.id, P.hqWithFiles.id, P.system.id];

  before(async () => {
    s = await startStack();
    const fromPost = async (postId: string) => {
      const r = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { post_id: postId } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };
    made.hq = await fromPost(P.multiLine.id);
    made.hqAgain = await fromPost(P.multiLine.id);
    made.kazan = await fromPost(P.kazan.id);
    made.samara = await fromPost(P.samara.id);
    // A task with no message behind it is never an answer.
    assert.equal(
      (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Plain' } })).status,
      201,
    );
  });
  after(async () => {
    await s.close();
  });

  const ask = (token: string | null, body: unknown) => s.request('POST', '/api/v1/tasks/sources', { token, body });
  const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((t) => t.id).sort();

  it('answers a member of every channel with each task made from the asked messages, and nothing for the others', async () => {
    const r = await ask(U.olga.token, { post_ids: posts });
    assert.equal(r.status, 200);
    assert.deepEqual(ids(r), Object.values(made).sort());
    const hq = r.body.items.filter((t: { source_post_id: string }) => t.source_post_id === P.multiLine.id);
    assert.equal(hq.length, 2, 'two tasks made from one message are both there');
    for (const t of r.body.items) {
      assert.ok(posts.includes(t.source_post_id));
      assert.equal(t.status, 'todo');
      assert.equal(typeof t.version, 'number');
    }
  });

  it('shows each caller only the tasks of channels they are in: a stranger, guests of other channels', async () => {
    // Pavel is in Samara only; the agency guest is in HQ and the brief; the Kazan guest in Kazan.
    assert.deepEqual(ids(await ask(U.pavel.token, { post_ids: posts })), [made.samara]);
    assert.deepEqual(ids(await ask(U.agency.token, { post_ids: posts })), [made.hq, made.hqAgain].sort());
    assert.deepEqual(ids(await ask(U.kazan.token, { post_ids: posts })), [made.kazan]);
    // Asking only about others' messages tells nothing, not even that they exist.
    const stranger = await ask(U.kazan.token, { post_ids: [P.multiLine.id, P.samara.id] });
    assert.equal(stranger.status, 200);
    assert.deepEqual(stranger.body, { items: [] });
  });

  it('forgets a channel once its member is removed, and leaves out deleted tasks', async () => {
    s.mm.removeMember(C.kazan, U.dmitry.id);
    try {
      assert.deepEqual(ids(await ask(U.dmitry.token, { post_ids: posts })), [made.hq, made.hqAgain, made.samara].sort());
    } finally {
      s.mm.addMember(C.kazan, U.dmitry.id, 'channel_user');
    }
    assert.deepEqual(ids(await ask(U.dmitry.token, { post_ids: [P.kazan.id] })), [made.kazan]);

    const gone = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { post_id: P.hqWithFiles.id } })).body.id;
    assert.deepEqual(ids(await ask(U.olga.token, { post_ids: [P.hqWithFiles.id] })), [gone]);
    assert.equal((await s.request('DELETE', `/api/v1/tasks/${gone}`, { token: U.olga.token })).status, 204);
    assert.deepEqual(await ask(U.olga.token, { post_ids: [P.hqWithFiles.id] }).then((r) => r.body), { items: [] });
  });

  it('answers with the current status, and the same message asked many times once', async () => {
    const current = (await s.request('GET', `/api/v1/tasks/${made.kazan}`, { token: U.olga.token })).body;
    const patched = await s.request('PATCH', `/api/v1/tasks/${made.kazan}`, {
      token: U.olga.token,
      body: { version: current.version, status: 'review' },
    });
    assert.equal(patched.status, 200);
    const r = await ask(U.kazan.token, { post_ids: Array(100).fill(P.kazan.id) });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.items.map((t: { id: string; status: string }) => [t.id, t.status]),
      [[made.kazan, 'review']],
    );
  });

  it('refuses bad input with a clear 400 and writes nothing', async () => {
    const tables = ['tasks', 'task_history', 'events', 'outbox'] as const;
    const before = await Promise.all(tables.map((t) => count(s.db, t)));
    const tooMany = Array.from({ length: 101 }, (_, i) => `${String(i).padStart(3, '0')}${'a'.repeat(23)}`);
    const bodies: unknown[] = [
      undefined,
      {},
      { post_ids: [] },
      { post_ids: tooMany },
      { post_ids: P.kazan.id },
      { post_ids: [42] },
      { post_ids: [null] },
      { post_ids: [{ id: P.kazan.id }] },
      { post_ids: [P.kazan.id], extra: true },
      { post_ids: ["' OR 1=1 --"] },
      { post_ids: ['<script>alert(1)</script>'] },
      { post_ids: ['../../etc/passwd'] },
      { post_ids: ['a'.repeat(27)] },
      { post_ids: ['ABCDEFGHIJKLMNOPQRSTUVWXYZ'] },
      { post_ids: [`${P.kazan.id}%00`] },
      { post_ids: [''] },
      [P.kazan.id],
    ];
    for (const body of bodies) {
      const r = await ask(U.olga.token, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)?.slice(0, 80)} → ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'validation_failed');
      assert.ok(r.body.error.message.length > 0);
      assert.ok(!/node_modules|\.ts:\d+/.test(JSON.stringify(r.body)), 'no stack trace');
    }
    assert.deepEqual(await Promise.all(tables.map((t) => count(s.db, t))), before, 'nothing written');
  });

  it('asks for a token: none or a bad one is a 401', async () => {
    for (const token of [null, 'x'.repeat(26)]) {
      const r = await ask(token, { post_ids: [P.kazan.id] });
      assert.equal(r.status, 401);
      assert.equal(typeof r.body.error.code, 'string');
    }
  });
});
