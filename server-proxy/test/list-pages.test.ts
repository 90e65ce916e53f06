import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';

/** Walks a list page by page (`limit` each) and returns every id, checking no page is longer than asked. */
async function walk(s: Stack, path: string, token: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor: string | null = null, pages = 0; ; pages++) {
    assert.ok(pages < 100, 'the pages end');
    const sep = path.includes('?') ? '&' : '?';
    const r = await s.request('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.items.length <= limit);
    ids.push(...r.body.items.map((i: { id: string }) => i.id));
    cursor = r.body.next_cursor;
    if (!cursor) return ids;
    assert.equal(cursor, ids[ids.length - 1], 'the cursor is the last id of the page');
  }
}

const newestFirst = (ids: string[]) => [...ids].sort().reverse();

describe(`list pages over a project, a channel and 50 channels [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  let otherId: string;
  const tasks = new Map<string, string[]>();
  const channelOf = new Map<string, string>();

  before(async () => {
    s = await startStack();
    const project = async (name: string, channels: string[]) => {
      const id = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name, channel_id: channels[0] } })).body.id;
      for (const ch of channels.slice(1))
        assert.equal(
          (await s.request('POST', `/api/v1/projects/${id}/channels`, { token: U.olga.token, body: { channel_id: ch } })).status,
          200,
        );
      return id as string;
    };
    projectId = await project('Spring', [C.hq, C.kazan]);
    otherId = await project('Autumn', [C.hq, C.samara]);
    // Interleaved: the other project's tasks are newer and older than this one's, in the same channel too.
    for (let i = 0; i < 28; i++) {
      for (const [project, channel] of [
        [projectId, i % 2 ? C.kazan : C.hq],
        [otherId, i % 3 ? C.hq : C.samara],
      ] as const) {
        const r = await s.request('POST', '/api/v1/tasks', {
          token: U.olga.token,
          body: { channel_id: channel, project_id: project, title: `T${i}` },
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        tasks.set(project, [...(tasks.get(project) ?? []), r.body.id]);
        channelOf.set(r.body.id, channel);
      }
    }
    // A deleted task is in no page.
    const gone = tasks.get(projectId)!.pop()!;
    assert.equal((await s.request('DELETE', `/api/v1/tasks/${gone}`, { token: U.olga.token })).status, 204);
  });
  after(async () => {
    await s.close();
  });

  it('a project’s tasks, page by page, at every page size: each once, newest first, none of another project', async () => {
    const expected = newestFirst(tasks.get(projectId)!);
    assert.equal(expected.length, 27);
    // 27 = 3 × 9 = 27 × 1: pages that end exactly on the last task, and ones that do not.
    for (const limit of [1, 9, 10, 26, 27, 28, 100])
      assert.deepEqual(await walk(s, `/api/v1/tasks?project_id=${projectId}`, U.olga.token, limit), expected, `limit ${limit}`);
  });

  it('a guest walks only their own channel’s tasks of the project; one channel’s tasks across projects', async () => {
    const inKazan = newestFirst(tasks.get(projectId)!).filter((id) => channelOf.get(id) === C.kazan);
    assert.equal(inKazan.length, 13, 'one of them deleted');
    assert.deepEqual(await walk(s, `/api/v1/tasks?project_id=${projectId}`, U.kazan.token, 4), inKazan);
    const inHq = newestFirst([...tasks.values()].flat()).filter((id) => channelOf.get(id) === C.hq);
    assert.deepEqual(await walk(s, `/api/v1/tasks?channel_id=${C.hq}`, U.olga.token, 5), inHq);
    assert.deepEqual(
      await walk(s, `/api/v1/tasks?channel_id=${C.hq}&project_id=${otherId}`, U.olga.token, 3),
      inHq.filter((id) => tasks.get(otherId)!.includes(id)),
    );
  });

  it('a project’s decision log, page by page: each once, newest first, none of another project', async () => {
    const ids: Record<string, string[]> = { [projectId]: [], [otherId]: [] };
    for (let i = 0; i < 12; i++)
      for (const [project, applies] of [
        [projectId, [C.kazan]],
        [otherId, [C.samara]],
      ] as const) {
        const r = await s.request('POST', '/api/v1/decisions', {
          token: U.olga.token,
          body: { project_id: project, channel_id: C.hq, statement: `D${i}`, channel_ids: applies },
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        ids[project]!.push(r.body.id);
      }
    for (const limit of [1, 5, 6, 12, 13]) {
      assert.deepEqual(await walk(s, `/api/v1/decisions?project_id=${projectId}`, U.olga.token, limit), newestFirst(ids[projectId]!));
      assert.deepEqual(await walk(s, `/api/v1/decisions?project_id=${otherId}`, U.olga.token, limit), newestFirst(ids[otherId]!));
    }
  });

  it('a member of 50 channels walks a project over all of them, and every channel of theirs', async () => {
    const channels = Array.from({ length: 50 }, (_, i) => `listpages${String(i).padStart(17, '0')}`);
    for (const [i, id] of channels.entries()) {
      s.mm.addChannel({ id, name: `list-pages-${i}` });
      s.mm.addMember(id, U.dmitry.id);
    }
    const wide = (await s.request('POST', '/api/v1/projects', { token: U.dmitry.token, body: { name: 'Fifty', channel_id: channels[0] } }))
      .body.id;
    for (const ch of channels.slice(1))
      assert.equal(
        (await s.request('POST', `/api/v1/projects/${wide}/channels`, { token: U.dmitry.token, body: { channel_id: ch } })).status,
        200,
      );
    const made: string[] = [];
    for (let i = 0; i < 75; i++) {
      const r = await s.request('POST', '/api/v1/tasks', {
        token: U.dmitry.token,
        body: { channel_id: channels[(i * 7) % 50], project_id: wide, title: `W${i}` },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      made.push(r.body.id);
    }
    for (const limit of [7, 25, 75, 100])
      assert.deepEqual(await walk(s, `/api/v1/tasks?project_id=${wide}`, U.dmitry.token, limit), newestFirst(made));
    // Every channel of Dmitry's: these 50 and the campaign's, whose tasks are older.
    const all = await walk(s, '/api/v1/tasks', U.dmitry.token, 30);
    assert.deepEqual(all.slice(0, 75), newestFirst(made));
    assert.deepEqual(all.slice(75), newestFirst([...tasks.values()].flat()));
    // Olga is in none of the 50: the project is not there for her.
    assert.equal((await s.request('GET', `/api/v1/tasks?project_id=${wide}`, { token: U.olga.token })).status, 404);
  });
});
