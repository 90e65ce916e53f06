import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { C, ENGINE, P, U, count, fixtures, startStack, type Answer, type Stack } from './helpers.js';

const HTML = '<!doctype html><html><body><h1>Sign in to continue</h1></body></html>';

describe(`a malformed Mattermost answer is no answer [${ENGINE}]`, () => {
  let s: Stack;
  let samaraTask: string;
  let projectId: string;

  /** What Mattermost really answers for `path`, read as the admin: a well-formed record to misplace. */
  const real = async (path: string) => {
    const r = await fetch(`${s.mm.url}/api/v4${path}`, { headers: { authorization: `Bearer ${U.admin.token}` } });
    assert.equal(r.status, 200);
    return r.json();
  };
  const unavailable = (r: Answer, what: string) => {
    assert.equal(r.status, 503, `${what}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, 'mattermost_unavailable', what);
    assert.match(r.body.error.message, /Mattermost/);
  };

  before(async () => {
    s = await startStack();
    samaraTask = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.samara, title: 'Samara flyer' } }))
      .body.id;
    const project = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring', channel_id: C.hq } });
    projectId = project.body.id;
    for (const channel_id of [C.kazan, C.samara, C.novosibirsk]) {
      const r = await s.request('POST', `/api/v1/projects/${projectId}/channels`, { token: U.olga.token, body: { channel_id } });
      assert.equal(r.status, 200);
    }
  });
  afterEach(() => s.mm.clearFaults());
  after(async () => {
    await s.close();
  });

  it('an HTML page or a record without a user’s shape for “who is this token” is 503, not 500 or a caller', async () => {
    for (const body of [HTML, {}, { id: 'x', username: 'kazan', roles: 'system_user', delete_at: 0 }, []]) {
      s.mm.answerWrongly({ path: '/api/v4/users/me', body });
      unavailable(await s.request('GET', '/api/v1/me', { token: U.kazan.token }), `users/me answered ${JSON.stringify(body)}`);
      s.mm.clearFaults();
    }
    assert.equal((await s.request('GET', '/api/v1/me', { token: U.kazan.token })).status, 200);
  });

  it('a membership of another channel, of another user, or of no shape is never taken as “a member”', async () => {
    const kazanInKazan = await real(`/channels/${C.kazan}/members/${U.kazan.id}`);
    const olgaInSamara = await real(`/channels/${C.samara}/members/${U.olga.id}`);
    const wrong: Array<[string, unknown]> = [
      ['his membership of Kazan', kazanInKazan],
      ["Olga's membership of Samara", { ...olgaInSamara }],
      ['an empty object', {}],
      ['an HTML page', HTML],
    ];
    for (const [what, body] of wrong) {
      s.mm.answerWrongly({ path: `/api/v4/channels/${C.samara}/members/me`, body });
      unavailable(await s.request('GET', `/api/v1/tasks/${samaraTask}`, { token: U.kazan.token }), `members/me answered ${what}`);
      s.mm.clearFaults();
    }
    assert.equal((await s.request('GET', `/api/v1/tasks/${samaraTask}`, { token: U.kazan.token })).status, 404);
  });

  it('a list of memberships that is someone else’s, or not a list, fails the list with 503', async () => {
    const olgas = await real(`/users/${U.olga.id}/teams/${fixtures.team.id}/channels/members`);
    const path = `/api/v4/users/me/teams/${fixtures.team.id}/channels/members`;
    for (const [what, body] of [
      ["Olga's memberships", olgas],
      ['an HTML page', HTML],
      ['an object', { channel_id: C.samara }],
    ] as Array<[string, unknown]>) {
      s.mm.answerWrongly({ path, body });
      unavailable(await s.request('GET', '/api/v1/projects', { token: U.kazan.token }), `the channel list answered ${what}`);
      s.mm.clearFaults();
    }
    const listed = await s.request('GET', '/api/v1/projects', { token: U.kazan.token });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.items[0].channel_ids, [C.kazan]);
  });

  it('another user’s membership for “is the assignee a member” writes nothing and answers 503', async () => {
    const before = await count(s.db, 'tasks');
    s.mm.answerWrongly({
      path: `/api/v4/channels/${C.kazan}/members/${U.pavel.id}`,
      body: await real(`/channels/${C.kazan}/members/${U.dmitry.id}`),
    });
    const r = await s.request('POST', '/api/v1/tasks', {
      token: U.olga.token,
      body: { channel_id: C.kazan, title: 'Assigned to Pavel', assignee_id: U.pavel.id },
    });
    unavailable(r, 'the assignee check answered with Dmitry');
    assert.equal(await count(s.db, 'tasks'), before);
  });

  it('another message for “read this post” makes no task of it', async () => {
    const before = await count(s.db, 'tasks');
    s.mm.answerWrongly({ path: `/api/v4/posts/${P.kazan.id}`, body: await real(`/posts/${P.samara.id}`) });
    unavailable(await s.request('POST', '/api/v1/tasks', { token: U.kazan.token, body: { post_id: P.kazan.id } }), 'the post answered');
    assert.equal(await count(s.db, 'tasks'), before);
  });

  it('readiness counts an HTML ping as Mattermost unreachable', async () => {
    s.mm.answerWrongly({ path: '/api/v4/system/ping', body: HTML });
    const r = await s.request('GET', '/readyz');
    assert.equal(r.status, 503);
    assert.equal(r.body.checks.mattermost, 'unreachable');
  });

  it('the bot’s membership check for a slash command or button refuses a misplaced answer', async () => {
    s.mm.answerWrongly({
      path: `/api/v4/channels/${C.samara}/members/${U.kazan.id}`,
      body: await real(`/channels/${C.kazan}/members/${U.kazan.id}`),
    });
    const form = new URLSearchParams({
      token: 'slashtoken0000000000000000',
      team_id: fixtures.team.id,
      channel_id: C.samara,
      user_id: U.kazan.id,
      user_name: 'kazan',
      command: '/task',
      text: 'list',
    });
    const r = await s.request('POST', '/api/v1/mattermost/command', {
      rawBody: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Token slashtoken0000000000000000' },
    });
    assert.doesNotMatch(JSON.stringify(r.body), /Samara flyer/, 'nothing of Samara told');
    // A command answers in the channel's words, not with an HTTP error: it says Mattermost could not be asked.
    assert.equal(r.status, 200);
    assert.equal(r.body.response_type, 'ephemeral');
    assert.match(r.body.text, /Mattermost/);
  });
});
