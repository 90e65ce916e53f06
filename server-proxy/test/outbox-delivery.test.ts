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
