import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';
import { SseClient, sleep } from './sse.js';

describe(`live events [${ENGINE}]`, () => {
  let s: Stack;
  const streams: SseClient[] = [];
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    streams.forEach((c) => c.close());
    await s.close();
  });
  const open = async (token: string, last?: number) => {
    const c = await SseClient.open(s.url, token, last);
    streams.push(c);
    return c;
  };
  const create = async (token: string, channel: string, title: string) => {
    const r = await s.request('POST', '/api/v1/tasks', { token, body: { channel_id: channel, title } });
    assert.equal(r.status, 201);
    return r.body;
  };

  it('refuses a stream without a valid session', async () => {
    assert.equal((await SseClient.open(s.url, 'z'.repeat(26))).status, 401);
  });

  it('streams created, changed and deleted tasks to members only', async () => {
    const dmitry = await open(U.dmitry.token);
    const pavel = await open(U.pavel.token);
    const kazan = await open(U.kazan.token);
    const t = await create(U.olga.token, C.kazan, 'Kazan banner');
    const created = await dmitry.next((e) => e.event === 'task.created' && e.data.task.id === t.id);
    assert.equal(created.data.task.title, 'Kazan banner');
    assert.ok(Number(created.id) > 0);
    await kazan.next((e) => e.event === 'task.created' && e.data.task.id === t.id);
    const patched = await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.olga.token, body: { version: 1, status: 'review' } });
    assert.equal(patched.status, 200);
    const updated = await dmitry.next((e) => e.event === 'task.updated' && e.data.task.id === t.id);
    assert.equal(updated.data.task.status, 'review');
    assert.deepEqual(updated.data.fields, ['status']);
    assert.equal((await s.request('DELETE', `/api/v1/tasks/${t.id}`, { token: U.olga.token })).status, 204);
    await dmitry.next((e) => e.event === 'task.deleted' && e.data.task_id === t.id);
    // Pavel is in Samara only: a Samara task reaches him, and nothing of Kazan came before it.
    const samara = await create(U.olga.token, C.samara, 'Samara flyer');
    await pavel.next((e) => e.data?.task?.id === samara.id);
    assert.equal(pavel.taskEvents(t.id).length, 0, 'no Kazan event leaked to a non-member');
    assert.equal(kazan.taskEvents(samara.id).length, 0, 'no Samara event leaked to the Kazan guest');
  });

  it('resumes after a drop from the last event id, in order, without gaps', async () => {
    const first = await open(U.dmitry.token);
    const a = await create(U.olga.token, C.hq, 'Before the drop');
    const seen = await first.next((e) => e.data?.task?.id === a.id);
    first.close();
    const b = await create(U.olga.token, C.hq, 'During the drop 1');
    const c = await create(U.olga.token, C.hq, 'During the drop 2');
    const resumed = await open(U.dmitry.token, Number(seen.id));
    await resumed.next((e) => e.data?.task?.id === c.id);
    const ids = resumed.events.filter((e) => e.event === 'task.created').map((e) => e.data.task.id);
    assert.deepEqual(ids, [b.id, c.id]);
    const seqs = resumed.events.filter((e) => e.id).map((e) => Number(e.id));
    assert.deepEqual(
      seqs,
      [...seqs].sort((x, y) => x - y),
    );
  });

  it('stops sending a channel’s events to someone removed from it', async () => {
    const kazan = await open(U.kazan.token);
    s.mm.removeMember(C.kazan, U.kazan.id);
    let hidden: { id: string };
    try {
      hidden = await create(U.olga.token, C.kazan, 'After the guest left');
      await sleep(300);
    } finally {
      s.mm.addMember(C.kazan, U.kazan.id, 'channel_guest');
    }
    const back = await create(U.olga.token, C.kazan, 'After the guest returned');
    await kazan.next((e) => e.data?.task?.id === back.id);
    assert.equal(kazan.taskEvents(hidden.id).length, 0);
  });

  it('ends open streams when the service shuts down', async () => {
    const other = await startStack();
    const c = await SseClient.open(other.url, U.olga.token);
    await other.close();
    assert.ok(c.closed || (await sleep(200), c.closed));
  });
});
