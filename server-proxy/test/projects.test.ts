import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, count, startStack, type Stack } from './helpers.js';

describe(`projects [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    await s.close();
  });

  it('creates a project in a channel, links regions, lists it for their members', async () => {
    const p = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: '  Spring campaign  ', channel_id: C.hq } });
    assert.equal(p.status, 201);
    assert.equal(p.body.name, 'Spring campaign');
    assert.deepEqual(p.body.channel_ids, [C.hq]);
    for (const ch of [C.kazan, C.samara, C.kazan]) {
      const r = await s.request('POST', `/api/v1/projects/${p.body.id}/channels`, { token: U.olga.token, body: { channel_id: ch } });
      assert.equal(r.status, 200);
    }
    const links = await s.db.selectFrom('project_channels').select('channel_id').where('project_id', '=', p.body.id).execute();
    assert.deepEqual(links.map((l) => l.channel_id).sort(), [C.hq, C.kazan, C.samara].sort());
    const pavel = await s.request('GET', '/api/v1/projects', { token: U.pavel.token });
    assert.deepEqual(
      pavel.body.items.map((x: any) => x.id),
      [p.body.id],
    );
    const byChannel = await s.request('GET', `/api/v1/projects?channel_id=${C.samara}`, { token: U.pavel.token });
    assert.equal(byChannel.body.items.length, 1);
    const off = await s.request('GET', `/api/v1/projects?channel_id=${C.novosibirsk}`, { token: U.olga.token });
    assert.deepEqual(off.body.items, []);
  });

  it('lets a channel belong to several projects', async () => {
    const a = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'A', channel_id: C.novosibirsk } })).body;
    const b = (await s.request('POST', '/api/v1/projects', { token: U.dmitry.token, body: { name: 'B', channel_id: C.hq } })).body;
    await s.request('POST', `/api/v1/projects/${b.id}/channels`, { token: U.dmitry.token, body: { channel_id: C.novosibirsk } });
    const list = await s.request('GET', `/api/v1/projects?channel_id=${C.novosibirsk}`, { token: U.dmitry.token });
    assert.deepEqual(list.body.items.map((x: any) => x.id).sort(), [a.id, b.id].sort());
  });

  it('keeps guests from creating projects or changing their channels', async () => {
    const before = await count(s.db, 'projects');
    const r = await s.request('POST', '/api/v1/projects', { token: U.agency.token, body: { name: 'Agency plan', channel_id: C.agency } });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'forbidden');
    assert.equal(await count(s.db, 'projects'), before);
    const p = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'With agency', channel_id: C.hq } })).body;
    const link = await s.request('POST', `/api/v1/projects/${p.id}/channels`, { token: U.agency.token, body: { channel_id: C.agency } });
    assert.equal(link.status, 403);
  });

  it('links only channels the caller is a member of, and unlinks keeping tasks for a relink', async () => {
    const p = (await s.request('POST', '/api/v1/projects', { token: U.dmitry.token, body: { name: 'Designer', channel_id: C.hq } })).body;
    const notMine = await s.request('POST', `/api/v1/projects/${p.id}/channels`, {
      token: U.dmitry.token,
      body: { channel_id: C.offTopic },
    });
    assert.equal(notMine.status, 404);
    await s.request('POST', `/api/v1/projects/${p.id}/channels`, { token: U.dmitry.token, body: { channel_id: C.kazan } });
    const t = (
      await s.request('POST', '/api/v1/tasks', {
        token: U.dmitry.token,
        body: { channel_id: C.kazan, title: 'Kazan task', project_id: p.id },
      })
    ).body;
    const del = await s.request('DELETE', `/api/v1/projects/${p.id}/channels/${C.kazan}`, { token: U.dmitry.token });
    assert.equal(del.status, 200);
    assert.deepEqual(del.body.channel_ids, [C.hq]);
    const listed = await s.request('GET', `/api/v1/tasks?project_id=${p.id}`, { token: U.dmitry.token });
    assert.ok(!listed.body.items.some((x: any) => x.id === t.id));
    await s.request('POST', `/api/v1/projects/${p.id}/channels`, { token: U.dmitry.token, body: { channel_id: C.kazan } });
    const relisted = await s.request('GET', `/api/v1/tasks?project_id=${p.id}`, { token: U.dmitry.token });
    assert.ok(relisted.body.items.some((x: any) => x.id === t.id));
  });

  it('serves an OpenAPI document describing every route', async () => {
    const r = await s.request('GET', '/api/v1/openapi.json');
    assert.equal(r.status, 200);
    assert.match(r.body.openapi, /^3\./);
    for (const p of [
      '/api/v1/tasks',
      '/api/v1/tasks/{id}',
      '/api/v1/tasks/{id}/history',
      '/api/v1/projects',
      '/api/v1/projects/{id}/channels',
      '/api/v1/me',
    ]) {
      assert.ok(r.body.paths[p], p);
    }
  });
});
