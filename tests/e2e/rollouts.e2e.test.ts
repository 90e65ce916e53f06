// A regional rollout in Chromium, inside the sandbox host on React 19, 18.2 and 17, against a fresh
// stand-in and a fresh service database:
//   version 1 of a billboard is approved; Olga names the Kazan franchisee as Kazan's lead and rolls
//   a task out to Kazan, Samara and Novosibirsk from its detail, bound to the billboard; the Kazan
//   guest (in Russian) sets her task done and is refused until Kazan has confirmed version 1, which
//   the refusal's button does, and the done goes through; Olga's matrix shows it live. Version 2 is
//   approved: Kazan's task reopens, its version 1 card says superseded, its bookmark points at
//   version 2, and the matrix (in English and in Russian) shows Kazan back at work, its receipt of
//   version 2 not yet confirmed.
// Screenshots go to test-results/rollouts-react<N>/.
//   node --import tsx --test tests/e2e/rollouts.e2e.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Locator, Page } from 'playwright-core';

import { makePng } from '../standin/media.ts';

import {
  C,
  U,
  channelPath,
  ensureCampaign,
  isBotPost,
  openSidebar,
  serviceApi,
  onEveryHost,
  taskRow,
  uploadVersion,
  waitForStoredPost,
} from './throughline.ts';

const REGIONS = [C.regionKazan, C.regionSamara, C.regionNovosibirsk];
const ASSET = 'Billboard 6×3';
const TITLE = 'Check the billboard placement';

/** A version's bytes: a small PNG unique to `seed`. */
const billboard = (seed: number) => makePng(64, 24, (x, y) => [(x * 3 + seed) % 256, (y * 9 + seed * 5) % 256, 120]);

