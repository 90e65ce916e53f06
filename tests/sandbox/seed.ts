// The sandbox's first run: a spring campaign in progress, made through the service's HTTP API as
// the stand-in's people, so every rule (membership, guests, approvals, receipts) applies as it
// would for them. Idempotent: what is there already (found by its name) is left as it is, so
// `make start` may run it every time. Sandbox equipment only; production never seeds.
import { fixtures } from '../standin/index.ts';

const U = fixtures.users;
const CH = fixtures.channels;
export const SEED = {
  project: 'Spring campaign',
  asset: 'Spring poster A2',
  decision: 'Slogan B "Spring starts here" is final for every region',
  rollout: 'Check the poster placement in every region',
};
/** Who gets a region's copy of a rolled-out task. */
const LEADS = [
  [CH.regionKazan.id, 'kazan'],
  [CH.regionSamara.id, 'pavel'],
  [CH.regionNovosibirsk.id, 'dmitry'],
] as const;
/** One task per status, with who does it and when it is due, in days from now (negative: overdue). */
const TASKS: { title: string; channel: string; status: string; assignee: keyof typeof U | null; due: number | null; by: keyof typeof U }[] =
  [
    { title: 'Brief the agency on the spring layouts', channel: CH.campaignHq.id, status: 'done', assignee: 'olga', due: -6, by: 'olga' },
    { title: 'Poster A2: final layout', channel: CH.campaignHq.id, status: 'review', assignee: 'dmitry', due: 1, by: 'olga' },
    { title: 'Print quote for 40 stores', channel: CH.campaignHq.id, status: 'in_progress', assignee: 'olga', due: -2, by: 'olga' },
    { title: 'Kazan: hang the posters in 6 stores', channel: CH.regionKazan.id, status: 'todo', assignee: 'kazan', due: -1, by: 'olga' },
    { title: 'Samara: photo report of the windows', channel: CH.regionSamara.id, status: 'todo', assignee: 'pavel', due: 3, by: 'olga' },
    {
      title: 'Novosibirsk: confirm the store list',
      channel: CH.regionNovosibirsk.id,
      status: 'in_progress',
      assignee: 'dmitry',
      due: 5,
      by: 'olga',
    },
    {
      title: 'Radio spot (dropped from the plan)',
      channel: CH.campaignHq.id,
      status: 'cancelled',
      assignee: null,
      due: null,
      by: 'dmitry',
    },
  ];
const REGIONS = [CH.regionKazan.id, CH.regionSamara.id, CH.regionNovosibirsk.id];

type Json = Record<string, any>;

export interface SeedResult {
  /** False when the campaign was there already and nothing was made. */
  created: boolean;
  projectId: string;
  taskIds: string[];
  assetId: string;
  decisionId: string;
  rolloutId: string;
  /** Olga's digest of the week, in her Digest tab. */
  digestId: string;
}

class Api {
  constructor(private readonly base: string) {}

