import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LIMITS } from '@throughline/contract';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';

// Histories grow with every edit: they are answered a page at a time, newest first.
describe(`history pages [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    await s.close();
  });

  /** Every page of a history, following next_cursor. */
  async function walk(path: string, token: string, limit?: number): Promise<{ pages: any[][]; ids: string[] }> {
    const pages: any[][] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams();
      if (limit) query.set('limit', String(limit));
      if (cursor) query.set('cursor', cursor);
      const r = await s.request('GET', `${path}?${query}`, { token });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      pages.push(r.body.items);
      cursor = r.body.next_cursor;
      assert.ok(pages.length <= 1000, 'the cursor ends');
    } while (cursor);
    return { pages, ids: pages.flat().map((e) => e.id) };
  }

  it('pages a task history of 300 edits: a page of the limit, and next_cursor walks all, nothing repeated or lost', async () => {
    let task = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Window display' } }))
      .body;
    for (let i = 1; i <= 300; i++) {
      const r = await s.request('PATCH', `/api/v1/tasks/${task.id}`, {
        token: U.olga.token,
        body: { version: task.version, description: `Draft ${i}` },
      });
      assert.equal(r.status, 200);
      task = r.body;
    }
    const stored = await s.db.selectFrom('task_history').select('id').where('task_id', '=', task.id).execute();
    assert.equal(stored.length, 301);

    const first = await s.request('GET', `/api/v1/tasks/${task.id}/history`, { token: U.olga.token });
    assert.equal(first.status, 200);
    assert.equal(first.body.items.length, LIMITS.pageDefault, 'the default page, not all 301');
    assert.equal(first.body.items[0].to, 'Draft 300', 'newest first');
    assert.equal(typeof first.body.next_cursor, 'string');

    const { pages, ids } = await walk(`/api/v1/tasks/${task.id}/history`, U.olga.token, 40);
    assert.deepEqual(
      pages.map((p) => p.length),
      [40, 40, 40, 40, 40, 40, 40, 21],
    );
    assert.equal(new Set(ids).size, 301, 'nothing repeated');
    assert.deepEqual([...ids].sort(), stored.map((r) => r.id).sort(), 'nothing lost');
    const entries = pages.flat();
    assert.deepEqual(
      entries.map((e) => e.to),
      [...Array.from({ length: 300 }, (_, i) => `Draft ${300 - i}`), null],
    );
    assert.equal(entries.at(-1).action, 'created', 'the oldest comes last');

    const whole = await s.request('GET', `/api/v1/tasks/${task.id}/history?limit=${LIMITS.pageMax}`, { token: U.olga.token });
    assert.equal(whole.body.next_cursor, null, 'a page that holds the rest has no cursor');
    assert.equal(whole.body.items.length, 301);
  });

  it('refuses a limit over the maximum and a cursor that is not an entry id', async () => {
    const task = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Bounds' } })).body;
    for (const query of [`limit=${LIMITS.pageMax + 1}`, 'limit=0', 'cursor=abc', 'offset=3']) {
      const r = await s.request('GET', `/api/v1/tasks/${task.id}/history?${query}`, { token: U.olga.token });
      assert.equal(r.status, 400, query);
      assert.equal(r.body.error.code, 'validation_failed', query);
    }
    const stranger = await s.request('GET', `/api/v1/tasks/${task.id}/history?limit=5`, { token: U.kazan.token });
    assert.equal(stranger.status, 404);
  });

  it('pages an asset history the same way, receipts of other channels left out of every page', async () => {
    const projectId = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Outdoor', channel_id: C.hq } }))
      .body.id;
    for (const ch of [C.kazan, C.samara])
      await s.request('POST', `/api/v1/projects/${projectId}/channels`, { token: U.olga.token, body: { channel_id: ch } });
    const asset = (
      await s.request('POST', '/api/v1/assets', {
        token: U.olga.token,
        body: { project_id: projectId, name: 'Banner 6×3', channel_ids: [C.kazan, C.samara] },
      })
    ).body;
    for (let i = 1; i <= 12; i++) {
      const form = new FormData();
      form.append('file', new Blob([`layout ${i}`], { type: 'image/png' }), `layout-${i}.png`);
      const v = await fetch(`${s.url}/api/v1/assets/${asset.id}/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${U.dmitry.token}` },
        body: form,
      }).then((r) => r.json() as Promise<{ id: string }>);
      await s.request('POST', `/api/v1/assets/${asset.id}/versions/${v.id}/approve`, { token: U.olga.token, body: {} });
      await s.request('POST', `/api/v1/assets/${asset.id}/receipts/${C.samara}`, { token: U.pavel.token, body: {} });
      await s.request('POST', `/api/v1/assets/${asset.id}/receipts/${C.kazan}`, { token: U.kazan.token, body: {} });
    }
    const stored = await s.db.selectFrom('asset_history').select(['id', 'action', 'detail']).where('asset_id', '=', asset.id).execute();

    const staff = await walk(`/api/v1/assets/${asset.id}/history`, U.olga.token, 7);
    assert.ok(staff.pages.slice(0, -1).every((p) => p.length === 7));
    assert.equal(new Set(staff.ids).size, stored.length, 'nothing repeated');
    assert.deepEqual([...staff.ids].sort(), stored.map((r) => r.id).sort(), 'nothing lost');
    assert.equal(staff.pages[0]![0].action, 'receipt_confirmed', 'newest first');
    assert.equal(staff.pages.at(-1)!.at(-1).action, 'created');

    // The Kazan guest pages through the same history without Samara's receipts, and pages stay full.
    const guest = await walk(`/api/v1/assets/${asset.id}/history`, U.kazan.token, 7);
    const expected = stored.filter((r) => r.action !== 'receipt_confirmed' || r.detail === C.kazan).map((r) => r.id);
    assert.deepEqual([...guest.ids].sort(), expected.sort());
    assert.equal(new Set(guest.ids).size, expected.length);
    assert.ok(guest.pages.slice(0, -1).every((p) => p.length === 7));
    assert.ok(!guest.pages.flat().some((e) => e.detail === C.samara));
  });
});
