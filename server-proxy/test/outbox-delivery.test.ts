import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

/** The outbox rows of one kind about one task. */
const rowsAbout = async (s: Stack, kind: string, taskId: string) =>
  (await s.db.selectFrom('outbox').selectAll().where('kind', '=', kind).orderBy('created_at').orderBy('id').execute()).filter(
    (r) => JSON.parse(r.payload).task?.id === taskId,
  );

/** Posts by the bot, anywhere, that carry this task. */
const botPostsAbout = (s: Stack, taskId: string) =>
  [...s.mm.state.posts.values()].filter((p) => p.user_id === U.throughline.id && (p.props as any)?.task?.id === taskId);

describe(`a DM about a channel's object goes only to a member of the channel, checked at delivery [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    await s.close();
  });

  it('drops the due-date reminder of an assignee removed from the channel after it was queued', async () => {
    const t = (
      await s.request('POST', '/api/v1/tasks', {
        token: U.olga.token,
        body: {
          channel_id: C.kazan,
          title: 'Hang the Kazan banner',
          assignee_id: U.kazan.id,
          due_at: new Date(Date.now() + 3600_000).toISOString(),
        },
      })
    ).body;
    // A member still gets the assignment DM.
    await eventually(async () => (await rowsAbout(s, 'assignment_dm', t.id))[0]?.result_post_id, 5000, 'the assignment DM');
    await s.mm.stop();
    try {
      await s.app.live.reminders.tick();
      await eventually(async () => Number((await rowsAbout(s, 'reminder_dm', t.id))[0]?.attempts) >= 1, 5000, 'a failed delivery try');
      s.mm.removeMember(C.kazan, U.kazan.id);
    } finally {
      await s.mm.start();
    }
    const row = await eventually(
      async () => {
        const r = (await rowsAbout(s, 'reminder_dm', t.id))[0];
        return r?.delivered_at ? r : undefined;
      },
      5000,
      'the reminder settled',
    );
    assert.equal(row.result_post_id, null, 'no DM was posted');
    assert.equal(row.skipped, 'recipient_not_in_channel');
    assert.equal(botPostsAbout(s, t.id).length, 1, 'only the assignment DM, sent while she was a member');
  });

  it('drops an assignment DM when the assignee leaves between the change and its delivery', async () => {
    const t = (
      await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.samara, title: 'Samara price list' } })
    ).body;
    // Every Mattermost answer takes a while: the worker's questions are answered after the removal below.
    s.mm.setDelay(400);
    try {
      const r = await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.olga.token, body: { version: 1, assignee_id: U.pavel.id } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      s.mm.removeMember(C.samara, U.pavel.id);
    } finally {
      s.mm.setDelay(0);
    }
    const row = await eventually(
      async () => {
        const x = (await rowsAbout(s, 'assignment_dm', t.id))[0];
        return x?.delivered_at ? x : undefined;
      },
      5000,
      'the assignment DM settled',
    );
    assert.equal(row.result_post_id, null);
    assert.equal(row.skipped, 'recipient_not_in_channel');
    assert.deepEqual(botPostsAbout(s, t.id), []);
  });
});

describe(`notifications about one object are coalesced and rate-limited, the final state always told [${ENGINE}]`, () => {
  const INTERVAL_MS = 1000;
  let s: Stack;
  before(async () => {
    s = await startStack({ NOTIFY_MIN_INTERVAL_MS: String(INTERVAL_MS) });
  });
  after(async () => {
    await s.close();
  });

  /** At most one post per interval after the first, and one for the state the toggling ended in. */
  const bound = (elapsedMs: number) => Math.floor(elapsedMs / INTERVAL_MS) + 2;
  const settled = async (taskId: string, kinds: string[]) =>
    (await s.db.selectFrom('outbox').selectAll().where('kind', 'in', kinds).execute()).filter(
      (r) => JSON.parse(r.payload).task.id === taskId && !r.delivered_at,
    ).length === 0;

  it('20 done/to-do toggles make a bounded number of channel posts, the last telling the final state', async () => {
    const title = 'Toggle storm banner';
    const t = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title } })).body;
    const began = Date.now();
    for (let i = 0; i < 20; i++) {
      const r = await s.request('PATCH', `/api/v1/tasks/${t.id}`, {
        token: U.olga.token,
        body: { version: i + 1, status: i % 2 ? 'todo' : 'done' },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const elapsed = Date.now() - began;
    await eventually(() => settled(t.id, ['task_done', 'task_reopened']), 10_000, 'every status notice settled');
    const posts = s.mm
      .postsIn(C.hq)
      .filter((p) => p.user_id === U.throughline.id && p.message.includes(title))
      .sort((a, b) => a.create_at - b.create_at);
    assert.ok(posts.length >= 1 && posts.length <= bound(elapsed), `${posts.length} posts for 20 toggles in ${elapsed} ms`);
    assert.match(posts.at(-1)!.message, /back from Done to To do/, 'the last post tells the task is open again');
    assert.match(posts[0]!.message, /completed/);
  });

  it('20 reassignments make a bounded number of DMs, the last to the final assignee', async () => {
    const t = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Passed around' } })).body;
    const people = [U.dmitry, U.agency];
    const began = Date.now();
    for (let i = 0; i < 20; i++) {
      const r = await s.request('PATCH', `/api/v1/tasks/${t.id}`, {
        token: U.olga.token,
        body: { version: i + 1, assignee_id: people[i % 2]!.id },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const elapsed = Date.now() - began;
    await eventually(() => settled(t.id, ['assignment_dm']), 10_000, 'every assignment DM settled');
    const sent = (
      await s.db.selectFrom('outbox').selectAll().where('kind', '=', 'assignment_dm').where('result_post_id', 'is not', null).execute()
    )
      .filter((r) => JSON.parse(r.payload).task.id === t.id)
      .map((r) => s.mm.state.posts.get(r.result_post_id!)!)
      .sort((a, b) => a.create_at - b.create_at);
    assert.ok(sent.length >= 1 && sent.length <= bound(elapsed), `${sent.length} DMs for 20 reassignments in ${elapsed} ms`);
    const finalDm = s.mm.state.channels.get(sent.at(-1)!.channel_id)!;
    assert.ok(finalDm.name.includes(U.agency.id), `the last DM went to the final assignee (${finalDm.name})`);
  });
});
