import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { latestSlot } from '../src/digests/digest.schedule.js';
import { C, ENGINE, P, U, fixtures, startStack, type Stack } from './helpers.js';

/**
 * Every route × every kind of caller, for objects living in the Kazan channel.
 * member: dmitry (plain member) · nonMember: pavel (Samara only) · guestOther: the agency guest
 * (a guest of other channels) · guestThis: the Kazan franchisee guest · admin: a system admin member.
 */
type Persona = 'none' | 'bad' | 'member' | 'nonMember' | 'guestOther' | 'guestThis' | 'admin';
const PERSONAS: Persona[] = ['none', 'bad', 'member', 'nonMember', 'guestOther', 'guestThis', 'admin'];

function tokenOf(p: Persona): string | null {
  switch (p) {
    case 'none':
      return null;
    case 'bad':
      return 'x'.repeat(26);
    case 'member':
      return U.dmitry.token;
    case 'nonMember':
      return U.pavel.token;
    case 'guestOther':
      return U.agency.token;
    case 'guestThis':
      return U.kazan.token;
    case 'admin':
      return U.admin.token;
  }
}

interface Row {
  name: string;
  /** Expected status per persona; none and bad are always 401 unless the route is public. */
  expect: Partial<Record<Persona, number>>;
  run: (token: string | null, persona: Persona) => Promise<{ status: number; body: any }>;
  isPublic?: boolean;
}

