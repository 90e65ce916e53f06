// The first-run campaign: made through the service's API, once, whatever the number of runs.
//   node --import tsx --test tests/sandbox/seed.test.ts
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { fixtures } from '../standin/index.ts';

import { SEED, seedCampaign, type SeedResult } from './seed.ts';
import { startStack, type Stack } from './stack.ts';

const U = fixtures.users;
const CH = fixtures.channels;
let stack: Stack;
let dataDir: string;
let first: SeedResult;

async function get(as: keyof typeof U, p: string): Promise<any> {
  const res = await fetch(`${stack.serviceUrl}${p}`, { headers: { authorization: `Bearer ${U[as].token}` } });
  assert.equal(res.status, 200, `${p}: ${res.status}`);
  return res.json();
}

before(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tl-seed-'));
  stack = await startStack({ dataDir, plugins: 'fixture' });
  first = await seedCampaign(stack.serviceUrl);
});
after(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the campaign is made on the first run', async () => {
  assert.equal(first.created, true);
  const projects = (await get('olga', `/api/v1/projects?channel_id=${CH.campaignHq.id}`)).items;
  assert.deepEqual(
    projects.map((p: any) => [p.name, p.channel_ids]),
    [[SEED.project, [CH.campaignHq.id, CH.regionKazan.id, CH.regionSamara.id, CH.regionNovosibirsk.id]]],
  );

  const tasks = (await get('olga', `/api/v1/tasks?project_id=${first.projectId}&limit=100`)).items;
  assert.equal(tasks.length, 11, 'seven tasks, and one rolled out to the three regions');
  assert.deepEqual([...new Set(tasks.map((t: any) => t.status))].sort(), ['cancelled', 'done', 'in_progress', 'review', 'todo']);
  const overdue = (await get('olga', `/api/v1/tasks?project_id=${first.projectId}&overdue=true&limit=100`)).items;
  assert.deepEqual(overdue.map((t: any) => t.title).sort(), ['Kazan: hang the posters in 6 stores', 'Print quote for 40 stores']);
  assert.ok(tasks.filter((t: any) => t.status !== 'cancelled').every((t: any) => t.assignee_id && t.due_at));
  // The Kazan franchisee (a guest) sees the tasks of her channel, assigned to her: Kazan's copy of the rollout is one.
  const kazan = (await get('kazan', `/api/v1/tasks?project_id=${first.projectId}&mine=true`)).items;
  assert.deepEqual(kazan.map((t: any) => t.title).sort(), [SEED.rollout, 'Kazan: hang the posters in 6 stores'].sort());

  // The rollout: one task per region, assigned to its lead; Samara done, Kazan at it, Novosibirsk waiting for version 2.
  const rollout = await get('olga', `/api/v1/rollouts/${first.rolloutId}`);
  assert.equal(rollout.asset_id, first.assetId);
  assert.deepEqual(
    rollout.rows.map((r: any) => [r.channel_id, r.task.status, r.task.assignee_id, Boolean(r.receipt?.confirmed_at)]),
    [
      [CH.regionKazan.id, 'in_progress', U.kazan.id, true],
      [CH.regionSamara.id, 'done', U.pavel.id, true],
      [CH.regionNovosibirsk.id, 'todo', U.dmitry.id, false],
    ],
  );
  assert.equal(rollout.counts.done, 1);

  // Olga's digest of the week is stored, cites the rollout, and she is subscribed to the weekly one.
  const digest = await get('olga', `/api/v1/digests/${first.digestId}`);
  assert.deepEqual([digest.project_id, digest.audience_kind, digest.audience_id], [first.projectId, 'user', U.olga.id]);
  assert.match(JSON.stringify(digest), new RegExp(SEED.rollout));

  const asset = await get('olga', `/api/v1/assets/${first.assetId}`);
  assert.equal(asset.name, SEED.asset);
  assert.equal(asset.versions.length, 3);
  const approved = asset.versions.filter((v: any) => v.state === 'approved');
  assert.equal(approved.length, 1);
  assert.equal(asset.approved_version_id, approved[0].id);
  assert.deepEqual(
    asset.receipts.map((r: any) => [r.channel_id, Boolean(r.confirmed_at)]).sort(),
    [
      [CH.campaignHq.id, false],
      [CH.regionKazan.id, true],
      [CH.regionSamara.id, true],
      [CH.regionNovosibirsk.id, false],
    ].sort(),
  );

  const decision = await get('olga', `/api/v1/decisions/${first.decisionId}`);
  assert.equal(decision.statement, SEED.decision);
  assert.equal(decision.status, 'decided');
  assert.ok(decision.receipts.some((r: any) => r.channel_id === CH.regionSamara.id && r.confirmed_at));
});

test('a second run makes nothing new', async () => {
  const before = {
    tasks: (await get('olga', `/api/v1/tasks?project_id=${first.projectId}&limit=100`)).items,
    asset: await get('olga', `/api/v1/assets/${first.assetId}`),
    decision: await get('olga', `/api/v1/decisions/${first.decisionId}`),
    rollout: await get('olga', `/api/v1/rollouts/${first.rolloutId}`),
  };
  const again = await seedCampaign(stack.serviceUrl);
  assert.deepEqual(again, { ...first, created: false });
  assert.equal((await get('olga', `/api/v1/projects?channel_id=${CH.campaignHq.id}`)).items.length, 1);
  assert.deepEqual((await get('olga', `/api/v1/tasks?project_id=${first.projectId}&limit=100`)).items, before.tasks);
  assert.equal((await get('olga', `/api/v1/assets?project_id=${first.projectId}`)).items.length, 1);
  assert.deepEqual(await get('olga', `/api/v1/assets/${first.assetId}`), before.asset);
  assert.equal((await get('olga', `/api/v1/decisions?project_id=${first.projectId}`)).items.length, 1);
  assert.deepEqual(await get('olga', `/api/v1/decisions/${first.decisionId}`), before.decision);
  assert.deepEqual(await get('olga', `/api/v1/rollouts/${first.rolloutId}`), before.rollout);
  assert.equal((await get('olga', `/api/v1/projects/${first.projectId}/digests`)).items.length, 1);
});
