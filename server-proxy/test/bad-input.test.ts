import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, P, U, count, startStack, type Stack } from './helpers.js';

const TABLES = [
  'tasks',
  'projects',
  'project_channels',
  'task_history',
  'idempotency_keys',
  'assets',
  'asset_versions',
  'receipts',
  'decisions',
  'decision_channels',
  'decision_quotes',
  'decision_links',
  'decision_cards',
  'decision_history',
  'asset_cards',
  'asset_bookmarks',
  'asset_downloads',
  'recall_notices',
  'outbox',
  'events',
  'digests',
  'digest_subscriptions',
] as const;

describe(`bad input [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  let taskId: string;

  before(async () => {
    s = await startStack();
    projectId = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring', channel_id: C.hq } })).body.id;
    taskId = (await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Base' } })).body.id;
  });
  after(async () => {
    await s.close();
  });

  const snapshot = async () => Promise.all(TABLES.map((t) => count(s.db, t)));
  const taskRow = () => s.db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();

  /** Sends a bad request and checks: the expected 4xx, the one error shape, and nothing written. */
  async function refused(
    method: string,
    path: string,
    opts: { body?: unknown; rawBody?: string; headers?: Record<string, string>; token?: string | null },
    status: number,
    code: string,
  ) {
    const before = await snapshot();
    const row = await taskRow();
    const r = await s.request(method, path, { token: U.olga.token, ...opts });
    assert.equal(
      r.status,
      status,
      `${method} ${path} ${JSON.stringify(opts.body ?? opts.rawBody)?.slice(0, 80)} → ${JSON.stringify(r.body)}`,
    );
    assert.equal(r.body?.error?.code, code);
    assert.ok(typeof r.body.error.message === 'string' && r.body.error.message.length > 0);
    assert.ok(!/at .*\.ts:\d+|node_modules|stack/i.test(JSON.stringify(r.body)), 'no stack trace');
    assert.deepEqual(await snapshot(), before, 'nothing written');
    assert.deepEqual(await taskRow(), row, 'task unchanged');
  }

  const hostileIds = [
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    'a'.repeat(27),
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '',
    '%00',
  ];

  it('POST /tasks: missing, wrong-typed and out-of-range fields', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'validation_failed'],
      [{ title: 'no channel' }, 'validation_failed'],
      [{ channel_id: C.hq }, 'validation_failed'],
      [{ channel_id: C.hq, title: '   ' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 42 }, 'validation_failed'],
      [{ channel_id: C.hq, title: ['a'] }, 'validation_failed'],
      [{ channel_id: 123, title: 'x' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'x'.repeat(201) }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'x', description: 'y'.repeat(10_001) }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'bell\u0007' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'two\nlines' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'ok', description: 'nul\u0000byte' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'x', due_at: 'tomorrow' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'x', due_at: '2026-02-31T25:00:00Z' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'x', due_at: '99999-01-01' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'x', status: 'done' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'x', assignee_id: 'nobody' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'x', project_id: 'not-a-uuid' }, 'validation_failed'],
      [{ channel_id: C.hq, title: 'x', extra: true }, 'validation_failed'],
      [{ post_id: 'short', title: 'x' }, 'validation_failed'],
      [[1, 2, 3], 'validation_failed'],
      ['"just a string"', 'validation_failed'],
      [null, 'validation_failed'],
    ];
    for (const [body, code] of cases) await refused('POST', '/api/v1/tasks', { body }, 400, code);
    for (const id of hostileIds) await refused('POST', '/api/v1/tasks', { body: { channel_id: id, title: 'x' } }, 400, 'validation_failed');
  });

  it('POST /tasks: malformed JSON, oversized body, wrong media type, bad Idempotency-Key', async () => {
    await refused('POST', '/api/v1/tasks', { rawBody: '{"channel_id": "' }, 400, 'invalid_json');
    await refused('POST', '/api/v1/tasks', { rawBody: '' }, 400, 'invalid_json');
    await refused(
      'POST',
      '/api/v1/tasks',
      { rawBody: JSON.stringify({ channel_id: C.hq, title: 'x', description: 'y'.repeat(70_000) }) },
      413,
      'payload_too_large',
    );
    await refused(
      'POST',
      '/api/v1/tasks',
      { rawBody: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    );
    await refused(
      'POST',
      '/api/v1/tasks',
      { body: { channel_id: C.hq, title: 'x' }, headers: { 'Idempotency-Key': 'k'.repeat(201) } },
      400,
      'validation_failed',
    );
    await refused(
      'POST',
      '/api/v1/tasks',
      { body: { channel_id: C.hq, title: 'x' }, headers: { 'Idempotency-Key': 'with space' } },
      400,
      'validation_failed',
    );
  });

  it('POST /tasks: unknown channel and unknown message are not found', async () => {
    await refused('POST', '/api/v1/tasks', { body: { channel_id: 'z'.repeat(26), title: 'x' } }, 404, 'not_found');
    await refused('POST', '/api/v1/tasks', { body: { post_id: 'z'.repeat(26) } }, 404, 'not_found');
  });

  it('stores text that looks like SQL or HTML verbatim, as plain text', async () => {
    const hostile = ["Robert'); DROP TABLE tasks;--", '<img src=x onerror=alert(1)>', '${7*7} {{7*7}} %s %n', 'Ünïcødé 🚀 Казань'];
    for (const title of hostile) {
      const r = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title, description: title } });
      assert.equal(r.status, 201);
      assert.equal(r.body.title, title);
      const back = await s.request('GET', `/api/v1/tasks/${r.body.id}`, { token: U.olga.token });
      assert.equal(back.body.title, title);
      assert.match(back.headers.get('content-type') ?? '', /^application\/json/);
    }
    assert.ok((await count(s.db, 'tasks')) > 0, 'the tasks table is still there');
  });

  it('PATCH /tasks/:id: bad versions, statuses, fields and ids', async () => {
    const t = `/api/v1/tasks/${taskId}`;
    const cases: unknown[] = [
      {},
      { status: 'done' },
      { version: '1', status: 'done' },
      { version: 0, status: 'done' },
      { version: 1.5, status: 'done' },
      { version: 1, status: 'finished' },
      { version: 1, status: null },
      { version: 1, title: '' },
      { version: 1, title: 'x'.repeat(201) },
      { version: 1, title: 'tab\there' },
      { version: 1, channel_id: C.kazan },
      { version: 1, created_by: U.kazan.id },
      { version: 1, assignee_id: 'x' },
      { version: 1, due_at: 'soon' },
    ];
    for (const body of cases) await refused('PATCH', t, { body }, 400, 'validation_failed');
    await refused('PATCH', t, { rawBody: '{version:1}' }, 400, 'invalid_json');
    await refused('PATCH', t, { body: { version: 1, assignee_id: U.pavel.id } }, 422, 'assignee_not_member');
    for (const id of ['123', "1' or '1'='1", '00000000-0000-0000-0000-00000000000g']) {
      await refused('PATCH', `/api/v1/tasks/${encodeURIComponent(id)}`, { body: { version: 1, status: 'done' } }, 400, 'validation_failed');
    }
    await refused(
      'PATCH',
      '/api/v1/tasks/00000000-0000-7000-8000-000000000000',
      { body: { version: 1, status: 'done' } },
      404,
      'not_found',
    );
  });

  it('GET /tasks: bad filters', async () => {
    const queries = [
      'status=finished',
      'limit=0',
      'limit=501',
      'limit=abc',
      'cursor=nope',
      'channel_id=short',
      'project_id=1',
      'mine=maybe',
      'overdue=2',
      `q=${'q'.repeat(201)}`,
      'unknown=1',
    ];
    for (const q of queries) await refused('GET', `/api/v1/tasks?${q}`, {}, 400, 'validation_failed');
  });

  it('GET /search: bad filters and oversized queries are 400; query syntax, SQL and markup find nothing', async () => {
    const queries = [
      `q=${'q'.repeat(10_000)}`,
      `q=${'q'.repeat(201)}`,
      'q=x&kind=project',
      'q=x&kind=',
      'q=x&status=finished',
      'q=x&limit=0',
      'q=x&limit=51',
      'q=x&cursor=-1',
      'q=x&cursor=12345',
      'q=x&unknown=1',
      'kind=task',
      ...hostileIds.map((id) => `q=x&project_id=${encodeURIComponent(id)}`),
    ];
    for (const q of queries) await refused('GET', `/api/v1/search?${q}`, {}, 400, 'validation_failed');
    for (const q of ['" * ( ) : ^ -', "' OR 1=1 --", '<script>alert(1)</script>', '*', 'NEAR(a b)', 'a:* & !b', '\u0000']) {
      const r = await s.request('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { token: U.olga.token });
      assert.equal(r.status, 200, `${q} → ${JSON.stringify(r.body)}`);
      assert.deepEqual(r.body, { items: [], next_cursor: null }, q);
    }
  });

  it('GET/DELETE by id and history: invalid and unknown ids', async () => {
    for (const path of ['/api/v1/tasks/abc', '/api/v1/tasks/abc/history', '/api/v1/projects/abc']) {
      await refused('GET', path, {}, 400, 'validation_failed');
    }
    await refused('DELETE', '/api/v1/tasks/abc', {}, 400, 'validation_failed');
    await refused('GET', '/api/v1/tasks/00000000-0000-7000-8000-000000000000', {}, 404, 'not_found');
    await refused('GET', '/api/v1/tasks/00000000-0000-7000-8000-000000000000/history', {}, 404, 'not_found');
    await refused('DELETE', '/api/v1/tasks/00000000-0000-7000-8000-000000000000', {}, 404, 'not_found');
  });

  it('projects: bad names, ids, bodies; the home channel stays', async () => {
    const cases: unknown[] = [
      {},
      { name: 'x' },
      { channel_id: C.hq },
      { name: '', channel_id: C.hq },
      { name: ' ', channel_id: C.hq },
      { name: 'n'.repeat(101), channel_id: C.hq },
      { name: 'a\u001bb', channel_id: C.hq },
      { name: 5, channel_id: C.hq },
      { name: 'x', channel_id: 'bad' },
    ];
    for (const body of cases) await refused('POST', '/api/v1/projects', { body }, 400, 'validation_failed');
    await refused('POST', '/api/v1/projects', { rawBody: 'nope' }, 400, 'invalid_json');
    await refused('POST', `/api/v1/projects/${projectId}/channels`, { body: {} }, 400, 'validation_failed');
    await refused(
      'POST',
      `/api/v1/projects/${projectId}/channels`,
      { body: { channel_id: "'; drop table projects; --" } },
      400,
      'validation_failed',
    );
    await refused(
      'POST',
      '/api/v1/projects/00000000-0000-7000-8000-000000000000/channels',
      { body: { channel_id: C.kazan } },
      404,
      'not_found',
    );
    await refused('DELETE', `/api/v1/projects/${projectId}/channels/${C.hq}`, {}, 422, 'home_channel');
    await refused('DELETE', `/api/v1/projects/${projectId}/channels/${C.samara}`, {}, 404, 'not_found');
    await refused('DELETE', `/api/v1/projects/${projectId}/channels/bad`, {}, 400, 'validation_failed');
    await refused('GET', '/api/v1/projects?channel_id=bad', {}, 400, 'validation_failed');
  });

  it('refuses text-direction overrides wherever text is shown to others, and strips them from a message made a task', async () => {
    const rlo = '\u202e';
    const isolate = '\u2066';
    await refused('POST', '/api/v1/tasks', { body: { channel_id: C.hq, title: `invoice${rlo}fdp.exe` } }, 400, 'validation_failed');
    await refused(
      'POST',
      '/api/v1/tasks',
      { body: { channel_id: C.hq, title: 'ok', description: `a ${isolate}b` } },
      400,
      'validation_failed',
    );
    const { version } = (await s.request('GET', `/api/v1/tasks/${taskId}`, { token: U.olga.token })).body;
    await refused('PATCH', `/api/v1/tasks/${taskId}`, { body: { version, title: `x${rlo}y` } }, 400, 'validation_failed');
    await refused('POST', '/api/v1/projects', { body: { name: `Spring${rlo}`, channel_id: C.hq } }, 400, 'validation_failed');
    await refused(
      'POST',
      '/api/v1/assets',
      { body: { project_id: projectId, name: `Poster\u202d`, channel_ids: [C.hq] } },
      400,
      'validation_failed',
    );
    const post = s.mm.createPost({ user_id: U.olga.id, channel_id: C.hq, message: `Print ${rlo}sretsop\nfor ${isolate}Kazan` });
    const made = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { post_id: post.id } });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.title, 'Print sretsop');
    assert.equal(made.body.description, 'for Kazan');
  });

  it('assets: bad bodies, ids, channels and files', async () => {
    const assetId = (
      await s.request('POST', '/api/v1/assets', {
        token: U.olga.token,
        body: { project_id: projectId, name: 'Poster', channel_ids: [C.hq] },
      })
    ).body.id;
    const badBodies: unknown[] = [
      {},
      { project_id: projectId, name: 'x' },
      { project_id: projectId, name: 'x', channel_ids: [] },
      { project_id: projectId, name: 'x', channel_ids: ['bad'] },
      { project_id: 'nope', name: 'x', channel_ids: [C.hq] },
      { project_id: projectId, name: '', channel_ids: [C.hq] },
      { project_id: projectId, name: 'n'.repeat(201), channel_ids: [C.hq] },
      { project_id: projectId, name: 'x', channel_ids: [C.hq], extra: 1 },
      { project_id: projectId, name: ['x'], channel_ids: [C.hq] },
    ];
    for (const body of badBodies) await refused('POST', '/api/v1/assets', { body }, 400, 'validation_failed');
    await refused(
      'POST',
      '/api/v1/assets',
      { body: { project_id: '00000000-0000-7000-8000-000000000000', name: 'x', channel_ids: [C.hq] } },
      404,
      'not_found',
    );
    await refused(
      'POST',
      '/api/v1/assets',
      { body: { project_id: projectId, name: 'x', channel_ids: [C.kazan] } },
      422,
      'channel_not_in_project',
    );
    await refused('GET', '/api/v1/assets', {}, 400, 'validation_failed');
    await refused('GET', '/api/v1/assets/abc', {}, 400, 'validation_failed');
    const v0 = '00000000-0000-7000-8000-000000000000';
    await refused('POST', `/api/v1/assets/${assetId}/versions/${v0}/approve`, { body: {} }, 404, 'not_found');
    await refused('POST', `/api/v1/assets/${assetId}/versions/${v0}/approve`, { body: { comment: 5 } }, 400, 'validation_failed');
    await refused('POST', `/api/v1/assets/${assetId}/versions/bad/reject`, { body: {} }, 400, 'validation_failed');
    await refused('POST', `/api/v1/assets/${assetId}/receipts/bad`, { body: {} }, 400, 'validation_failed');
    await refused('POST', `/api/v1/assets/${assetId}/receipts/${C.kazan}`, { body: {} }, 404, 'not_found');
    await refused('POST', `/api/v1/assets/${assetId}/receipts/${C.hq}`, { body: {} }, 409, 'no_approved_version');
    await refused('POST', `/api/v1/assets/${assetId}/versions/from-mattermost`, { body: { file_id: 'bad' } }, 400, 'validation_failed');
    await refused('POST', `/api/v1/assets/${assetId}/versions/from-mattermost`, { body: { file_id: 'z'.repeat(26) } }, 404, 'not_found');
    await refused('GET', `/api/v1/assets/${assetId}/versions/${v0}/file`, {}, 404, 'not_found');
    for (const q of [
      'channel_id=bad',
      `channel_id=${C.hq}&channel_id=${C.kazan}`,
      'channel_id=' + 'a'.repeat(5000),
      'other=1',
      'channel_id=%00',
    ])
      await refused('GET', `/api/v1/assets/${assetId}/versions/${v0}/file?${q}`, {}, 400, 'validation_failed');
    for (const q of ['limit=0', 'limit=x', 'superseded=2', 'cursor=bad', 'since=1', 'limit=1&limit=2'])
      await refused('GET', `/api/v1/assets/${assetId}/downloads?${q}`, {}, 400, 'validation_failed');
    await refused('GET', `/api/v1/assets/00000000-0000-7000-8000-000000000000/downloads`, {}, 404, 'not_found');
    await refused('GET', '/api/v1/channels/bad/shelf', {}, 400, 'validation_failed');
    await refused('GET', `/api/v1/channels/${'a'.repeat(27)}/shelf`, {}, 400, 'validation_failed');
    await refused('GET', `/api/v1/channels/${'z'.repeat(26)}/shelf`, {}, 404, 'not_found');
    await refused(
      'POST',
      `/api/v1/assets/${assetId}/versions`,
      { rawBody: '--x\r\n', headers: { 'content-type': 'multipart/form-data; boundary=x' } },
      400,
      'validation_failed',
    );
    const filePart = (name: string) =>
      `--x\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\nbytes of ${name}\r\n`;
    for (const [contentType, rawBody] of [
      ['multipart/form-data', filePart('no-boundary.png') + '--x--\r\n'],
      ['multipart/form-data; boundary=x', filePart('cut-off.png').slice(0, -2)],
      ['multipart/form-data; boundary=x', filePart('one.png') + filePart('two.png') + '--x--\r\n'],
    ] as const)
      await refused(
        'POST',
        `/api/v1/assets/${assetId}/versions`,
        { rawBody, headers: { 'content-type': contentType } },
        400,
        'validation_failed',
      );
  });

  it('Mattermost integrations: unsigned, malformed and unauthenticated calls', async () => {
    const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
    const before = await snapshot();
    const noToken = await s.request('POST', '/api/v1/mattermost/command', {
      rawBody: form({ user_id: U.olga.id, channel_id: C.hq, text: 'x' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(noToken.headers.get('x-throughline-refused'), 'bad_token');
    assert.equal(noToken.body.response_type, 'ephemeral');
    const missing = await s.request('POST', '/api/v1/mattermost/command', {
      rawBody: form({ text: 'x' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Token slashtoken0000000000000000' },
    });
    assert.equal(missing.status, 400);
    const hostile = await s.request('POST', '/api/v1/mattermost/command', {
      rawBody: form({ user_id: "' or 1=1 --", channel_id: C.hq, text: 'x' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Token slashtoken0000000000000000' },
    });
    assert.equal(hostile.status, 400);
    const noContext = await s.request('POST', '/api/v1/mattermost/actions', { body: { user_id: U.olga.id } });
    assert.equal(noContext.headers.get('x-throughline-refused'), 'invalid');
    const garbage = await s.request('POST', '/api/v1/mattermost/actions', { rawBody: '{"user_id":' });
    assert.equal(garbage.status, 400);
    assert.deepEqual(await snapshot(), before);
  });

  it('GET /events: resume ids out of range, in the query and the header', async () => {
    for (const v of ['1e400', '-1', '1.5', '9999999999999999', 'NaN']) {
      await refused('GET', `/api/v1/events?last_event_id=${encodeURIComponent(v)}`, {}, 400, 'validation_failed');
      await refused('GET', '/api/v1/events', { headers: { 'last-event-id': v } }, 400, 'validation_failed');
    }
  });

  it('decisions: missing, wrong-typed, oversized and hostile values, strangers and guests; nothing written, no card', async () => {
    const kazanProject = (
      await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Kazan', channel_id: C.kazan } })
    ).body.id;
    const make = async (body: Record<string, unknown> = {}) => {
      const r = await s.request('POST', '/api/v1/decisions', {
        token: U.olga.token,
        body: { project_id: projectId, channel_id: C.hq, statement: 'Base decision', ...body },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    const proposed = await make();
    const decided = await make();
    assert.equal(
      (await s.request('POST', `/api/v1/decisions/${decided.id}/decide`, { token: U.olga.token, body: { version: 1 } })).status,
      200,
    );
    const other = (
      await s.request('POST', '/api/v1/decisions', {
        token: U.olga.token,
        body: { project_id: kazanProject, channel_id: C.kazan, statement: 'Elsewhere' },
      })
    ).body;
    await s.request('POST', `/api/v1/decisions/${other.id}/decide`, { token: U.olga.token, body: { version: 1 } });
    const unknown = '00000000-0000-7000-8000-000000000000';
    const ok = { project_id: projectId, channel_id: C.hq, statement: 'x' };

    const bodies: unknown[] = [
      {},
      { project_id: projectId },
      { project_id: projectId, channel_id: C.hq },
      { ...ok, statement: '   ' },
      { ...ok, statement: 42 },
      { ...ok, statement: ['a'] },
      { ...ok, statement: 'x'.repeat(2001) },
      { ...ok, statement: 'x'.repeat(4001) },
      { ...ok, statement: 'bell\u0007' },
      { ...ok, statement: 'evil\u202Etxt.exe' },
      { ...ok, statement: 'isolate\u2066x' },
      { ...ok, rationale: 'y'.repeat(10_001) },
      { ...ok, rationale: 'nul\u0000byte' },
      { ...ok, channel_ids: [] },
      { ...ok, channel_ids: Array.from({ length: 301 }, (_, i) => `c${String(i).padStart(25, '0')}`) },
      { ...ok, channel_ids: "' OR 1=1 --" },
      { ...ok, approver_id: 'nobody' },
      { ...ok, quote_post_ids: [P.multiLine.id] },
      { ...ok, quote_post_ids: Array.from({ length: 21 }, () => P.multiLine.id) },
      { ...ok, task_ids: ['not-a-uuid'] },
      { ...ok, task_ids: Array.from({ length: 51 }, () => unknown) },
      { ...ok, asset_version_ids: [1] },
      { ...ok, supersedes_id: 'x' },
      { ...ok, status: 'decided' },
      { ...ok, decided_by: U.olga.id },
      { ...ok, project_id: 'not-a-uuid' },
      { ...ok, post_id: 'short' },
      [1, 2],
      null,
    ];
    for (const body of bodies) await refused('POST', '/api/v1/decisions', { body }, 400, 'validation_failed');
    for (const id of hostileIds) await refused('POST', '/api/v1/decisions', { body: { ...ok, channel_id: id } }, 400, 'validation_failed');
    await refused('POST', '/api/v1/decisions', { body: { ...ok, project_id: unknown } }, 404, 'not_found');
    await refused('POST', '/api/v1/decisions', { body: { ...ok, channel_id: C.offTopic } }, 422, 'channel_not_in_project');
    await refused('POST', '/api/v1/decisions', { body: { ...ok, channel_ids: [C.offTopic] } }, 422, 'channel_not_in_project');
    await refused('POST', '/api/v1/decisions', { body: { project_id: projectId, post_id: P.system.id } }, 422, 'post_not_taskable');
    await refused(
      'POST',
      '/api/v1/decisions',
      { body: { project_id: projectId, post_id: 'zzzzzzzzzzzzzzzzzzzzzzzzzz' } },
      404,
      'not_found',
    );
    await refused(
      'POST',
      '/api/v1/decisions',
      { body: { project_id: projectId, post_id: P.multiLine.id, channel_id: C.kazan } },
      400,
      'validation_failed',
    );
    await refused('POST', '/api/v1/decisions', { body: { ...ok, supersedes_id: unknown } }, 404, 'not_found');
    await refused('POST', '/api/v1/decisions', { body: { ...ok, supersedes_id: other.id } }, 422, 'cross_project');
    await refused('POST', '/api/v1/decisions', { body: { ...ok, supersedes_id: proposed.id } }, 409, 'decision_closed');
    await refused('POST', '/api/v1/decisions', { body: { ...ok, task_ids: [unknown] } }, 404, 'not_found');
    await refused('POST', '/api/v1/decisions', { body: { ...ok, asset_version_ids: [unknown] } }, 404, 'not_found');
    await refused('POST', '/api/v1/decisions', { body: { ...ok, approver_id: U.kazan.id } }, 422, 'approver_not_eligible');
    await refused(
      'POST',
      '/api/v1/decisions',
      { body: { ...ok, quote_post_ids: [P.kazan.id] }, token: U.olga.token },
      400,
      'validation_failed',
    );
    await refused(
      'POST',
      '/api/v1/decisions',
      { body: { project_id: projectId, post_id: P.multiLine.id, quote_post_ids: [P.kazan.id] } },
      400,
      'validation_failed',
    );
    await refused('POST', '/api/v1/decisions', { rawBody: '{"project_id": ' }, 400, 'invalid_json');
    await refused(
      'POST',
      '/api/v1/decisions',
      { rawBody: JSON.stringify({ ...ok, rationale: 'y'.repeat(70_000) }) },
      413,
      'payload_too_large',
    );
    await refused(
      'POST',
      '/api/v1/decisions',
      { rawBody: 'statement=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    );

    // Who may not: no or a bad token, a stranger, a guest of another channel, a guest trying to decide.
    for (const token of [null, 'x'.repeat(26)]) {
      await refused('POST', '/api/v1/decisions', { body: ok, token }, 401, 'unauthorized');
      await refused('POST', `/api/v1/decisions/${proposed.id}/decide`, { body: { version: 1 }, token }, 401, 'unauthorized');
      await refused('GET', `/api/v1/decisions?project_id=${projectId}`, { token }, 401, 'unauthorized');
    }
    await refused('POST', '/api/v1/decisions', { body: ok, token: U.pavel.token }, 404, 'not_found');
    await refused('GET', `/api/v1/decisions/${proposed.id}`, { token: U.pavel.token }, 404, 'not_found');
    await refused('POST', `/api/v1/decisions/${proposed.id}/decide`, { body: { version: 1 }, token: U.pavel.token }, 404, 'not_found');
    await refused('POST', `/api/v1/decisions/${proposed.id}/decide`, { body: { version: 1 }, token: U.agency.token }, 403, 'forbidden');
    await refused(
      'POST',
      `/api/v1/decisions/${decided.id}/revoke`,
      { body: { version: 2, reason: 'x' }, token: U.agency.token },
      403,
      'forbidden',
    );
    await refused('POST', `/api/v1/decisions/${decided.id}/receipts/${C.hq}`, { body: {}, token: U.pavel.token }, 404, 'not_found');
    await refused('POST', '/api/v1/decisions', { body: { ...ok, approver_id: U.agency.id } }, 422, 'approver_not_eligible');

    const d = `/api/v1/decisions/${proposed.id}`;
    const patches: unknown[] = [
      {},
      { statement: 'x' },
      { version: '1', statement: 'x' },
      { version: 0, statement: 'x' },
      { version: 1.5, statement: 'x' },
      { version: 1, statement: '' },
      { version: 1, statement: 'x'.repeat(2001) },
      { version: 1, statement: 'a\u202Db' },
      { version: 1, status: 'decided' },
      { version: 1, project_id: projectId },
      { version: 1, channel_ids: [] },
      { version: 1, approver_id: 'x' },
    ];
    for (const body of patches) await refused('PATCH', d, { body }, 400, 'validation_failed');
    await refused('PATCH', d, { body: { version: 1, approver_id: U.pavel.id } }, 422, 'approver_not_eligible');
    await refused('PATCH', d, { body: { version: 1, channel_ids: [C.novosibirsk] } }, 422, 'channel_not_in_project');
    await refused('PATCH', d, { body: { version: 7, statement: 'x' } }, 409, 'version_conflict');
    await refused('PATCH', `/api/v1/decisions/${decided.id}`, { body: { version: 2, statement: 'x' } }, 409, 'decision_closed');
    for (const body of [{}, { version: 'one' }, { version: -1 }, { version: 1, extra: true }])
      await refused('POST', `${d}/decide`, { body }, 400, 'validation_failed');
    await refused('POST', `${d}/decide`, { body: { version: 9 } }, 409, 'version_conflict');
    await refused('POST', `/api/v1/decisions/${decided.id}/decide`, { body: { version: 2 } }, 409, 'decision_closed');
    for (const body of [{ version: 2 }, { version: 2, reason: '' }, { version: 2, reason: 'x'.repeat(4001) }, { reason: 'x' }])
      await refused('POST', `/api/v1/decisions/${decided.id}/revoke`, { body }, 400, 'validation_failed');
    for (const reason of ['   ', 'x'.repeat(2001), 'bell\u0007', 'a\u202Eb'])
      await refused('POST', `/api/v1/decisions/${decided.id}/revoke`, { body: { version: 2, reason } }, 400, 'validation_failed');
    await refused('POST', `/api/v1/decisions/${decided.id}/receipts/bad`, { body: {} }, 400, 'validation_failed');
    await refused('POST', `/api/v1/decisions/${decided.id}/receipts/${C.kazan}`, { body: {} }, 404, 'not_found');
    await refused('POST', `${d}/receipts/${C.hq}`, { body: {} }, 409, 'decision_closed');
    await refused('POST', `/api/v1/decisions/${unknown}/receipts/${C.hq}`, { body: {} }, 404, 'not_found');
    for (const body of [{}, { channel_id: 'x' }, { channel_id: C.hq, title: 'x'.repeat(801) }, { channel_id: C.hq, extra: 1 }])
      await refused('POST', `${d}/tasks`, { body }, 400, 'validation_failed');
    for (const body of [
      { channel_id: C.hq, title: 'two\nlines' },
      { channel_id: C.hq, title: 'x'.repeat(201) },
      { channel_id: C.hq, due_at: 'soon' },
    ])
      await refused('POST', `${d}/tasks`, { body }, 400, 'validation_failed');
    await refused('POST', `${d}/tasks`, { body: { channel_id: C.kazan } }, 404, 'not_found');
    await refused('POST', `${d}/tasks`, { body: { channel_id: C.hq, assignee_id: U.pavel.id } }, 422, 'assignee_not_member');
    for (const path of ['/api/v1/decisions/abc', '/api/v1/decisions/abc/history', "/api/v1/decisions/1'%20or%20'1'='1/decide"])
      await refused(
        path.endsWith('decide') ? 'POST' : 'GET',
        path,
        { body: path.endsWith('decide') ? { version: 1 } : undefined },
        400,
        'validation_failed',
      );
    await refused('GET', `/api/v1/decisions/${unknown}`, {}, 404, 'not_found');
    await refused('GET', `/api/v1/decisions/${unknown}/history`, {}, 404, 'not_found');
    const queries = [
      'status=final',
      'limit=0',
      'limit=501',
      'cursor=nope',
      'channel_id=short',
      'person_id=x',
      'project_id=1',
      `q=${'q'.repeat(201)}`,
      'unknown=1',
    ];
    for (const q of queries) await refused('GET', `/api/v1/decisions?${q}`, {}, 400, 'validation_failed');
    await refused('GET', `/api/v1/decisions?project_id=${unknown}`, {}, 404, 'not_found');
    await refused('GET', `/api/v1/decisions?project_id=${projectId}&channel_id=${C.offTopic}`, {}, 404, 'not_found');
    assert.equal(await count(s.db, 'decision_cards'), 2, 'only the two decided decisions sent cards');
  });

  it('digests: bad schedules, hostile values, ids and queries, guests and strangers; nothing written', async () => {
    const settings = () =>
      s.db
        .selectFrom('projects')
        .select(['time_zone', 'digest_weekday', 'digest_time', 'stalled_days'])
        .where('id', '=', projectId)
        .executeTakeFirstOrThrow();
    const base = await settings();
    const path = `/api/v1/projects/${projectId}/digest-settings`;
    const bodies: unknown[] = [
      {},
      { time_zone: 'Mars/Olympus' },
      { time_zone: 'Europe/Moskva' },
      { time_zone: '' },
      { time_zone: 'x'.repeat(65) },
      { time_zone: "Europe/Moscow'; DROP TABLE projects; --" },
      { time_zone: '<script>alert(1)</script>' },
      { time_zone: 'Europe/\u202eMoscow' },
      { time_zone: 42 },
      { weekday: 0 },
      { weekday: 8 },
      { weekday: 1.5 },
      { weekday: '1' },
      { weekday: -1 },
      { time: '9:00' },
      { time: '24:00' },
      { time: '09:60' },
      { time: '09:00:00' },
      { time: ' 09:00' },
      { time: 900 },
      { stalled_days: 0 },
      { stalled_days: 91 },
      { stalled_days: 'seven' },
      { stalled_days: null },
      { unknown: 1 },
      { weekday: 2, extra: true },
    ];
    for (const body of bodies) await refused('PATCH', path, { body }, 400, 'validation_failed');
    await refused('PATCH', path, { rawBody: '{"weekday":', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json');
    // Only a non-guest member of the home channel configures it; a guest there is told so, a stranger learns nothing.
    await refused('PATCH', path, { body: { weekday: 2 }, token: U.agency.token }, 403, 'forbidden');
    await refused('PATCH', path, { body: { weekday: 2 }, token: U.pavel.token }, 404, 'not_found');
    await refused('PATCH', path, { body: { weekday: 2 }, token: null }, 401, 'unauthorized');
    await refused('PATCH', path, { body: { weekday: 2 }, token: 'b'.repeat(26) }, 401, 'unauthorized');
    for (const [method, route] of [
      ['GET', 'digest-settings'],
      ['GET', 'digests'],
      ['PUT', 'digest-subscription'],
      ['DELETE', 'digest-subscription'],
    ] as const)
      await refused(method, `/api/v1/projects/${projectId}/${route}`, { token: U.kazan.token }, 404, 'not_found');
    await refused('POST', `/api/v1/projects/${projectId}/digests`, { token: U.pavel.token }, 404, 'not_found');
    for (const id of hostileIds.filter(Boolean)) {
      await refused('GET', `/api/v1/digests/${encodeURIComponent(id)}`, {}, 400, 'validation_failed');
      await refused(
        'PATCH',
        `/api/v1/projects/${encodeURIComponent(id)}/digest-settings`,
        { body: { weekday: 2 } },
        400,
        'validation_failed',
      );
    }
    await refused('GET', '/api/v1/digests/00000000-0000-7000-8000-000000000000', {}, 404, 'not_found');
    for (const q of ['limit=0', 'limit=101', 'limit=x', 'other=1'])
      await refused('GET', `/api/v1/projects/${projectId}/digests?${q}`, {}, 400, 'validation_failed');
    assert.deepEqual(await settings(), base, 'the schedule is as it was');
  });

  it('unknown routes answer in the same error shape', async () => {
    await refused('GET', '/api/v1/nothing-here', {}, 404, 'not_found');
  });
});