describe(`access matrix [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  let taskId: string;
  let assetId: string;
  let versionId: string;
  let decisionId: string;
  let rolloutProjectId: string;
  let rolloutId: string;
  let olgaFeed: { id: string; path: string };
  const secretTitle = 'Kazan secret layout';

  before(async () => {
    s = await startStack();
    const p = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Kazan launch', channel_id: C.kazan } });
    assert.equal(p.status, 201);
    projectId = p.body.id;
    const t = await s.request('POST', '/api/v1/tasks', {
      token: U.olga.token,
      body: { channel_id: C.kazan, title: secretTitle, project_id: projectId },
    });
    assert.equal(t.status, 201);
    taskId = t.body.id;
    assetId = await freshAsset();
    versionId = (await uploadAs(U.olga.token, assetId, 'base version')).body.id;
    decisionId = await freshDecision();
    const rp = await req('POST', '/api/v1/projects', U.olga.token, { name: 'Kazan rollout', channel_id: C.kazan });
    rolloutProjectId = rp.body.id;
    assert.equal(
      (await req('POST', `/api/v1/projects/${rolloutProjectId}/channels`, U.olga.token, { channel_id: C.novosibirsk })).status,
      200,
    );
    rolloutId = await freshRollout();
    const feed = await req('POST', '/api/v1/me/feeds', U.olga.token, { kind: 'project', project_id: projectId });
    olgaFeed = { id: feed.body.feed.id, path: new URL(feed.body.url).pathname.replace(/^\/throughline-api/, '') };
  });

  const freshRolloutTask = async () =>
    (await req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.kazan, title: secretTitle, project_id: rolloutProjectId })).body.id;
  const freshRollout = async () => {
    const r = await req('POST', '/api/v1/rollouts', U.olga.token, { task_id: await freshRolloutTask(), channel_ids: [C.kazan] });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };

  const freshAsset = async () => {
    const a = await req('POST', '/api/v1/assets', U.olga.token, { project_id: projectId, name: 'Kazan poster', channel_ids: [C.kazan] });
    assert.equal(a.status, 201);
    return a.body.id as string;
  };
  let uploads = 0;
  const uploadAs = async (token: string | null, id: string, text = `bytes ${++uploads}`) => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'image/png' }), 'poster.png');
    const r = await fetch(`${s.url}/api/v1/assets/${id}/versions`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    return { status: r.status, body: (await r.json()) as any };
  };
  const approvedAsset = async () => {
    const id = await freshAsset();
    const v = (await uploadAs(U.olga.token, id)).body.id;
    assert.equal((await req('POST', `/api/v1/assets/${id}/versions/${v}/approve`, U.olga.token, {})).status, 200);
    return id;
  };
  const openStream = async (token: string | null) => {
    const abort = new AbortController();
    const r = await fetch(`${s.url}/api/v1/events`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: abort.signal });
    const body = r.ok ? null : await r.json();
    abort.abort();
    return { status: r.status, body };
  };
  after(async () => {
    await s.close();
  });

  const req = (method: string, path: string, token: string | null, body?: unknown) => s.request(method, path, { token, body });
  const currentVersion = async () => (await req('GET', `/api/v1/tasks/${taskId}`, U.olga.token)).body.version;
  const freshDecision = async () =>
    (await req('POST', '/api/v1/decisions', U.olga.token, { project_id: projectId, channel_id: C.kazan, statement: secretTitle })).body.id;
  const decidedDecision = async () => {
    const id = await freshDecision();
    assert.equal((await req('POST', `/api/v1/decisions/${id}/decide`, U.olga.token, { version: 1 })).status, 200);
    return id;
  };
  /** The Kazan channel's digest of the latest slot, compiled by the schedule. */
  const channelDigest = async () => {
    const set = (await req('GET', `/api/v1/projects/${projectId}/digest-settings`, U.olga.token)).body;
    const slot = latestSlot(Date.now(), { weekday: set.weekday, time: set.time, timeZone: set.time_zone });
    await s.app.live.digests.runSchedule(slot + 60_000);
    const row = await s.db
      .selectFrom('digests')
      .select('id')
      .where('audience_kind', '=', 'channel')
      .where('audience_id', '=', C.kazan)
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const freshTask = async () => (await req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.kazan, title: 'Disposable' })).body.id;

  const ALL_OK = (status: number) => ({ member: status, nonMember: status, guestOther: status, guestThis: status, admin: status });
  const KAZAN = (ok: number, guestThis = ok) => ({ member: ok, nonMember: 404, guestOther: 404, guestThis, admin: ok });

  const rows: Row[] = [
    { name: 'GET /healthz', isPublic: true, expect: {}, run: (t) => req('GET', '/healthz', t) },
    { name: 'GET /readyz', isPublic: true, expect: {}, run: (t) => req('GET', '/readyz', t) },
    { name: 'GET /api/v1/openapi.json', isPublic: true, expect: {}, run: (t) => req('GET', '/api/v1/openapi.json', t) },
    { name: 'GET /api/v1/config', isPublic: true, expect: {}, run: (t) => req('GET', '/api/v1/config', t) },
    { name: 'GET /api/v1/me', expect: ALL_OK(200), run: (t) => req('GET', '/api/v1/me', t) },
    { name: 'GET /api/v1/me/work', expect: ALL_OK(200), run: (t) => req('GET', '/api/v1/me/work?limit=50', t) },
    { name: 'GET /api/v1/projects', expect: ALL_OK(200), run: (t) => req('GET', '/api/v1/projects', t) },
    { name: 'GET /api/v1/projects?channel_id', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/projects?channel_id=${C.kazan}`, t) },
    {
      name: 'POST /api/v1/projects',
      expect: KAZAN(201, 403),
      run: (t) => req('POST', '/api/v1/projects', t, { name: 'New', channel_id: C.kazan }),
    },
    { name: 'GET /api/v1/projects/:id', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/projects/${projectId}`, t) },
    {
      name: 'POST /api/v1/projects/:id/channels',
      expect: KAZAN(200, 403),
      run: (t) => req('POST', `/api/v1/projects/${projectId}/channels`, t, { channel_id: C.novosibirsk }),
    },
    {
      name: 'DELETE /api/v1/projects/:id/channels/:channel_id',
      expect: KAZAN(200, 403),
      run: async (t) => {
        await req('POST', `/api/v1/projects/${projectId}/channels`, U.olga.token, { channel_id: C.novosibirsk });
        return req('DELETE', `/api/v1/projects/${projectId}/channels/${C.novosibirsk}`, t);
      },
    },
    {
      name: 'POST /api/v1/tasks (channel)',
      expect: KAZAN(201),
      run: (t) => req('POST', '/api/v1/tasks', t, { channel_id: C.kazan, title: 'Matrix' }),
    },
    { name: 'POST /api/v1/tasks (post)', expect: KAZAN(201), run: (t) => req('POST', '/api/v1/tasks', t, { post_id: P.kazan.id }) },
    { name: 'GET /api/v1/tasks?channel_id', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/tasks?channel_id=${C.kazan}`, t) },
    { name: 'GET /api/v1/tasks?project_id', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/tasks?project_id=${projectId}`, t) },
    { name: 'GET /api/v1/tasks', expect: ALL_OK(200), run: (t) => req('GET', '/api/v1/tasks?limit=500', t) },
    { name: 'GET /api/v1/tasks/:id', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/tasks/${taskId}`, t) },
    {
      name: 'PATCH /api/v1/tasks/:id',
      expect: KAZAN(200),
      run: async (t, p) => req('PATCH', `/api/v1/tasks/${taskId}`, t, { version: await currentVersion(), description: `touched by ${p}` }),
    },
    { name: 'GET /api/v1/tasks/:id/history', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/tasks/${taskId}/history`, t) },
    {
      name: 'POST /api/v1/tasks/sources',
      expect: ALL_OK(200),
      run: (t) => req('POST', '/api/v1/tasks/sources', t, { post_ids: [P.kazan.id] }),
    },
    { name: 'GET /api/v1/events', expect: ALL_OK(200), run: (t) => openStream(t) },
    { name: 'GET /api/v1/assets?project_id', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/assets?project_id=${projectId}`, t) },
    {
      name: 'POST /api/v1/assets',
      expect: KAZAN(201, 403),
      run: (t) => req('POST', '/api/v1/assets', t, { project_id: projectId, name: 'New', channel_ids: [C.kazan] }),
    },
    { name: 'GET /api/v1/assets/:id', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/assets/${assetId}`, t) },
    { name: 'GET /api/v1/assets/:id/history', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/assets/${assetId}/history`, t) },
    { name: 'POST /api/v1/assets/:id/versions', expect: KAZAN(201), run: (t) => uploadAs(t, assetId) },
    {
      name: 'POST /api/v1/assets/:id/versions/from-mattermost',
      expect: KAZAN(201),
      run: async (t) =>
        req('POST', `/api/v1/assets/${await freshAsset()}/versions/from-mattermost`, t, {
          file_id: fixtures.files.kazanPhoto.id,
          post_id: P.kazanPhoto.id,
        }),
    },
    {
      name: 'GET /api/v1/assets/:id/versions/:version_id/file',
      expect: KAZAN(200),
      run: async (t) => {
        const r = await fetch(`${s.url}/api/v1/assets/${assetId}/versions/${versionId}/file`, {
          headers: t ? { authorization: `Bearer ${t}` } : {},
        });
        const text = await r.text();
        return { status: r.status, body: r.ok ? text : JSON.parse(text) };
      },
    },
    {
      name: 'GET /api/v1/assets/:id/versions/:version_id/file?channel_id',
      expect: KAZAN(200),
      run: async (t) => {
        const r = await fetch(`${s.url}/api/v1/assets/${assetId}/versions/${versionId}/file?channel_id=${C.kazan}`, {
          headers: t ? { authorization: `Bearer ${t}` } : {},
        });
        const text = await r.text();
        return { status: r.status, body: r.ok ? text : JSON.parse(text) };
      },
    },
    { name: 'GET /api/v1/assets/:id/downloads', expect: KAZAN(200, 403), run: (t) => req('GET', `/api/v1/assets/${assetId}/downloads`, t) },
    { name: 'GET /api/v1/channels/:channel_id/shelf', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/channels/${C.kazan}/shelf`, t) },
    {
      name: 'POST /api/v1/assets/:id/versions/:version_id/approve',
      expect: KAZAN(200, 403),
      run: async (t) => {
        const v = (await uploadAs(U.olga.token, assetId)).body.id;
        return req('POST', `/api/v1/assets/${assetId}/versions/${v}/approve`, t, {});
      },
    },
    {
      name: 'POST /api/v1/assets/:id/versions/:version_id/reject',
      expect: KAZAN(200, 403),
      run: async (t) => {
        const v = (await uploadAs(U.olga.token, assetId)).body.id;
        return req('POST', `/api/v1/assets/${assetId}/versions/${v}/reject`, t, { comment: 'no' });
      },
    },
    {
      name: 'POST /api/v1/assets/:id/receipts/:channel_id',
      expect: KAZAN(200),
      run: async (t) => req('POST', `/api/v1/assets/${await approvedAsset()}/receipts/${C.kazan}`, t, {}),
    },
    {
      name: 'POST /api/v1/decisions (channel)',
      expect: KAZAN(201),
      run: (t) => req('POST', '/api/v1/decisions', t, { project_id: projectId, channel_id: C.kazan, statement: 'Matrix' }),
    },
    {
      name: 'POST /api/v1/decisions (post)',
      expect: KAZAN(201),
      run: (t) => req('POST', '/api/v1/decisions', t, { project_id: projectId, post_id: P.kazan.id }),
    },
    {
      name: 'GET /api/v1/decisions?project_id',
      expect: KAZAN(200),
      run: (t) => req('GET', `/api/v1/decisions?project_id=${projectId}`, t),
    },
    { name: 'GET /api/v1/decisions', expect: ALL_OK(200), run: (t) => req('GET', '/api/v1/decisions?limit=500', t) },
    { name: 'GET /api/v1/decisions/:id', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/decisions/${decisionId}`, t) },
    {
      name: 'PATCH /api/v1/decisions/:id',
      expect: KAZAN(200, 403),
      run: async (t) => req('PATCH', `/api/v1/decisions/${await freshDecision()}`, t, { version: 1, rationale: 'touched' }),
    },
    {
      name: 'POST /api/v1/decisions/:id/decide',
      expect: KAZAN(200, 403),
      run: async (t) => req('POST', `/api/v1/decisions/${await freshDecision()}/decide`, t, { version: 1 }),
    },
    {
      name: 'POST /api/v1/decisions/:id/revoke',
      expect: KAZAN(200, 403),
      run: async (t) => req('POST', `/api/v1/decisions/${await decidedDecision()}/revoke`, t, { version: 2, reason: 'Matrix' }),
    },
    {
      name: 'POST /api/v1/decisions/:id/receipts/:channel_id',
      expect: KAZAN(200),
      run: async (t) => req('POST', `/api/v1/decisions/${await decidedDecision()}/receipts/${C.kazan}`, t, {}),
    },
    {
      name: 'GET /api/v1/decisions/:id/history',
      expect: KAZAN(200),
      run: (t) => req('GET', `/api/v1/decisions/${decisionId}/history`, t),
    },
    {
      name: 'POST /api/v1/decisions/:id/tasks',
      expect: KAZAN(201),
      run: (t) => req('POST', `/api/v1/decisions/${decisionId}/tasks`, t, { channel_id: C.kazan }),
    },
    { name: 'GET /api/v1/search', expect: ALL_OK(200), run: (t) => req('GET', '/api/v1/search?q=secret', t) },
    {
      name: 'GET /api/v1/search?project_id',
      expect: ALL_OK(200),
      run: (t) => req('GET', `/api/v1/search?q=secret&project_id=${projectId}`, t),
    },
    {
      name: 'POST /api/v1/rollouts',
      expect: KAZAN(201, 403),
      run: async (t) => req('POST', '/api/v1/rollouts', t, { task_id: await freshRolloutTask(), channel_ids: [C.kazan] }),
    },
    { name: 'GET /api/v1/rollouts/:id', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/rollouts/${rolloutId}`, t) },
    {
      name: 'POST /api/v1/rollouts/:id/channels',
      expect: KAZAN(200, 403),
      run: async (t) => req('POST', `/api/v1/rollouts/${await freshRollout()}/channels`, t, { channel_ids: [C.novosibirsk] }),
    },
    {
      name: 'PUT /api/v1/projects/:id/channels/:channel_id/lead',
      expect: KAZAN(200, 403),
      run: (t) => req('PUT', `/api/v1/projects/${rolloutProjectId}/channels/${C.kazan}/lead`, t, { user_id: U.dmitry.id }),
    },
    { name: 'GET /api/v1/projects/:id/overview', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/projects/${projectId}/overview`, t) },
    {
      name: 'GET /api/v1/projects/:id/overview/cell',
      expect: KAZAN(200),
      run: (t) => req('GET', `/api/v1/projects/${projectId}/overview/cell?channel_id=${C.kazan}&kind=status&status=todo`, t),
    },
    {
      name: 'GET /api/v1/projects/:id/due',
      expect: KAZAN(200),
      run: (t) => req('GET', `/api/v1/projects/${projectId}/due?from=2026-01-01&to=2026-01-31`, t),
    },
    {
      name: 'GET /api/v1/projects/:id/export',
      expect: KAZAN(200, 403),
      run: (t) => req('GET', `/api/v1/projects/${projectId}/export`, t),
    },
    {
      name: 'GET /api/v1/projects/:id/export?format=html',
      expect: KAZAN(200, 403),
      run: (t) => req('GET', `/api/v1/projects/${projectId}/export?format=html`, t),
    },
    {
      name: 'DELETE /api/v1/tasks/:id',
      expect: { member: 403, nonMember: 404, guestOther: 404, guestThis: 403, admin: 204 },
      run: async (t) => req('DELETE', `/api/v1/tasks/${await freshTask()}`, t),
    },
    {
      name: 'GET /api/v1/projects/:id/digest-settings',
      expect: KAZAN(200),
      run: (t) => req('GET', `/api/v1/projects/${projectId}/digest-settings`, t),
    },
    {
      name: 'PATCH /api/v1/projects/:id/digest-settings',
      expect: KAZAN(200, 403),
      run: (t) => req('PATCH', `/api/v1/projects/${projectId}/digest-settings`, t, { weekday: 2, time_zone: 'Europe/Moscow' }),
    },
    {
      name: 'PUT /api/v1/projects/:id/digest-subscription',
      expect: KAZAN(200),
      run: (t) => req('PUT', `/api/v1/projects/${projectId}/digest-subscription`, t),
    },
    {
      name: 'DELETE /api/v1/projects/:id/digest-subscription',
      expect: KAZAN(200),
      run: (t) => req('DELETE', `/api/v1/projects/${projectId}/digest-subscription`, t),
    },
    { name: 'POST /api/v1/projects/:id/digests', expect: KAZAN(201), run: (t) => req('POST', `/api/v1/projects/${projectId}/digests`, t) },
    { name: 'GET /api/v1/projects/:id/digests', expect: KAZAN(200), run: (t) => req('GET', `/api/v1/projects/${projectId}/digests`, t) },
    {
      name: 'GET /api/v1/digests/:id (a channel’s)',
      expect: KAZAN(200),
      run: async (t) => req('GET', `/api/v1/digests/${await channelDigest()}`, t),
    },
    {
      name: 'GET /api/v1/digests/:id (someone else’s)',
      expect: { member: 404, nonMember: 404, guestOther: 404, guestThis: 404, admin: 404 },
      run: async (t) =>
        req('GET', `/api/v1/digests/${(await req('POST', `/api/v1/projects/${projectId}/digests`, U.olga.token)).body.id}`, t),
    },
    { name: 'POST /api/v1/me/feeds (person)', expect: ALL_OK(201), run: (t) => req('POST', '/api/v1/me/feeds', t, { kind: 'person' }) },
    {
      name: 'POST /api/v1/me/feeds (project)',
      expect: KAZAN(201),
      run: (t) => req('POST', '/api/v1/me/feeds', t, { kind: 'project', project_id: projectId }),
    },
    { name: 'GET /api/v1/me/feeds', expect: ALL_OK(200), run: (t) => req('GET', '/api/v1/me/feeds', t) },
    {
      name: 'DELETE /api/v1/me/feeds/:id (one’s own)',
      expect: ALL_OK(204),
      run: async (t) => {
        const own = await req('POST', '/api/v1/me/feeds', t, { kind: 'person' });
        return req('DELETE', `/api/v1/me/feeds/${own.body?.feed?.id ?? olgaFeed.id}`, t);
      },
    },
    {
      name: 'DELETE /api/v1/me/feeds/:id (someone else’s)',
      expect: { member: 404, nonMember: 404, guestOther: 404, guestThis: 404, admin: 404 },
      run: (t) => req('DELETE', `/api/v1/me/feeds/${olgaFeed.id}`, t),
    },
    {
      name: 'GET /api/v1/feeds/:file (Authorization is ignored: the token in the address is the credential)',
      isPublic: true,
      expect: {},
      run: (t) => s.request('GET', olgaFeed.path, { token: t }),
    },
  ];

  for (const row of rows) {
    for (const persona of PERSONAS) {
      const expected = row.isPublic ? 200 : persona === 'none' || persona === 'bad' ? 401 : row.expect[persona]!;
      it(`${row.name} as ${persona} → ${expected}`, async () => {
        const r = await row.run(tokenOf(persona), persona);
        assert.equal(r.status, expected, `${row.name} as ${persona}: ${JSON.stringify(r.body)}`);
        if (r.status >= 400) {
          assert.equal(typeof r.body?.error?.code, 'string');
          assert.equal(typeof r.body?.error?.message, 'string');
          assert.ok(!JSON.stringify(r.body).includes(secretTitle), 'a refusal must not reveal the object');
        }
      });
    }
  }

  it('lists never leak Kazan objects to callers outside Kazan', async () => {
    for (const persona of ['nonMember', 'guestOther'] as Persona[]) {
      const tasks = await req('GET', '/api/v1/tasks?limit=500', tokenOf(persona));
      assert.ok(!tasks.body.items.some((t: any) => t.channel_id === C.kazan), persona);
      const projects = await req('GET', '/api/v1/projects', tokenOf(persona));
      assert.ok(!projects.body.items.some((p: any) => p.id === projectId), persona);
      const sources = await req('POST', '/api/v1/tasks/sources', tokenOf(persona), { post_ids: [P.kazan.id] });
      assert.deepEqual(sources.body, { items: [] }, persona);
      const decisions = await req('GET', '/api/v1/decisions?limit=500', tokenOf(persona));
      assert.ok(!decisions.body.items.some((d: any) => d.project_id === projectId), persona);
      // Search neither finds nor counts nor quotes them.
      const found = await req('GET', '/api/v1/search?q=kazan+secret+layout', tokenOf(persona));
      assert.deepEqual(found.body, { items: [], next_cursor: null }, persona);
      // My work neither lists nor counts anything of Kazan.
      const mine = await req('GET', '/api/v1/me/work?limit=50', tokenOf(persona));
      assert.equal(mine.status, 200);
      assert.ok(!JSON.stringify(mine.body).includes(C.kazan), persona);
    }
    // The Kazan guest finds it among the tasks copied from it (follow-ups, rollouts), all in Kazan.
    const seen: any[] = [];
    for (let cursor: string | null = '0'; cursor !== null;) {
      const page = await req('GET', `/api/v1/search?q=kazan+secret+layout&kind=task&limit=50&cursor=${cursor}`, U.kazan.token);
      seen.push(...page.body.items);
      cursor = page.body.next_cursor;
    }
    assert.ok(seen.some((h) => h.id === taskId));
    assert.ok(seen.every((h) => h.channel_id === C.kazan));
    const fromPost = await req('POST', '/api/v1/tasks/sources', U.kazan.token, { post_ids: [P.kazan.id] });
    assert.ok(fromPost.body.items.length > 0);
    assert.ok(fromPost.body.items.every((t: any) => t.channel_id === C.kazan && t.source_post_id === P.kazan.id));
    const guest = await req('GET', '/api/v1/tasks?limit=500', U.kazan.token);
    assert.ok(guest.body.items.length > 0);
    assert.ok(guest.body.items.every((t: any) => t.channel_id === C.kazan));
  });

  it("a project's calendar feed shows each reader the due dates of their channels only", async () => {
    const due = { due_at: new Date(Date.now() + 3 * 86_400_000).toISOString() };
    const kazan = (
      await req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.kazan, title: 'Due in Kazan', project_id: rolloutProjectId, ...due })
    ).body.id;
    const novosibirsk = (
      await req('POST', '/api/v1/tasks', U.olga.token, {
        channel_id: C.novosibirsk,
        title: 'Due in Novosibirsk',
        project_id: rolloutProjectId,
        ...due,
      })
    ).body.id;
    const uids = async (persona: Persona) => {
      const made = await req('POST', '/api/v1/me/feeds', tokenOf(persona), { kind: 'project', project_id: rolloutProjectId });
      if (made.status !== 201) return made.status;
      const text = await (await fetch(s.url + new URL(made.body.url).pathname.replace(/^\/throughline-api/, ''))).text();
      const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
      return events.map((e) => String(e.getFirstPropertyValue('uid')).replace(/@throughline$/, '')).sort();
    };
    assert.deepEqual(await uids('member'), [kazan, novosibirsk].sort());
    assert.deepEqual(await uids('admin'), [kazan, novosibirsk].sort());
    assert.deepEqual(await uids('guestThis'), [kazan]);
    assert.equal(await uids('nonMember'), 404);
    assert.equal(await uids('guestOther'), 404);
  });

  it('shows a guest only the project channels they belong to', async () => {
    await req('POST', `/api/v1/projects/${projectId}/channels`, U.olga.token, { channel_id: C.samara });
    const staff = await req('GET', `/api/v1/projects/${projectId}`, U.olga.token);
    assert.ok(staff.body.channel_ids.includes(C.samara));
    const guest = await req('GET', `/api/v1/projects/${projectId}`, U.kazan.token);
    assert.deepEqual(guest.body.channel_ids, [C.kazan]);
    assert.equal(guest.body.channel_id, C.kazan, 'the home channel is one of theirs');
    // The overview is their channel's row, and names no other channel anywhere.
    const overview = await req('GET', `/api/v1/projects/${projectId}/overview`, U.kazan.token);
    assert.deepEqual(
      overview.body.rows.map((r: any) => r.channel_id),
      [C.kazan],
    );
    assert.ok(!JSON.stringify(overview.body).includes(C.samara));
    const cell = await req('GET', `/api/v1/projects/${projectId}/overview/cell?channel_id=${C.samara}&kind=overdue`, U.kazan.token);
    assert.equal(cell.status, 404);
    const staffOverview = await req('GET', `/api/v1/projects/${projectId}/overview`, U.dmitry.token);
    const staffRows = staffOverview.body.rows.map((r: any) => r.channel_id);
    assert.equal(staffRows[0], C.kazan, 'home first');
    assert.ok(staffRows.includes(C.samara), 'staff see every region');
  });

  it('hides the home channel from a guest of a linked channel', async () => {
    const p = (await req('POST', '/api/v1/projects', U.olga.token, { name: 'HQ-led', channel_id: C.hq })).body;
    await req('POST', `/api/v1/projects/${p.id}/channels`, U.olga.token, { channel_id: C.kazan });
    const guest = await req('GET', `/api/v1/projects/${p.id}`, U.kazan.token);
    assert.equal(guest.status, 200);
    assert.equal(guest.body.channel_id, null);
    assert.deepEqual(guest.body.channel_ids, [C.kazan]);
    const member = await req('GET', `/api/v1/projects/${p.id}`, U.dmitry.token);
    assert.equal(member.body.channel_id, C.hq);
  });
});
