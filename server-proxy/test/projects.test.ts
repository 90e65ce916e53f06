import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, count, startStack, type Stack } from './helpers.js';
import { SseClient } from './sse.js';

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

  it('never tells a guest of a linked channel the home channel id; the name travels with the link', async () => {
    const p = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Private launch', channel_id: C.hq } }))
      .body;
    await s.request('POST', `/api/v1/projects/${p.id}/channels`, { token: U.olga.token, body: { channel_id: C.kazan } });
    const answers = [
      (await s.request('GET', `/api/v1/projects/${p.id}`, { token: U.kazan.token })).body,
      (await s.request('GET', '/api/v1/projects', { token: U.kazan.token })).body.items.find((x: any) => x.id === p.id),
      (await s.request('GET', `/api/v1/projects?channel_id=${C.kazan}`, { token: U.kazan.token })).body.items.find(
        (x: any) => x.id === p.id,
      ),
    ];
    for (const guest of answers) {
      assert.equal(guest.channel_id, null, JSON.stringify(guest));
      assert.deepEqual(guest.channel_ids, [C.kazan]);
      assert.equal(guest.name, 'Private launch', 'linking a channel shares the project, its name included');
      assert.ok(!JSON.stringify(guest).includes(C.hq), 'no trace of the home channel');
    }
    // A guest who is in the home channel sees it, like any channel they are in.
    const inHome = (await s.request('GET', `/api/v1/projects/${p.id}`, { token: U.agency.token })).body;
    assert.equal(inHome.channel_id, C.hq);
    assert.deepEqual(inHome.channel_ids, [C.hq]);
    const staff = await s.request('GET', `/api/v1/projects/${p.id}`, { token: U.pavel.token });
    assert.equal(staff.status, 404, 'Pavel is in neither channel');
    const olga = (await s.request('GET', `/api/v1/projects/${p.id}`, { token: U.olga.token })).body;
    assert.equal(olga.channel_id, C.hq);
    assert.deepEqual(olga.channel_ids, [C.hq, C.kazan]);
  });

  it('unlinking a channel unshares the project’s assets from it and says which', async () => {
    const p = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Unshare', channel_id: C.hq } })).body;
    for (const ch of [C.kazan, C.samara])
      await s.request('POST', `/api/v1/projects/${p.id}/channels`, { token: U.olga.token, body: { channel_id: ch } });
    const asset = async (name: string, channel_ids: string[]) =>
      (await s.request('POST', '/api/v1/assets', { token: U.olga.token, body: { project_id: p.id, name, channel_ids } })).body.id as string;
    const shared = await asset('A poster', [C.hq, C.kazan]);
    const kazanOnly = await asset('B flyer', [C.kazan]);
    const samara = await asset('C banner', [C.samara]);
    const upload = async (id: string, text: string) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'image/png' }), 'poster.png');
      const r = await fetch(`${s.url}/api/v1/assets/${id}/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${U.olga.token}` },
        body: form,
      });
      return ((await r.json()) as any).id as string;
    };
    await upload(shared, 'first');
    assert.equal((await s.request('GET', `/api/v1/assets/${shared}`, { token: U.kazan.token })).status, 200);

    const kazanStream = await SseClient.open(s.url, U.kazan.token);
    const samaraStream = await SseClient.open(s.url, U.pavel.token);
    const del = await s.request('DELETE', `/api/v1/projects/${p.id}/channels/${C.kazan}`, { token: U.olga.token });
    assert.equal(del.status, 200, JSON.stringify(del.body));

    // The channel that left and every one still in the project hear of it live, each told only of its own assets.
    const heard = await kazanStream.next((e) => e.event === 'project.channel_unlinked');
    assert.deepEqual(
      [heard.data.channel_id, heard.data.project_id, heard.data.removed, heard.data.asset_ids],
      [C.kazan, p.id, true, [shared, kazanOnly]],
    );
    const samaraHeard = await samaraStream.next((e) => e.event === 'project.channel_unlinked');
    assert.deepEqual([samaraHeard.data.channel_id, samaraHeard.data.removed, samaraHeard.data.asset_ids], [C.samara, false, []]);
    kazanStream.close();
    samaraStream.close();
    const events = await s.db
      .selectFrom('events')
      .select(['channel_id', 'payload'])
      .where('type', '=', 'project.channel_unlinked')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => [e.channel_id, JSON.parse(e.payload)]).filter(([, payload]) => payload.project_id === p.id),
      [
        [C.hq, { project_id: p.id, removed: false, asset_ids: [kazanOnly] }],
        [C.kazan, { project_id: p.id, removed: true, asset_ids: [shared, kazanOnly] }],
        [C.samara, { project_id: p.id, removed: false, asset_ids: [] }],
      ],
    );
    assert.deepEqual(del.body.channel_ids, [C.hq, C.samara]);
    assert.deepEqual(del.body.unshared_assets, [
      { id: shared, name: 'A poster', moved_to_home: false },
      { id: kazanOnly, name: 'B flyer', moved_to_home: true },
    ]);
    const links = await s.db
      .selectFrom('asset_channels')
      .select(['asset_id', 'channel_id'])
      .where('asset_id', 'in', [shared, kazanOnly, samara])
      .execute();
    assert.deepEqual(Object.fromEntries(links.map((l) => [l.asset_id, l.channel_id])), {
      [shared]: C.hq,
      [kazanOnly]: C.hq,
      [samara]: C.samara,
    });
    assert.equal(links.length, 3);

    // The Kazan guest stops reading the assets and their new versions; approvals no longer reach Kazan.
    const next = await upload(shared, 'second');
    for (const path of [`/api/v1/assets/${shared}`, `/api/v1/assets/${kazanOnly}`, `/api/v1/assets/${shared}/versions/${next}/file`])
      assert.equal((await s.request('GET', path, { token: U.kazan.token })).status, 404, path);
    const approve = await s.request('POST', `/api/v1/assets/${shared}/versions/${next}/approve`, { token: U.olga.token, body: {} });
    assert.equal(approve.status, 200);
    assert.deepEqual(
      approve.body.receipts.map((r: any) => r.channel_id),
      [C.hq],
    );
    const cards = (await s.db.selectFrom('outbox').select('payload').where('kind', '=', 'approval_card').execute())
      .map((r) => JSON.parse(r.payload))
      .filter((x) => x.version_id === next);
    assert.deepEqual(
      cards.map((x) => x.channel_id),
      [C.hq],
    );
    const click = await s.request('POST', `/api/v1/assets/${shared}/receipts/${C.kazan}`, { token: U.olga.token, body: {} });
    assert.equal(click.status, 404, 'Kazan has nothing to confirm any more');
    // An asset shared with the unlinked channel alone stays reachable: it moves to the home channel.
    const none = await s.request('DELETE', `/api/v1/projects/${p.id}/channels/${C.samara}`, { token: U.olga.token });
    assert.deepEqual(none.body.unshared_assets, [{ id: samara, name: 'C banner', moved_to_home: true }]);
  });

  it('linking a channel is heard live by it and by the project, and its members read the project at once', async () => {
    const p = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Linked', channel_id: C.hq } })).body;
    const list = (token: string) => s.request('GET', `/api/v1/tasks?project_id=${p.id}`, { token });
    assert.equal((await list(U.pavel.token)).status, 404, 'Pavel is in no channel of it yet');
    // Read twice: the second answer is the reused page and the project's channels as kept, which the link must not outlive.
    assert.deepEqual((await list(U.olga.token)).body.items, []);
    assert.deepEqual((await list(U.olga.token)).body.items, []);

    const samaraStream = await SseClient.open(s.url, U.pavel.token);
    const hqStream = await SseClient.open(s.url, U.olga.token);
    const r = await s.request('POST', `/api/v1/projects/${p.id}/channels`, { token: U.olga.token, body: { channel_id: C.samara } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const pavel = await list(U.pavel.token);
    assert.equal(pavel.status, 200, JSON.stringify(pavel.body));
    assert.deepEqual(pavel.body.items, []);
    const joined = await samaraStream.next((e) => e.event === 'project.channel_linked');
    assert.deepEqual([joined.data.channel_id, joined.data.project_id, joined.data.added], [C.samara, p.id, true]);
    const home = await hqStream.next((e) => e.event === 'project.channel_linked' && e.data.channel_id === C.hq);
    assert.deepEqual([home.data.project_id, home.data.added], [p.id, false]);
    samaraStream.close();
    hqStream.close();
    const made = await s.request('POST', '/api/v1/tasks', {
      token: U.pavel.token,
      body: { channel_id: C.samara, title: 'Samara poster', project_id: p.id },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual(
      (await list(U.olga.token)).body.items.map((t: any) => t.title),
      ['Samara poster'],
    );

    // Linking it again changes nothing and says nothing.
    const before = await count(s.db, 'events');
    assert.equal(
      (await s.request('POST', `/api/v1/projects/${p.id}/channels`, { token: U.olga.token, body: { channel_id: C.samara } })).status,
      200,
    );
    assert.equal(await count(s.db, 'events'), before);
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
