import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, P, SLASH_TOKEN, U, slashCommand, count, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

describe(`mobile path: /task and buttons [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    await s.close();
  });

  /** What Mattermost sends for a slash command: a form post with the command token. */
  const slash = (user: { id: string; username: string }, channelId: string, text: string, token = SLASH_TOKEN) =>
    slashCommand(
      s,
      user,
      channelId,
      text,
      { team_id: 'teamretailmarketing0000000', command: '/task', trigger_id: 'x', response_url: 'http://127.0.0.1:1/hook' },
      token,
    );
  const status = async (id: string) =>
    (await s.db.selectFrom('tasks').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('creates a task from /task <text> and announces it in the channel', async () => {
    const before = await count(s.db, 'tasks');
    const r = await slash(U.dmitry, C.hq, 'Reprint the 6×3 for Kazan\nslogan B, matte');
    assert.equal(r.status, 200);
    assert.equal(r.body.response_type, 'in_channel');
    assert.match(r.body.text, /@dmitry created a task: \*\*Reprint the 6×3 for Kazan\*\*/);
    assert.equal(await count(s.db, 'tasks'), before + 1);
    const row = await s.db.selectFrom('tasks').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.title, row.description, row.channel_id, row.created_by],
      ['Reprint the 6×3 for Kazan', 'slogan B, matte', C.hq, U.dmitry.id],
    );
    assert.deepEqual(
      r.body.attachments[0].actions.map((a: any) => a.id),
      ['start', 'done'],
    );
  });

  it('answers help, list and mine ephemerally, in the user’s language', async () => {
    const help = await slash(U.olga, C.hq, '');
    assert.equal(help.body.response_type, 'ephemeral');
    assert.match(help.body.text, /\/task list/);
    const list = await slash(U.olga, C.hq, 'list');
    assert.equal(list.body.response_type, 'ephemeral');
    assert.match(list.body.text, /Reprint the 6×3 for Kazan/);
    const ru = await slash(U.pavel, C.samara, 'mine');
    assert.equal(ru.body.text, 'На вас ничего не назначено.');
  });

  it('refuses a bad token, empty or oversized titles, unknown and foreign tasks, changing nothing', async () => {
    const t = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.kazan, title: 'Kazan only' } })).body;
    const before = await count(s.db, 'tasks');
    const bad = await slash(U.olga, C.hq, 'Sneaky task', 'wrongtoken0000000000000000');
    assert.equal(bad.status, 200, 'Mattermost shows only a 200 answer’s text');
    assert.equal(bad.headers.get('x-throughline-refused'), 'bad_token');
    assert.equal(bad.body.response_type, 'ephemeral');
    assert.match(bad.body.text, /token/);
    const long = await slash(U.olga, C.hq, 'x'.repeat(201));
    assert.match(long.body.text, /too long/);
    const unknown = await slash(U.olga, C.hq, 'done ffffffff');
    assert.match(unknown.body.text, /No task #ffffffff/);
    const badRef = await slash(U.olga, C.hq, 'done zz');
    assert.match(badRef.body.text, /task code/);
    const ref = t.id.slice(-8);
    const foreign = await slash(U.pavel, C.samara, `done ${ref}`);
    assert.equal(foreign.body.response_type, 'ephemeral');
    assert.match(foreign.body.text, /не найдена/);
    assert.equal(await status(t.id), 'todo');
    const noChannel = await slash(U.pavel, C.kazan, 'Task in a channel I am not in');
    assert.match(noChannel.body.text, /Добавьте|Add @/);
    assert.equal(await count(s.db, 'tasks'), before);
    const done = await slash(U.kazan, C.kazan, `done #${ref}`);
    assert.equal(done.body.response_type, 'in_channel');
    assert.equal(await status(t.id), 'done');
  });

  it('accepts a button click once, from someone who may act, and refuses forged or replayed ones', async () => {
    const t = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { post_id: P.hqWithFiles.id } })).body;
    const card = await eventually(() => s.mm.postsIn(C.hq).find((p) => (p.props as any)?.task?.id === t.id), 5000, 'the card');
    const start = (card.props as any).attachments[0].actions.find((a: any) => a.id === 'start');
    const click = (userId: string, context: unknown) =>
      s.request('POST', '/api/v1/mattermost/actions', {
        body: { user_id: userId, channel_id: C.hq, post_id: card.id, team_id: 'teamretailmarketing0000000', context },
      });

    const forged = await click(U.dmitry.id, { ...start.integration.context, t: '00000000-0000-7000-8000-000000000000' });
    assert.equal(forged.headers.get('x-throughline-refused'), 'invalid');
    assert.equal(forged.body.ephemeral_text, 'This button is not valid.');
    assert.equal(forged.body.update, undefined);
    const unsigned = await click(U.dmitry.id, { a: 'done', t: t.id, n: 'abc', s: 'x'.repeat(43) });
    assert.equal(unsigned.headers.get('x-throughline-refused'), 'invalid');
    const stranger = await click(U.pavel.id, start.integration.context);
    assert.equal(stranger.headers.get('x-throughline-refused'), 'not_found', 'Pavel is not in HQ');
    assert.match(stranger.body.ephemeral_text, /не найдена/);
    assert.equal(await status(t.id), 'todo');

    const ok = await click(U.dmitry.id, start.integration.context);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.headers.get('x-throughline-refused'), null);
    assert.equal(await status(t.id), 'in_progress');
    assert.equal(ok.body.update.props.task.status, 'in_progress');
    assert.deepEqual(
      ok.body.update.props.attachments[0].actions.map((a: any) => a.id),
      ['done'],
    );

    const replay = await click(U.dmitry.id, start.integration.context);
    assert.equal(replay.headers.get('x-throughline-refused'), 'replayed');
    assert.match(replay.body.ephemeral_text, /already used/);
    await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.olga.token, body: { version: 2, status: 'todo' } });
    const replayAgain = await click(U.olga.id, start.integration.context);
    assert.equal(replayAgain.headers.get('x-throughline-refused'), 'replayed');
    assert.equal(await status(t.id), 'todo', 'a replayed click changed nothing');
    const history = await s.db.selectFrom('task_history').selectAll().where('task_id', '=', t.id).where('field', '=', 'status').execute();
    assert.equal(history.length, 2);
  });
});
