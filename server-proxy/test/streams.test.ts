import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';
import { SseClient, eventually } from './sse.js';

/** A client that sends the request, reads the answer's first bytes, and then never reads again. */
function stalledStream(url: string, token: string): Promise<{ socket: net.Socket; head: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(`GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    socket.once('data', (chunk) => {
      socket.pause();
      resolve({ socket, head: chunk.toString('latin1') });
    });
    socket.once('error', reject);
  });
}

describe(`event stream limits [${ENGINE}]`, () => {
  let s: Stack;
  const streams: SseClient[] = [];
  before(async () => {
    s = await startStack({ EVENTS_MAX_STREAMS_PER_USER: '2', EVENTS_MAX_STREAMS: '3', EVENTS_MAX_BACKLOG: '20' });
  });
  after(async () => {
    streams.forEach((c) => c.close());
    await s.close();
  });
  const open = async (token: string) => {
    const c = await SseClient.open(s.url, token);
    streams.push(c);
    return c;
  };
  const get = (token: string) =>
    fetch(`${s.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });

  it('refuses a user past their stream cap with 429 too_many_streams, and everyone past the total with 503', async () => {
    const kazan = [await open(U.kazan.token), await open(U.kazan.token)];
    const third = await get(U.kazan.token);
    assert.equal(third.status, 429);
    const body = (await third.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'too_many_streams');
    assert.match(body.error.message, /streams/);
    // Another user still gets one, up to the replica's total.
    const dmitry = await open(U.dmitry.token);
    assert.equal(dmitry.status, 200);
    const full = await get(U.olga.token);
    assert.equal(full.status, 503);
    assert.equal(((await full.json()) as { error: { code: string } }).error.code, 'unavailable');
    // A closed stream frees its slot.
    kazan[0]!.close();
    dmitry.close();
    await eventually(async () => {
      const r = await get(U.kazan.token);
      if (r.status !== 200) return false;
      await r.body?.cancel();
      return true;
    });
    kazan[1]!.close();
    await eventually(() => s.app.live.hub.size === 0, 5000, 'every stream closed');
  });

  it('closes a stream whose client stops reading once its backlog passes the bound, and never buffers without limit', async () => {
    const created = await s.request('POST', '/api/v1/tasks', {
      token: U.kazan.token,
      body: { channel_id: C.kazan, title: 'Kazan window display', description: 'Layout notes. '.repeat(700) },
    });
    assert.equal(created.status, 201);
    let task = created.body;
    const stalled = await stalledStream(s.url, U.kazan.token);
    assert.match(stalled.head, /^HTTP\/1\.1 200/);
    await eventually(() => s.app.live.hub.size === 1, 5000, 'the stream subscribed');
    // The socket's buffers fill first; then the service stops writing and, past 20 waiting events, cuts the stream.
    let updates = 0;
    while (s.app.live.hub.size > 0 && updates < 3000) {
      const r = await s.request('PATCH', `/api/v1/tasks/${task.id}`, {
        token: U.kazan.token,
        body: { version: task.version, title: `Kazan window display, take ${++updates}` },
      });
      assert.equal(r.status, 200);
      task = r.body;
    }
    await eventually(() => s.app.live.hub.size === 0, 5000, 'the stalled stream closed');
    stalled.socket.destroy();
    // The guest's slot was freed: a stream that reads gets the next change.
    const fresh = await open(U.kazan.token);
    const r = await s.request('PATCH', `/api/v1/tasks/${task.id}`, {
      token: U.kazan.token,
      body: { version: task.version, status: 'review' },
    });
    assert.equal(r.status, 200);
    await fresh.next((e) => e.event === 'task.updated' && e.data.task.status === 'review');
  });
});
