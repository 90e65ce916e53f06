import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Post } from '@mattermost/types/posts';
import { C, ENGINE, P, U, startStack, type Stack } from './helpers.js';
import { eventually, sleep } from './sse.js';

const botPosts = (s: Stack, channelId: string): Post[] => s.mm.postsIn(channelId).filter((p) => p.user_id === U.throughline.id);
const aboutTask = (posts: Post[], taskId: string) =>
  posts.filter((p) => (p.props as { task?: { id: string } })?.task?.id === taskId || p.message.includes(taskId));

describe(`notifications through the outbox [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ MM_CACHE_MS: '60000' });
  });
  after(async () => {
    await s.close();
  });

  it('replies with a task card in the thread of the message a task was made from', async () => {
    const t = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { post_id: P.multiLine.id } })).body;
    const card = await eventually(() => aboutTask(botPosts(s, t.channel_id), t.id)[0], 5000, 'the task card');
    assert.equal(card.root_id, P.multiLine.id);
    assert.equal(card.type, 'custom_throughline_task');
    assert.match(card.message, /Task created/);
    const attachment = (card.props as any).attachments[0];
    assert.deepEqual(
      attachment.actions.map((a: any) => a.id),
      ['start', 'done'],
    );
    // The card is on Mattermost before the worker records the delivery: wait for the record.
    const row = await eventually(
      () => s.db.selectFrom('outbox').selectAll().where('kind', '=', 'task_card').where('delivered_at', 'is not', null).executeTakeFirst(),
      5000,
      'the delivery recorded',
    );
    assert.equal(row.result_post_id, card.id);
  });

  it('sends the assignee a DM in their language, and a status line when the task is done', async () => {
    const t = (
      await s.request('POST', '/api/v1/tasks', {
        token: U.olga.token,
        body: { channel_id: C.samara, title: 'Печать листовок', assignee_id: U.pavel.id },
      })
    ).body;
    const dm = await eventually(
      async () => {
        const rows = await s.db
          .selectFrom('outbox')
          .select(['result_post_id'])
          .where('kind', '=', 'assignment_dm')
          .where('delivered_at', 'is not', null)
          .execute();
        for (const r of rows) {
          const post = s.mm.state.posts.get(r.result_post_id!);
          if (post && aboutTask([post], t.id).length) return post;
        }
        return undefined;
      },
      5000,
      'the assignment DM',
    );
    assert.equal(s.mm.state.channels.get(dm.channel_id)?.type, 'D');
    assert.match(dm.message, /назначил\(а\) вам задачу/, 'Pavel reads Russian');
    await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.pavel.token, body: { version: 1, status: 'done' } });
    const done = await eventually(
      () => botPosts(s, C.samara).find((p) => p.message.includes('completed') && p.message.includes('Печать')),
      5000,
      'the done line',
    );
    assert.match(done.message, /@pavel/);
  });

  it('reminds the assignee once before the due date, and again after the date moves', async () => {
    const due = new Date(Date.now() + 3600_000).toISOString();
    const t = (
      await s.request('POST', '/api/v1/tasks', {
        token: U.olga.token,
        body: { channel_id: C.hq, title: 'Send proofs to print', assignee_id: U.dmitry.id, due_at: due },
      })
    ).body;
    const reminders = () =>
      s.db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', '=', 'reminder_dm')
        .execute()
        .then((rows) => rows.filter((r) => JSON.parse(r.payload).task.id === t.id));
    await s.app.live.reminders.tick();
    await s.app.live.reminders.tick();
    assert.equal((await reminders()).length, 1, 'one reminder, however often the scheduler runs');
    const dm = await eventually(
      async () => {
        const row = (await reminders())[0];
        return row?.result_post_id ? s.mm.state.posts.get(row.result_post_id) : undefined;
      },
      5000,
      'the reminder DM',
    );
    assert.match(dm.message, /Reminder: \*\*Send proofs to print\*\* is due/);
    assert.equal(s.mm.state.channels.get(dm.channel_id)?.type, 'D');
    const far = await s.request('PATCH', `/api/v1/tasks/${t.id}`, {
      token: U.olga.token,
      body: { version: 1, due_at: new Date(Date.now() + 30 * 86400_000).toISOString() },
    });
    assert.equal(far.status, 200);
    await s.app.live.reminders.tick();
    assert.equal((await reminders()).length, 1, 'not yet: the new date is a month away');
    await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.olga.token, body: { version: 2, due_at: due } });
    await s.app.live.reminders.tick();
    assert.equal((await reminders()).length, 2, 'a moved date earns a new reminder');
  });

  it('keeps every notification while Mattermost is down and posts each once when it returns', async () => {
    const titles = ['Outage one', 'Outage two', 'Outage three'];
    const tasks = [];
    for (const title of titles)
      tasks.push((await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title } })).body);
    await s.mm.stop();
    try {
      for (const t of tasks) {
        const r = await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.olga.token, body: { version: 1, status: 'done' } });
        assert.equal(r.status, 200, 'answers from Mattermost are cached, so the change itself goes through');
      }
      await sleep(700);
      const waiting = await s.db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', '=', 'task_done')
        .where('delivered_at', 'is', null)
        .execute();
      assert.equal(waiting.length, 3);
      assert.ok(
        waiting.every((r) => Number(r.attempts) >= 1 && r.last_error),
        'delivery was tried and failed',
      );
    } finally {
      await s.mm.start();
    }
    await eventually(
      async () => (await s.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute()).length === 0,
      10_000,
      'the queue to drain',
    );
    await sleep(500);
    for (const title of titles) {
      assert.equal(botPosts(s, C.hq).filter((p) => p.message.includes(title)).length, 1, `${title} posted exactly once`);
    }
  });
});
