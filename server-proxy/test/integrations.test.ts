import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Task } from '@throughline/contract';
import { insertTask } from '../src/tasks/task.repository.js';
import { newId } from '../src/util/ids.js';
import { C, ENGINE, U, slashCommand, startStack, type Stack } from './helpers.js';

describe(`/task asks Mattermost once per question, not once per task [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    await s.close();
  });

  const slash = (user: { id: string; username: string }, channelId: string, text: string) => slashCommand(s, user, channelId, text);

  /** Stored as they are (no notifications queued), so nothing but the command talks to Mattermost. */
  const seed = async (channelId: string, title: string, opts: { assignee?: string; idEnd?: string } = {}): Promise<Task> => {
    const at = new Date().toISOString();
    const id = opts.idEnd ? newId().slice(0, -opts.idEnd.length) + opts.idEnd : newId();
    const t: Task = {
      id,
      title,
      description: '',
      status: 'todo',
      assignee_id: opts.assignee ?? null,
      due_at: null,
      channel_id: channelId,
      project_id: null,
      source_post_id: null,
      permalink: null,
      files: [],
      parent_id: null,
      rollout_id: null,
      created_by: U.olga.id,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await insertTask(s.db, t);
    return t;
  };

  it('names every assignee of `/task list` from one POST /users/ids', async () => {
    await seed(C.agency, 'Brief for the agency', { assignee: U.dmitry.id });
    await seed(C.agency, 'Print-ready PDFs', { assignee: U.agency.id });
    await seed(C.agency, 'Sign off the budget', { assignee: U.admin.id });
    s.mm.resetCounts();
    const r = await slash(U.olga, C.agency, 'list');
    assert.equal(r.status, 200);
    for (const name of ['@dmitry', '@agency', '@admin']) assert.ok(r.body.text.includes(name), `${name} in ${r.body.text}`);
    assert.equal(s.mm.requestCount('/api/v4/users/ids'), 1);
    for (const u of [U.dmitry, U.agency, U.admin])
      assert.equal(s.mm.requestCount(`/api/v4/users/${u.id}`), 0, `no lookup of ${u.username} alone`);
  });

  it('checks membership once per channel when a code matches several tasks', async () => {
    const end = 'c0ffee00beef';
    await seed(C.hq, 'One of two in HQ', { idEnd: end });
    await seed(C.hq, 'Two of two in HQ', { idEnd: end });
    await seed(C.samara, 'Samara, where the agency is not', { idEnd: end });
    s.mm.resetCounts();
    const ambiguous = await slash(U.agency, C.hq, `done ${end}`);
    assert.match(ambiguous.body.text, /Several tasks match/);
    assert.equal(s.mm.requestCount(`/api/v4/channels/${C.hq}/members/`), 1);
    assert.equal(s.mm.requestCount(`/api/v4/channels/${C.samara}/members/`), 1);

    const one = 'feed00beef02';
    const mine = await seed(C.hq, 'The only one the agency can see', { idEnd: one });
    await seed(C.samara, 'Hidden from the agency', { idEnd: one });
    const done = await slash(U.agency, C.hq, `done ${one}`);
    assert.equal(done.body.response_type, 'in_channel', JSON.stringify(done.body));
    const row = await s.db.selectFrom('tasks').select('status').where('id', '=', mine.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'done');

    const hidden = 'dead00beef03';
    await seed(C.samara, 'Samara only', { idEnd: hidden });
    assert.match((await slash(U.agency, C.hq, `done ${hidden}`)).body.text, /No task #dead00beef03 that you can see/);
  });
});
