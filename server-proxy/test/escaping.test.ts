import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Post } from '@mattermost/types/posts';
import { C, ENGINE, P, U, slashCommand, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

/** What a guest in Kazan might call a task to make a staff member's post ping and phish the channel. */
const HOSTILE =
  '@channel urgent: sign in [here](https://evil.example/login) <b>now</b> @all @here @pavel www.evil.example `x` **y** ~town-square';

/** What Mattermost would act on in a message: mentions, links, autolinks, tags; formatting inside the hostile title. */
function live(text: string): string[] {
  const found: string[] = [];
  if (/@(channel|all|here|pavel)\b/.test(text)) found.push('mention');
  if (/(^|[^\\])\[/.test(text)) found.push('link or image');
  if (/[a-z]+:\/\/|www\./i.test(text)) found.push('autolinked URL');
  if (/</.test(text)) found.push('tag or <autolink>');
  // The templates format on their own (bold around the title, a code span for its reference): look only inside the title.
  const from = text.indexOf('channel urgent');
  const to = text.indexOf('town-square');
  if (from >= 0 && to > from && /(^|[^\\])(`|\*|~)/.test(text.slice(from, to))) found.push('formatting');
  return found;
}

/** The text as a reader sees it once Mattermost has rendered the escapes. */
const rendered = (text: string) =>
  text
    .replace(/\u200b/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');

function assertInert(text: string | undefined, where: string, original = HOSTILE) {
  assert.ok(text, `${where}: no text`);
  assert.deepEqual(live(text), [], `${where} carries live markup: ${text}`);
  assert.ok(rendered(text).includes(original), `${where} no longer reads as the title: ${text}`);
}

/** The message of a bot post and every attachment title in it. */
const texts = (p: { message: string; props?: unknown }) => [
  p.message,
  ...(((p.props as { attachments?: Array<{ title?: string }> })?.attachments ?? []).flatMap((a) => (a.title ? [a.title] : [])) as string[]),
];

describe(`text a person wrote is escaped in every post and command answer [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    await s.close();
  });

  const slash = (user: { id: string; username: string }, channelId: string, text: string) => slashCommand(s, user, channelId, text);
  const botPost = (match: (p: Post) => boolean, what: string) =>
    eventually(() => [...s.mm.state.posts.values()].find((p) => p.user_id === U.throughline.id && match(p)), 5000, what);
  /** The post an outbox message of this kind about this task became. */
  const delivered = (kind: string, taskId: string) =>
    eventually(
      async () => {
        const rows = await s.db.selectFrom('outbox').selectAll().where('kind', '=', kind).where('result_post_id', 'is not', null).execute();
        const row = rows.find((r) => JSON.parse(r.payload).task?.id === taskId);
        return row ? s.mm.state.posts.get(row.result_post_id!) : undefined;
      },
      5000,
      `the ${kind} post`,
    );
  const aboutTask = (id: string) => (p: Post) => (p.props as { task?: { id: string } })?.task?.id === id;

  it('in the answers of /task: create, list, done', async () => {
    const created = await slash(U.kazan, C.kazan, HOSTILE);
    assert.equal(created.body.response_type, 'in_channel', JSON.stringify(created.body));
    assertInert(created.body.text, '/task <title> answer');
    assertInert(created.body.attachments[0].title, '/task <title> card title');
    assertInert(created.body.attachments[0].fallback, '/task <title> card fallback');

    const list = await slash(U.olga, C.kazan, 'list');
    assertInert(list.body.text, '/task list');

    const task = await s.db.selectFrom('tasks').select('id').where('title', '=', HOSTILE).executeTakeFirstOrThrow();
    const done = await slash(U.olga, C.kazan, `done ${task.id.slice(-8)}`);
    assert.equal(done.body.response_type, 'in_channel', 'posted as the staff member, with the right to notify the channel');
    assertInert(done.body.text, '/task done answer');
  });

  it('in the card update after a button click', async () => {
    const t = (await s.request('POST', '/api/v1/tasks', { token: U.kazan.token, body: { post_id: P.kazan.id, title: HOSTILE } })).body;
    assert.ok(t.id, JSON.stringify(t));
    const card = await botPost(aboutTask(t.id), 'the task card');
    for (const [i, text] of texts(card).entries()) assertInert(text, `task card text ${i}`);
    const start = (card.props as any).attachments[0].actions.find((a: any) => a.id === 'start');
    const click = await s.request('POST', '/api/v1/mattermost/actions', {
      body: { user_id: U.olga.id, channel_id: C.kazan, post_id: card.id, context: start.integration.context },
    });
    assert.equal(click.status, 200, JSON.stringify(click.body));
    assertInert(click.body.update.message, 'card update message');
    assertInert(click.body.update.props.attachments[0].title, 'card update title');
  });

  it('in the DMs and channel posts of the outbox', async () => {
    const t = (
      await s.request('POST', '/api/v1/tasks', {
        token: U.olga.token,
        body: { channel_id: C.kazan, title: HOSTILE, assignee_id: U.kazan.id, due_at: new Date(Date.now() + 3600_000).toISOString() },
      })
    ).body;
    const dm = await delivered('assignment_dm', t.id);
    for (const [i, text] of texts(dm).entries()) assertInert(text, `assignment DM text ${i}`);
    await s.app.live.reminders.tick();
    const reminder = await delivered('reminder_dm', t.id);
    for (const [i, text] of texts(reminder).entries()) assertInert(text, `reminder DM text ${i}`);
    await s.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.kazan.token, body: { version: 1, status: 'done' } });
    const done = await botPost(
      (p) => p.channel_id === C.kazan && p.message.includes('completed') && p.message.includes('evil'),
      'the done post',
    );
    assertInert(done.message, 'done post');
  });

  it('in the approval card, the receipt update and its answer', async () => {
    const name = '@here [Final](https://evil.example/x) <i>';
    const fileName = '@all [v2](https:evil.example) www.evil.example.png';
    const comment = 'ok @channel\n- [click](https://evil.example)\n1. <script>';
    const project = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Escapes', channel_id: C.hq } }))
      .body;
    await s.request('POST', `/api/v1/projects/${project.id}/channels`, { token: U.olga.token, body: { channel_id: C.kazan } });
    const asset = (
      await s.request('POST', '/api/v1/assets', { token: U.olga.token, body: { project_id: project.id, name, channel_ids: [C.kazan] } })
    ).body;
    assert.ok(asset.id, JSON.stringify(asset));
    const form = new FormData();
    form.append('file', new Blob(['escaped bytes'], { type: 'image/png' }), fileName);
    const version = (await (
      await fetch(`${s.url}/api/v1/assets/${asset.id}/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${U.kazan.token}` },
        body: form,
      })
    ).json()) as { id: string; file_name: string };
    assert.equal(version.file_name, fileName);
    const approved = await s.request('POST', `/api/v1/assets/${asset.id}/versions/${version.id}/approve`, {
      token: U.olga.token,
      body: { comment },
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const card = await botPost((p) => (p.props as any)?.approval?.version_id === version.id, 'the approval card');
    assertInert(card.message, 'approval card (name)', name);
    assertInert(card.message, 'approval card (file)', fileName);
    assert.deepEqual(live(card.message), []);
    for (const line of comment.split('\n')) assert.ok(rendered(card.message).includes(line), `comment line ${line} in ${card.message}`);
    assert.ok(!/^> (-|1\.) /m.test(card.message), 'no list inside the quoted comment');

    const ack = (card.props as any).attachments[0].actions[0];
    const click = await s.request('POST', '/api/v1/mattermost/actions', {
      body: { user_id: U.kazan.id, channel_id: C.kazan, post_id: card.id, context: ack.integration.context },
    });
    assert.equal(click.status, 200, JSON.stringify(click.body));
    assertInert(click.body.ephemeral_text, 'receipt answer', name);
    assertInert(click.body.update.message, 'receipt card update (name)', name);
    assertInert(click.body.update.message, 'receipt card update (file)', fileName);
  });

  it('in the superseded card, the recall DM, and the bookmark (plain text there, never a mention)', async () => {
    const name = '@channel [Old](https://evil.example/x) <b>';
    const project = (
      await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Recall escapes', channel_id: C.kazan } })
    ).body;
    const asset = (
      await s.request('POST', '/api/v1/assets', { token: U.olga.token, body: { project_id: project.id, name, channel_ids: [C.kazan] } })
    ).body;
    const versions: string[] = [];
    for (const text of ['recall one', 'recall two']) {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'image/png' }), '@here www.evil.example.png');
      const r = await fetch(`${s.url}/api/v1/assets/${asset.id}/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${U.olga.token}` },
        body: form,
      });
      versions.push(((await r.json()) as { id: string }).id);
    }
    await s.request('POST', `/api/v1/assets/${asset.id}/versions/${versions[0]}/approve`, { token: U.olga.token, body: {} });
    const got = await fetch(`${s.url}/api/v1/assets/${asset.id}/versions/${versions[0]}/file?channel_id=${C.kazan}`, {
      headers: { authorization: `Bearer ${U.dmitry.token}` },
    });
    await got.arrayBuffer();
    await s.request('POST', `/api/v1/assets/${asset.id}/versions/${versions[1]}/approve`, { token: U.olga.token, body: {} });
    const old = await botPost(
      (p) => (p.props as any)?.approval?.version_id === versions[0] && (p.props as any).approval.superseded_by_number === 2,
      'the superseded card',
    );
    assertInert(old.message, 'superseded card (name)', name);
    assert.deepEqual(live(old.message), []);
    const dm = await botPost(
      (p) => s.mm.state.channels.get(p.channel_id)?.type === 'D' && p.message.includes('version 1'),
      'the recall DM',
    );
    const [text, link] = dm.message.split('\n');
    assertInert(text, 'recall DM (name)', name);
    assert.match(link!, new RegExp(`^Version 2: ${s.mm.url}/_redirect/pl/[a-z0-9]{26}$`), 'the one live link is to the card');
    const pin = await eventually(
      () => s.mm.bookmarksIn(C.kazan).find((b) => b.delete_at === 0 && b.display_name.endsWith('· v2')),
      5000,
      'the pin',
    );
    assert.equal(pin.display_name, `${name} · v2`, 'a bookmark name is plain text, not Markdown: kept as it is');
  });
});
