import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BLOB_STORE, C, ENGINE, QueryCounter, U, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

/** Who shares asset i: HQ alone, HQ and Kazan, HQ and two regions, everyone. */
const SHARING = [[C.hq], [C.hq, C.kazan], [C.hq, C.samara, C.novosibirsk], [C.hq, C.kazan, C.samara, C.novosibirsk]];

describe(`list routes with many records [${ENGINE}]`, () => {
  const queries = new QueryCounter(['assets', 'asset_channels', 'asset_versions', 'receipts']);
  let s: Stack;

  before(async () => {
    s = await startStack({}, false, undefined, BLOB_STORE, queries);
  });
  after(async () => {
    await s.close();
  });

  const project = async (name: string) => {
    const id = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name, channel_id: C.hq } })).body.id as string;
    for (const ch of [C.kazan, C.samara, C.novosibirsk])
      await s.request('POST', `/api/v1/projects/${id}/channels`, { token: U.olga.token, body: { channel_id: ch } });
    return id;
  };
  const upload = async (assetId: string, text: string) => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'image/png' }), `${text}.png`);
    const r = await fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.dmitry.token}` },
      body: form,
    });
    assert.equal(r.status, 201);
    return ((await r.json()) as { id: string }).id;
  };
  /** Asset i: shared as SHARING says, i % 3 versions, the last approved when i is odd, Kazan's receipt confirmed for every third of those. */
  const addAssets = async (projectId: string, from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const channels = SHARING[i % SHARING.length]!;
      const a = await s.request('POST', '/api/v1/assets', {
        token: U.olga.token,
        body: { project_id: projectId, name: `Layout ${i}`, channel_ids: channels },
      });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      let last = '';
      for (let v = 0; v < i % 3; v++) last = await upload(a.body.id, `layout ${i} v${v}`);
      if (!last || i % 2 === 0) continue;
      const approved = await s.request('POST', `/api/v1/assets/${a.body.id}/versions/${last}/approve`, { token: U.olga.token, body: {} });
      assert.equal(approved.status, 200);
      if (channels.includes(C.kazan) && i % 3 === 1) {
        const r = await s.request('POST', `/api/v1/assets/${a.body.id}/receipts/${C.kazan}`, { token: U.kazan.token, body: {} });
        assert.equal(r.status, 200);
      }
    }
  };
  const list = async (projectId: string, token: string) => {
    const r = await s.request('GET', `/api/v1/assets?project_id=${projectId}`, { token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.items as any[];
  };

  it('lists each asset exactly as it reads alone, newest first, for staff, a guest and a member of one region', async () => {
    const projectId = await project('Many assets');
    await addAssets(projectId, 0, 16);
    const staff = await list(projectId, U.olga.token);
    assert.equal(staff.length, 16);
    assert.deepEqual(
      staff.map((a) => a.name),
      Array.from({ length: 16 }, (_, i) => `Layout ${15 - i}`),
    );
    for (const [token, sees] of [
      [U.olga.token, () => true],
      [U.kazan.token, (i: number) => SHARING[i % 4]!.includes(C.kazan)],
      [U.pavel.token, (i: number) => SHARING[i % 4]!.includes(C.samara)],
    ] as const) {
      const items = await list(projectId, token);
      assert.deepEqual(
        items.map((a) => a.name),
        staff.filter((a) => sees(Number(a.name.split(' ')[1]))).map((a) => a.name),
      );
      for (const item of items) assert.deepEqual(item, (await s.request('GET', `/api/v1/assets/${item.id}`, { token })).body);
    }
    // What each asset holds, from what was written rather than from another reading.
    for (const a of staff) {
      const i = Number(a.name.split(' ')[1]);
      assert.deepEqual(a.channel_ids, [...SHARING[i % 4]!].sort());
      assert.deepEqual(
        a.versions.map((v: any) => v.number),
        Array.from({ length: i % 3 }, (_, k) => (i % 3) - k),
      );
      const approved = i % 3 > 0 && i % 2 === 1;
      assert.equal(a.approved_version_id, approved ? a.versions[0].id : null);
      assert.deepEqual(
        a.versions.map((v: any) => v.state),
        a.versions.map((_: unknown, k: number) => (approved && k === 0 ? 'approved' : 'proposed')),
      );
      assert.deepEqual(
        a.receipts.map((r: any) => [r.channel_id, r.confirmed_by]),
        approved ? a.channel_ids.map((c: string) => [c, c === C.kazan && i % 3 === 1 ? U.kazan.id : null]) : [],
      );
    }
    const guest = await list(projectId, U.kazan.token);
    for (const a of guest) {
      assert.deepEqual(a.channel_ids, [C.kazan], 'a guest learns only their own channel');
      assert.ok(a.receipts.every((r: any) => r.channel_id === C.kazan));
    }
  });

  it('reuses an answer only while nothing it shows has changed, whoever changed it', async () => {
    const projectId = await project('Reused list');
    await addAssets(projectId, 0, 4);
    /** The list, checked against each asset read alone (never reused), and the queries it ran on the asset tables. */
    const read = async (token: string) => {
      const start = queries.count;
      const items = await list(projectId, token);
      const ran = queries.count - start;
      for (const item of items) assert.deepEqual(item, (await s.request('GET', `/api/v1/assets/${item.id}`, { token })).body);
      return { items, ran };
    };
    const byName = (items: any[], name: string) => items.find((a) => a.name === name);

    const first = await read(U.olga.token);
    const again = await read(U.olga.token);
    assert.deepEqual(again.items, first.items);
    assert.equal(again.ran, 0, 'an unchanged list is answered without reading the assets again');
    // Another caller, with another standing, has an answer of their own.
    const guest = await read(U.kazan.token);
    assert.deepEqual(
      guest.items.map((a) => a.name),
      ['Layout 3', 'Layout 1'],
    );
    assert.ok(guest.items.every((a) => a.channel_ids.length === 1 && a.channel_ids[0] === C.kazan));

    const made = await s.request('POST', '/api/v1/assets', {
      token: U.olga.token,
      body: { project_id: projectId, name: 'Made later', channel_ids: [C.hq, C.kazan] },
    });
    assert.equal(made.status, 201);
    let now = await read(U.olga.token);
    assert.equal(now.items[0].name, 'Made later');
    assert.ok(now.ran > 0);
    assert.equal((await read(U.kazan.token)).items[0].name, 'Made later', "the guest's kept answer is not reused either");

    const version = await upload(made.body.id, 'made later v1');
    assert.deepEqual(
      byName((await read(U.olga.token)).items, 'Made later').versions.map((v: any) => v.id),
      [version],
    );

    assert.equal(
      (await s.request('POST', `/api/v1/assets/${made.body.id}/versions/${version}/approve`, { token: U.olga.token, body: {} })).status,
      200,
    );
    now = await read(U.olga.token);
    assert.equal(byName(now.items, 'Made later').approved_version_id, version);
    assert.deepEqual(
      byName(now.items, 'Made later').receipts.map((r: any) => [r.channel_id, r.confirmed_by]),
      [
        [C.hq, null],
        [C.kazan, null],
      ],
    );

    assert.equal(
      (await s.request('POST', `/api/v1/assets/${made.body.id}/receipts/${C.kazan}`, { token: U.kazan.token, body: {} })).status,
      200,
    );
    assert.equal(byName((await read(U.olga.token)).items, 'Made later').receipts[1].confirmed_by, U.kazan.id);

    assert.equal((await s.request('DELETE', `/api/v1/projects/${projectId}/channels/${C.kazan}`, { token: U.olga.token })).status, 200);
    now = await read(U.olga.token);
    assert.ok(
      now.items.every((a) => !a.channel_ids.includes(C.kazan)),
      'no asset is shared with the unlinked channel any more',
    );

    // A change made in the database by anything else (another replica, an operator) counts the same.
    await s.db.updateTable('assets').set({ name: 'Renamed in the database' }).where('id', '=', made.body.id).execute();
    now = await read(U.olga.token);
    assert.equal(now.items[0].name, 'Renamed in the database');
    await s.db.deleteFrom('asset_channels').where('asset_id', '=', made.body.id).where('channel_id', '=', C.hq).execute();
    now = await read(U.olga.token);
    assert.ok(!now.items.some((a) => a.id === made.body.id), 'an asset shared with no channel of the caller is not listed');
    const still = await read(U.olga.token);
    assert.deepEqual(still.items, now.items);
    assert.equal(still.ran, 0);
  });

  it('reads 30 assets with as many queries as 3', async () => {
    const projectId = await project('Query count');
    await addAssets(projectId, 0, 3);
    const cost = async () => {
      // The approvals' cards and pins read assets too: they are done first.
      await eventually(
        async () => (await s.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute()).length === 0,
        20_000,
        'the outbox drained',
      );
      const start = queries.count;
      const items = await list(projectId, U.olga.token);
      return { queries: queries.count - start, items: items.length };
    };
    const few = await cost();
    await addAssets(projectId, 3, 30);
    const many = await cost();
    assert.deepEqual([few.items, many.items], [3, 30]);
    assert.equal(many.queries, few.queries, `${few.queries} queries for 3 assets, ${many.queries} for 30`);
  });
});