/** Polls the service until `check` holds for what `read` answers. */
async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v)) {
      return v;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(v).slice(0, 400)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Waits until the sidebar's status select labelled `label` shows `status` (it may be drawn anew meanwhile). */
const statusIs = (page: Page, label: string, status: string) =>
  page.waitForFunction(([l, st]) => document.querySelector<HTMLSelectElement>(`.tl-sidebar select[aria-label="${l}"]`)?.value === st, [
    label,
    status,
  ] as const);

const matrixRow = (matrix: Locator, channel: { display_name: string }, what: string) =>
  matrix.getByRole('row', { name: new RegExp(`${channel.display_name}.*${what}`) });

onEveryHost('A regional rollout', { OUTBOX_POLL_MS: '100' }, (host) => {
  const { q } = host;

  test('approve v1 → roll out to three regions → Kazan refused, confirms, done → approve v2 → Kazan reopened → the matrix shows it; in Russian too', async () => {
    const { stack } = host;
    const s = host.session('rollouts');
    await s.run('rollout', async () => {
      const project = await ensureCampaign(stack);

      // The billboard, shared with HQ and the regions; version 1 approved.
      const made = await serviceApi(stack, 'olga', 'POST', '/assets', {
        project_id: project.id,
        name: ASSET,
        channel_ids: [C.campaignHq.id, ...REGIONS.map((r) => r.id)],
      });
      assert.equal(made.status, 201, made.text);
      const assetId: string = made.body.id;
      const v1 = await uploadVersion(stack, assetId, 'billboard-6x3-v1.png', billboard(1));
      const approved1 = await serviceApi(stack, 'olga', 'POST', `/assets/${assetId}/versions/${v1.id}/approve`, {});
      assert.equal(approved1.status, 200, approved1.text);
      // Its approval card reaches Kazan: what Kazan confirms.
      await waitForStoredPost(
        stack,
        C.regionKazan.id,
        (p) => isBotPost(p) && (p.type as string) === 'custom_throughline_approval' && (p.props as any).approval?.version_id === v1.id,
        'v1 approval card',
      );

      // The task to roll out, in HQ; Samara's lead is Pavel (named through the API).
      const parent = await serviceApi(stack, 'olga', 'POST', '/tasks', {
        channel_id: C.campaignHq.id,
        project_id: project.id,
        title: TITLE,
        description: 'Photos of every billboard by Friday.',
      });
      assert.equal(parent.status, 201, parent.text);
      const lead = await serviceApi(stack, 'olga', 'PUT', `/projects/${project.id}/channels/${C.regionSamara.id}/lead`, {
        user_id: U.pavel.id,
      });
      assert.equal(lead.status, 200, lead.text);

      // Olga names the Kazan franchisee as Kazan's lead in the project header.
      const olga = await s.as('olga', channelPath(C.campaignHq.name) + q);
      const sidebar = await openSidebar(olga.page);
      await sidebar.getByRole('button', { name: 'Leads' }).click();
      const leads = olga.page.getByRole('dialog', { name: 'Channel leads' });
      await leads.getByLabel('Channel', { exact: true }).selectOption({ label: C.regionKazan.display_name });
      await leads.getByLabel('Lead', { exact: true }).selectOption(U.kazan.id);
      await leads.getByRole('button', { name: 'Save lead' }).click();
      await leads.getByText('Saved.').waitFor();
      await leads.getByRole('row', { name: new RegExp(`${C.regionKazan.display_name}.*${U.kazan.first_name}`) }).waitFor();
      await olga.shot('01-leads');
      await leads.getByRole('button', { name: 'Close' }).first().click();
      await leads.waitFor({ state: 'detached' });

      // The task's detail → Roll out to regions… → the three regions, each with who gets the task, and the billboard.
      await taskRow(sidebar, TITLE).click();
      await sidebar.getByRole('heading', { name: TITLE }).waitFor();
      await sidebar.getByRole('button', { name: 'Roll out to regions…' }).click();
      const dialog = olga.page.getByRole('dialog', { name: `Roll out “${TITLE}”` });
      await dialog.getByText(`→ ${U.kazan.first_name} ${U.kazan.last_name}`).waitFor();
      await dialog.getByText(`→ ${U.pavel.first_name} ${U.pavel.last_name}`).waitFor();
      await dialog.getByText('→ no lead: unassigned').waitFor();
      for (const region of REGIONS) {
        await dialog.getByRole('checkbox', { name: region.display_name }).check();
      }
      await dialog.getByLabel(/Asset each channel must confirm first/).selectOption({ label: `${ASSET} — version 1 approved` });
      await olga.shot('02-rollout-dialog');
      await dialog.getByRole('button', { name: 'Roll out to 3 channels' }).click();
      await dialog.waitFor({ state: 'detached' });

      const matrix = sidebar.getByRole('table', { name: 'Rollout by channel' });
      await matrixRow(matrix, C.regionKazan, `To do.*${U.kazan.first_name}.*Not confirmed`).waitFor();
      await matrixRow(matrix, C.regionSamara, `To do.*${U.pavel.first_name}`).waitFor();
      await matrixRow(matrix, C.regionNovosibirsk, 'To do.*Unassigned').waitFor();
      await sidebar.getByText('0 of 3 done').waitFor();
      await olga.shot('03-matrix');

      const parentNow = (await serviceApi(stack, 'olga', 'GET', `/tasks/${parent.body.id}`)).body;
      assert.ok(parentNow.rollout_id, 'the task carries its rollout');
      const rollout = (await serviceApi(stack, 'olga', 'GET', `/rollouts/${parentNow.rollout_id}`)).body;
      assert.equal(rollout.asset_id, assetId);
      const kazanTask = rollout.rows.find((r: any) => r.channel_id === C.regionKazan.id).task;
      assert.equal(kazanTask.assignee_id, U.kazan.id);
      assert.equal(kazanTask.parent_id, parent.body.id);

      // The Kazan guest, in Russian: her task, which says only that it is part of a rollout (HQ is not hers).
      const kazan = await s.as('kazan', channelPath(C.regionKazan.name) + q);
      const kazanSidebar = await openSidebar(kazan.page);
      await taskRow(kazanSidebar, TITLE).click();
      await kazanSidebar.getByRole('heading', { name: TITLE }).waitFor();
      await kazanSidebar.getByText('Часть рассылки по регионам').waitFor();

      // Done is refused until Kazan has version 1; the refusal's button confirms it and the done goes through.
      await kazanSidebar.getByLabel(`Статус задачи «${TITLE}»`).selectOption('done');
      const refusal = kazanSidebar.getByRole('alert').filter({ hasText: `Сначала подтвердите получение версии 1 материала «${ASSET}».` });
      await refusal.waitFor();
      await kazan.shot('04-kazan-refused-ru');
      assert.equal((await serviceApi(stack, 'kazan', 'GET', `/tasks/${kazanTask.id}`)).body.status, 'todo');
      await refusal.getByRole('button', { name: 'Подтвердить получение' }).click();
      await refusal.waitFor({ state: 'detached' });
      await statusIs(kazan.page, `Статус задачи «${TITLE}»`, 'done');
      await kazan.shot('05-kazan-done-ru');
      const kazanDone = (await serviceApi(stack, 'kazan', 'GET', `/tasks/${kazanTask.id}`)).body;
      assert.equal(kazanDone.status, 'done');
      const receipts = (await serviceApi(stack, 'olga', 'GET', `/assets/${assetId}`)).body.receipts;
      assert.equal(receipts.find((r: any) => r.channel_id === C.regionKazan.id).confirmed_by, U.kazan.id);

      // Olga's matrix follows, live.
      await matrixRow(matrix, C.regionKazan, `Done.*${U.kazan.first_name}.*Version 1, ${U.kazan.first_name}`).waitFor();
      await sidebar.getByText('1 of 3 done').waitFor();
      await olga.shot('06-matrix-kazan-done');

      // Version 2 approved: Kazan's task goes back to work.
      const v2 = await uploadVersion(stack, assetId, 'billboard-6x3-v2.png', billboard(2));
      const approved2 = await serviceApi(stack, 'olga', 'POST', `/assets/${assetId}/versions/${v2.id}/approve`, {});
      assert.equal(approved2.status, 200, approved2.text);
      await eventually(
        async () => (await serviceApi(stack, 'kazan', 'GET', `/tasks/${kazanTask.id}`)).body.status,
        (st) => st === 'in_progress',
        "Kazan's task did not reopen",
      );
      await statusIs(kazan.page, `Статус задачи «${TITLE}»`, 'in_progress');
      await kazan.shot('07-kazan-reopened-ru');

      // Version 1 is recalled in Kazan: its card says superseded and offers no receipt, and the
      // channel's one bookmark of the billboard points at version 2's card.
      const recalled = await waitForStoredPost(
        stack,
        C.regionKazan.id,
        (p) => isBotPost(p) && (p.props as any).approval?.version_id === v1.id && (p.props as any).approval?.superseded_by_number === 2,
        'v1 card recalled',
      );
      assert.match(recalled.message, /superseded by version 2/);
      assert.equal(JSON.stringify(recalled.props).includes('Confirm receipt'), false, 'no receipt button on a recalled card');
      const v2Card = await waitForStoredPost(
        stack,
        C.regionKazan.id,
        (p) => isBotPost(p) && (p.props as any).approval?.version_id === v2.id,
        'v2 approval card',
      );
      assert.equal(JSON.stringify(v2Card.props).includes('Confirm receipt'), true, "version 2's card asks for a receipt");
      const pinned = await eventually(
        async () => stack.standin.bookmarksIn(C.regionKazan.id).filter((b) => !b.delete_at),
        (list) => list.length === 1 && list[0]!.link_url?.endsWith(v2Card.id) === true,
        "Kazan's bookmark of version 2",
      );
      assert.match(pinned[0]!.display_name, /v2/);

      // The matrix shows Kazan back in progress, its receipt of version 2 not yet confirmed.
      await matrixRow(matrix, C.regionKazan, 'In progress.*Not confirmed').waitFor();
      await sidebar.getByText('0 of 3 done').waitFor();
      await sidebar.getByText(`0 of 3 have version 2 of ${ASSET}`).waitFor();
      await olga.shot('08-matrix-after-v2');

      // The same matrix in Russian.
      const olgaRu = await s.as('olga', channelPath(C.campaignHq.name) + q + '&locale=ru');
      const ruSidebar = await openSidebar(olgaRu.page);
      // The whole project lists the task and its three copies: HQ's own list has the one rolled out.
      await ruSidebar.getByLabel('Показывать задачи').selectOption('channel');
      await taskRow(ruSidebar, TITLE).click();
      const ruMatrix = ruSidebar.getByRole('table', { name: 'Рассылка по каналам' });
      await matrixRow(ruMatrix, C.regionKazan, 'В работе.*Не подтверждено').waitFor();
      await ruSidebar.getByText('Готово: 0 из 3').waitFor();
      await ruSidebar.getByRole('button', { name: 'Добавить каналы' }).waitFor();
      await olgaRu.shot('09-matrix-ru');

      const errors = s.errors().filter((l) => l.includes('[pageerror]'));
      assert.deepEqual(errors, [], errors.join('\n'));
    });
  });
});
