import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { loggerOptions } from '../src/app.js';
import { C, ENGINE, U, count, startStack, type Stack } from './helpers.js';

describe(`authentication [${ENGINE}]`, () => {
  let s: Stack;
  let logs = '';
  before(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        logs += chunk.toString();
        cb();
      },
    });
    s = await startStack({ MM_CACHE_MS: '5000' }, { ...(loggerOptions('info') as object), stream });
  });
  after(async () => {
    await s.close();
  });

  const cookie = (csrf = 'csrf-token-1') => `MMAUTHTOKEN=${U.olga.token}; MMUSERID=${U.olga.id}; MMCSRF=${csrf}`;

  it('reads the session from the MMAUTHTOKEN cookie', async () => {
    const r = await s.request('GET', '/api/v1/me', { headers: { cookie: cookie() } });
    assert.equal(r.status, 200);
    const { permissions, ...me } = r.body;
    assert.deepEqual(me, { user_id: U.olga.id, username: U.olga.username, is_guest: false });
    assert.ok(permissions.includes('project.create') && permissions.includes('asset.approve'));
    const guest = await s.request('GET', '/api/v1/me', { token: U.kazan.token });
    assert.equal(guest.body.is_guest, true);
    // A guest is told what a guest may do, so the webapp shows no control the service would refuse.
    assert.ok(guest.body.permissions.includes('asset.add_version'));
    for (const p of ['project.create', 'project.link', 'asset.create', 'asset.approve']) assert.ok(!guest.body.permissions.includes(p), p);
  });

  it('requires X-Requested-With and a matching X-CSRF-Token on cookie writes', async () => {
    const before = await count(s.db, 'tasks');
    const body = { channel_id: C.hq, title: 'CSRF' };
    const bare = await s.request('POST', '/api/v1/tasks', { headers: { cookie: cookie() }, body });
    assert.equal(bare.status, 403);
    assert.equal(bare.body.error.code, 'csrf_failed');
    const wrong = await s.request('POST', '/api/v1/tasks', {
      headers: { cookie: cookie(), 'x-requested-with': 'XMLHttpRequest', 'x-csrf-token': 'other' },
      body,
    });
    assert.equal(wrong.status, 403);
    const noXrw = await s.request('POST', '/api/v1/tasks', { headers: { cookie: cookie(), 'x-csrf-token': 'csrf-token-1' }, body });
    assert.equal(noXrw.status, 403);
    assert.equal(await count(s.db, 'tasks'), before);
    const ok = await s.request('POST', '/api/v1/tasks', {
      headers: { cookie: cookie(), 'x-requested-with': 'XMLHttpRequest', 'x-csrf-token': 'csrf-token-1' },
      body,
    });
    assert.equal(ok.status, 201);
    const bearer = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body });
    assert.equal(bearer.status, 201, 'Bearer requests are not CSRF-checked');
  });

  it('rejects missing, malformed and unknown tokens with 401', async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { authorization: 'Bearer' },
      { authorization: 'Basic abc' },
      { authorization: `Bearer ${'z'.repeat(26)}` },
      { cookie: 'MMAUTHTOKEN=' },
      { cookie: 'MMAUTHTOKEN=../../x' },
    ]) {
      const r = await s.request('GET', '/api/v1/me', { headers });
      assert.equal(r.status, 401, JSON.stringify(headers));
      assert.equal(r.body.error.code, 'unauthorized');
    }
  });

  it('asks Mattermost who a token is once while the answer is fresh', async () => {
    s.mm.resetCounts();
    for (let i = 0; i < 10; i++)
      assert.equal((await s.request('GET', `/api/v1/tasks?channel_id=${C.hq}`, { token: U.dmitry.token })).status, 200);
    assert.equal(s.mm.requestCount('/api/v4/users/me'), 1);
    assert.equal(s.mm.requestCount(`/api/v4/channels/${C.hq}/members/me`), 1);
  });

  it('never writes a token to the log', async () => {
    await s.request('GET', '/api/v1/me', { token: U.admin.token });
    await s.request('GET', '/api/v1/me', { headers: { cookie: cookie('csrf-secret') } });
    assert.ok(logs.includes('"url":"/api/v1/me"'), 'requests are logged');
    for (const secret of [U.admin.token, U.olga.token, 'csrf-secret']) assert.ok(!logs.includes(secret), 'token leaked into logs');
  });
});