  async call(
    as: keyof typeof U,
    method: string,
    path: string,
    body?: unknown,
    expect: number[] = [200, 201],
  ): Promise<{ status: number; body: Json }> {
    const form = body instanceof FormData;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${U[as].token}`, ...(body === undefined || form ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as Json) : {};
    if (!expect.includes(res.status)) throw new Error(`seed: ${method} ${path} as ${as} answered ${res.status}: ${text.slice(0, 300)}`);
    return { status: res.status, body: parsed };
  }
  async ok(as: keyof typeof U, method: string, path: string, body?: unknown): Promise<Json> {
    return (await this.call(as, method, path, body)).body;
  }
}

/** Whether a channel's receipt of an asset's approved version, or of a decision, is confirmed (as the one asking sees it). */
const confirmed = (o: Json, channelId: string) => (o.receipts as Json[]).some((r) => r.channel_id === channelId && r.confirmed_at);

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Deterministic content for a poster version: the same version is the same file on every run. */
function posterText(n: number): string {
  return `%PDF-1.4\n% Spring poster A2, version ${n}\n${'spring '.repeat(200 * n)}\n%%EOF\n`;
}

/** Makes what is missing of the campaign; leaves what is there. */
export async function seedCampaign(serviceUrl: string): Promise<SeedResult> {
  const api = new Api(serviceUrl);
  let created = false;

  const projects = (await api.ok('olga', 'GET', `/api/v1/projects?channel_id=${CH.campaignHq.id}`)).items as Json[];
  let project = projects.find((p) => p.name === SEED.project);
  if (!project) {
    created = true;
    project = await api.ok('olga', 'POST', '/api/v1/projects', { name: SEED.project, channel_id: CH.campaignHq.id });
  }
  for (const ch of REGIONS) {
    if (!project.channel_ids.includes(ch))
      project = await api.ok('olga', 'POST', `/api/v1/projects/${project.id}/channels`, { channel_id: ch });
  }
  const projectId = project.id as string;

  const taskIds: string[] = [];
  for (const t of TASKS) {
    const found = (await api.ok(t.by, 'GET', `/api/v1/tasks?project_id=${projectId}&q=${encodeURIComponent(t.title)}&limit=50`))
      .items as Json[];
    let task = found.find((x) => x.title === t.title);
    if (!task) {
      created = true;
      task = await api.ok(t.by, 'POST', '/api/v1/tasks', {
        channel_id: t.channel,
        project_id: projectId,
        title: t.title,
        assignee_id: t.assignee ? U[t.assignee].id : null,
        due_at: t.due === null ? null : dayFromNow(t.due),
      });
    }
    if (task.status !== t.status)
      task = await api.ok(t.by, 'PATCH', `/api/v1/tasks/${task.id}`, { version: task.version, status: t.status });
    taskIds.push(task.id);
  }

  const assets = (await api.ok('dmitry', 'GET', `/api/v1/assets?project_id=${projectId}`)).items as Json[];
  let asset = assets.find((a) => a.name === SEED.asset);
  if (!asset) {
    created = true;
    asset = await api.ok('dmitry', 'POST', '/api/v1/assets', {
      project_id: projectId,
      name: SEED.asset,
      channel_ids: [CH.campaignHq.id, ...REGIONS],
    });
  }
  const versions: Json[] = [];
  for (const n of [1, 2, 3]) {
    const form = new FormData();
    form.append('file', new Blob([posterText(n)], { type: 'application/pdf' }), `spring-poster-a2-v${n}.pdf`);
    // The same bytes again are the version already there (409 duplicate_version, with it).
    const r = await api.call('dmitry', 'POST', `/api/v1/assets/${asset.id}/versions`, form, [201, 409]);
    if (r.status === 201) created = true;
    versions.push(r.status === 201 ? r.body : r.body.error.existing);
  }
  asset = await api.ok('olga', 'GET', `/api/v1/assets/${asset.id}`);
  // Version 2 is the approved one; version 3 came after and waits for review.
  if (asset.approved_version_id !== versions[1]!.id) {
    created = true;
    asset = await api.ok('olga', 'POST', `/api/v1/assets/${asset.id}/versions/${versions[1]!.id}/approve`, {
      comment: 'Approved for print',
    });
  }
  // Two regions of three confirm they received it; Novosibirsk has not yet.
  for (const [who, ch] of [
    ['kazan', CH.regionKazan.id],
    ['pavel', CH.regionSamara.id],
  ] as const) {
    if (!confirmed(asset, ch)) {
      created = true;
      await api.ok(who, 'POST', `/api/v1/assets/${asset.id}/receipts/${ch}`);
    }
  }

  const decisions = (await api.ok('olga', 'GET', `/api/v1/decisions?project_id=${projectId}&q=${encodeURIComponent('Slogan B')}`))
    .items as Json[];
  let decision = decisions.find((d) => d.statement === SEED.decision);
  if (!decision) {
    created = true;
    decision = await api.ok('dmitry', 'POST', '/api/v1/decisions', {
      project_id: projectId,
      channel_id: CH.campaignHq.id,
      statement: SEED.decision,
      rationale: 'Tested best with the regional managers; the agency agrees.',
      approver_id: U.olga.id,
      channel_ids: [CH.campaignHq.id, ...REGIONS],
      asset_version_ids: [versions[1]!.id],
    });
  }
  if (decision.status === 'proposed') {
    created = true;
    decision = await api.ok('olga', 'POST', `/api/v1/decisions/${decision.id}/decide`, { version: decision.version });
  }
  if (decision.status === 'decided' && !confirmed(decision, CH.regionSamara.id)) {
    created = true;
    await api.ok('pavel', 'POST', `/api/v1/decisions/${decision.id}/receipts/${CH.regionSamara.id}`);
  }

  // The poster's placement, rolled out to the regions with their leads: Samara (which has version 2)
  // is done, Kazan is at it, Novosibirsk has not confirmed version 2, so its done waits for that.
  for (const [ch, who] of LEADS) {
    if (!(project.leads as Json[]).some((l) => l.channel_id === ch && l.user_id === U[who].id)) {
      created = true;
      project = await api.ok('olga', 'PUT', `/api/v1/projects/${projectId}/channels/${ch}/lead`, { user_id: U[who].id });
    }
  }
  const placement = (await api.ok('olga', 'GET', `/api/v1/tasks?channel_id=${CH.campaignHq.id}&q=${encodeURIComponent(SEED.rollout)}`))
    .items as Json[];
  let parent = placement.find((t) => t.title === SEED.rollout && !t.parent_id);
  if (!parent) {
    created = true;
    parent = await api.ok('olga', 'POST', '/api/v1/tasks', {
      channel_id: CH.campaignHq.id,
      project_id: projectId,
      title: SEED.rollout,
      description: 'A photo of every poster in place, in every store.',
      assignee_id: U.olga.id,
      due_at: dayFromNow(4),
    });
  }
  let rolloutId: string = parent.rollout_id;
  if (!rolloutId) {
    created = true;
    rolloutId = (await api.ok('olga', 'POST', '/api/v1/rollouts', { task_id: parent.id, channel_ids: REGIONS, asset_id: asset.id })).id;
  }
  const rollout = await api.ok('olga', 'GET', `/api/v1/rollouts/${rolloutId}`);
  for (const [ch, who, status] of [
    [CH.regionSamara.id, 'pavel', 'done'],
    [CH.regionKazan.id, 'kazan', 'in_progress'],
  ] as const) {
    const child = (rollout.rows as Json[]).find((r) => r.channel_id === ch)!.task;
    if (child.status !== status) {
      created = true;
      await api.ok(who, 'PATCH', `/api/v1/tasks/${child.id}`, { version: child.version, status });
    }
  }

  // Olga reads the weekly digest by direct message, and this week's is already in her Digest tab.
  const subscription = await api.ok('olga', 'PUT', `/api/v1/projects/${projectId}/digest-subscription`);
  if (subscription.subscribed !== true) throw new Error('seed: the digest subscription did not take');
  const digests = (await api.ok('olga', 'GET', `/api/v1/projects/${projectId}/digests`)).items as Json[];
  let digestId: string | undefined = digests.find((d) => d.audience_kind === 'user' && d.audience_id === U.olga.id)?.id;
  if (!digestId) {
    created = true;
    digestId = (await api.ok('olga', 'POST', `/api/v1/projects/${projectId}/digests`)).id as string;
  }

  return { created, projectId, taskIds, assetId: asset.id, decisionId: decision.id, rolloutId, digestId };
}
