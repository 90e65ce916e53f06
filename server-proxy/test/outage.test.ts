import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, count, startStack, type Stack } from './helpers.js';

describe(`Mattermost down or slow [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ MM_TIMEOUT_MS: '400' });
  });
  after(async () => {
    await s.close();
  });

  it('fails closed with 503 while Mattermost is down, writes nothing, and recovers', async () => {
    const t = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Before outage' } })).body;
    const tasksBefore = await count(s.db, 'tasks');
    const historyBefore = await count(s.db, 'task_history');
    await s.mm.stop();
    try {
      const create = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'During outage' } });
      assert.equal(create.status, 503);
      assert.equal(create.body.error.code, 'mattermost_unavailable');
      assert.match(create.body.error.message, /Mattermost/);
      const read = await s.request('GET', `/api/v1/tasks/${t.id}`, { token: U.olga.token });
      assert.equal(read.status, 503, 'never fall back to "allowed"');
      const patch = await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.olga.token, body: { version: 1, status: 'done' } });
      assert.equal(patch.status, 503);
      const ready = await s.request('GET', '/readyz');
      assert.equal(ready.status, 503);
      assert.equal(ready.body.checks.mattermost, 'unreachable');
      assert.equal((await s.request('GET', '/healthz')).status, 200);
      assert.equal(await count(s.db, 'tasks'), tasksBefore);
      assert.equal(await count(s.db, 'task_history'), historyBefore);
    } finally {
      await s.mm.start();
    }
    assert.equal((await s.request('GET', '/readyz')).status, 200);
    const after = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'After outage' } });
    assert.equal(after.status, 201);
  });

  it('treats a Mattermost slower than the deadline as unavailable, then recovers', async () => {
    const before = await count(s.db, 'tasks');
    // Far slower than the 1.5 s deadline, so only the deadline can have ended the wait in time.
    s.mm.setDelay(20_000);
    try {
      const started = Date.now();
      const r = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Slow' } });
      assert.equal(r.status, 503);
      assert.equal(r.body.error.code, 'mattermost_unavailable');
      assert.match(r.body.error.message, /in time/);
      assert.ok(Date.now() - started < 20_000, 'the deadline cut the wait short');
    } finally {
      s.mm.setDelay(0);
    }
    assert.equal(await count(s.db, 'tasks'), before);
    assert.equal(
      (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Fast again' } })).status,
      201,
    );
  });
});
