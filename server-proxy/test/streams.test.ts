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

describe(`event retention and resume bounds [${ENGINE}]`, () => {
  let s: Stack;
  const streams: SseClient[] = [];
  before(async () => {
    s = await startStack({ EVENTS_REPLAY_MAX: '5', EVENTS_RETENTION_HOURS: '1', EVENTS_PRUNE_INTERVAL_MS: '200' });
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
  const create = async (title: string) => {
    const r = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title } });
    assert.equal(r.status, 201);
    return r.body as { id: string };
  };
  const latest = async () =>
    Number(
      (
        await s.db
          .selectFrom('events')
          .select((eb) => eb.fn.max('seq').as('max'))
          .executeTakeFirst()
      )?.max ?? 0,
    );

  it('refuses a last_event_id out of range (1e400, negative, fractional, over 15 digits) with 400 validation_failed', async () => {
    for (const value of ['1e400', '-1', '1.5', '9999999999999999', 'abc']) {
      for (const [where, init] of [
        ['query', { url: `/api/v1/events?last_event_id=${encodeURIComponent(value)}`, headers: {} }],
        ['header', { url: '/api/v1/events', headers: { 'last-event-id': value } }],
      ] as const) {
        const r = await fetch(s.url + init.url, { headers: { authorization: `Bearer ${U.kazan.token}`, ...init.headers } });
        assert.equal(r.status, 400, `${where} ${value}`);
        assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'validation_failed', `${where} ${value}`);
      }
    }
  });

  it('answers reset instead of replaying a gap larger than EVENTS_REPLAY_MAX, and replays a smaller one', async () => {
    const from = await latest();
    const made = [];
    for (let i = 0; i < 8; i++) made.push(await create(`Store ${i} banner`));
    const far = await open(U.dmitry.token, from);
    assert.equal(far.events[0]!.event, 'reset');
    assert.equal(far.events[0]!.data.reason, 'too_far_behind');
    assert.equal(far.events.filter((e) => e.event === 'task.created').length, 0, 'nothing replayed');
    const ready = far.events.find((e) => e.event === 'ready')!;
    assert.equal(ready.data.seq, await latest());
    // Live events still arrive after the reset.
    const next = await create('After the reset');
    await far.next((e) => e.event === 'task.created' && e.data.task.id === next.id);

    const near = await open(U.dmitry.token, (await latest()) - 3);
    assert.equal(near.events[0]!.event, 'task.created');
    assert.deepEqual(
      near.events.filter((e) => e.event === 'task.created').map((e) => e.data.task.id),
      [...made.slice(-2), next].map((t) => t.id),
    );
    // Ahead of every event (another database): reset, not silence until seq catches up.
    const ahead = await open(U.dmitry.token, (await latest()) + 1000);
    assert.equal(ahead.events[0]!.data.reason, 'unknown');
    const after = await create('Heard after an unknown id');
    await ahead.next((e) => e.event === 'task.created' && e.data.task.id === after.id);
  });

  it('deletes events older than EVENTS_RETENTION_HOURS on a schedule, keeping the newest; a resume from before them is reset', async () => {
    await create('Old news');
    const newest = await latest();
    assert.ok((await s.db.selectFrom('events').select('seq').execute()).length > 1);
    await s.db
      .updateTable('events')
      .set({ created_at: new Date(Date.now() - 2 * 3_600_000).toISOString() })
      .execute();
    await eventually(
      async () => {
        const left = await s.db.selectFrom('events').select('seq').execute();
        return left.length === 1 && Number(left[0]!.seq) === newest;
      },
      5000,
      'old events pruned',
    );
    const resumed = await open(U.dmitry.token, 0);
    assert.equal(resumed.events[0]!.data.reason, 'too_old');
  });
});
