// Throughline's flows in Chromium, inside the sandbox host on React 18.2 (Mattermost 10+) and on
// React 17 (Mattermost 7–9), each against a fresh stand-in and a fresh service database:
//   1. a message becomes a task (right-click menu and message-actions menu), with its files, in
//      the sidebar, and the bot's card in the message's thread;
//   2. another member's open sidebar shows the new task and its status change live;
//   3. the Kazan franchisee guest sees Kazan's work and nothing of Samara's, in the UI and the API;
//   4. a new layout version approved by the office manager reaches every region, Kazan confirms
//      receipt on the card, the receipt matrix shows who has and has not; then Samara confirms
//      through the bot's button where the plugin does not run (the mobile path, relayed by the
//      stand-in as Mattermost relays button clicks);
//   5. the sidebar in Russian;
//   6. search: "макетов" finds the task titled "Макет 6×3", the word marked, in English and Russian.
// Screenshots of the key states go to test-results/flows-react<N>-<flow>/; a failing test leaves
// FAILED-<test>-<n>-<user>.png and .console.log there for every page it opened (E2E_CONSOLE=1
// keeps every page's console log, passing or not).
//   node --import tsx --test tests/e2e/flows.e2e.test.ts
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser } from 'playwright-core';

import { buildHost } from '../sandbox/build.ts';
import { REAL_PLUGIN } from '../sandbox/plugins.ts';
import { startStack, type Stack } from '../sandbox/stack.ts';
import { fixtures } from '../standin/index.ts';
import { makePng } from '../standin/media.ts';

import { launchChromium } from './browser.ts';
import {
  C,
  P,
  U,
  channelPath,
  ensureCampaign,
  goToChannel,
  hostLocaleFileAfterPlugins,
  isBotPost,
  messageAction,
  openSidebar,
  openThread,
  PLUGIN_ID,
  pageApi,
  rightClickAction,
  serviceApi,
  Session,
  taskRow,
  waitForStoredPost,
} from './throughline.ts';

const REACTS = ['19', '18', '17'] as const;
const realBundle = existsSync(REAL_PLUGIN.bundleFile);
const F = fixtures.files;

let browser: Browser;

before(async () => {
  await buildHost();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const OUTDOOR_TITLE = 'Outdoor 6x3 — slogan B is final';
const OUTDOOR_DESCRIPTION =
  'Please update the layout for all regions: Kazan, Samara, Novosibirsk.\nDeadline: Friday 18:00, print files to the agency.';
const LAYOUTS_TITLE = 'Layouts v2: the 6x3 billboard and the A4 flyer, both with slogan B.';

/** No uncaught exception in any page of the test. */
function assertNoPageErrors(s: Session) {
  const errors = s.errors().filter((l) => l.includes('[pageerror]'));
  assert.deepEqual(errors, [], errors.join('\n'));
}

/** A small "layout" PNG whose pixels depend on `seed`, so each run uploads new bytes. */
function layoutPng(seed: number): Buffer {
  return makePng(96, 32, (x, y) =>
    y >= 10 && y < 16 && x >= 12 && x < 84 ? [250, 250, 245] : [(40 + x + seed) % 256, (150 + y + seed * 7) % 256, 90],
  );
}

for (const react of REACTS) {
  describe(
    `Throughline flows on React ${react}`,
    { skip: realBundle ? false : 'webapp/dist/main.js is not built (npm run build -w webapp)' },
    () => {
      let stack: Stack;
      let plainFront: string;
      let dataDir: string;
      const q = `?react=${react}`;
      const suite = (flow: string) => `flows-react${react}-${flow}`;
      const session = (flow: string) => new Session(browser, suite(flow), stack.front.url);

      before(async () => {
        dataDir = mkdtempSync(path.join(os.tmpdir(), `throughline-flows-${react}-`));
        stack = await startStack({ dataDir, plugins: 'real', react, serviceEnv: { OUTBOX_POLL_MS: '100' } });
        // The same Mattermost and service, in a webapp without Throughline (as the mobile apps are).
        plainFront = (await stack.addFront({ react, plugins: 'fixture' })).url;
      });

      after(async () => {
        await stack?.stop();
        if (dataDir) {
          rmSync(dataDir, { recursive: true, force: true });
        }
      });

      test('1. a message becomes a task: right-click and message actions → modal → sidebar with files → card in the thread', async () => {
        const s = session('1-create-task');
        await s.run('create-task', async () => {
          const t = await s.as('olga', channelPath(C.campaignHq.name) + q);
          const { page } = t;
          await page.locator(`[id="post_${P.outdoorFinal.id}"]`).waitFor();

          // The channel is no project yet: one click in the sidebar makes it one.
          const sidebar = await openSidebar(page);
          await sidebar.getByText('This channel is not part of a project yet.').waitFor();
          await t.shot('01-sidebar-no-project');
          await sidebar.getByRole('button', { name: 'Make this channel a project' }).click();
          const projectSelect = sidebar.getByLabel('Project', { exact: true });
          await projectSelect.waitFor();
          assert.equal(await projectSelect.locator('option:checked').textContent(), C.campaignHq.display_name);
          await sidebar.getByText('No tasks yet — right-click a message to create one.').waitFor();
          await t.shot('02-project-made');

          // Right-click the multi-line message: Throughline's menu, prefilled modal.
          await rightClickAction(page, P.outdoorFinal.id, 'Create task');
          const dialog = page.getByRole('dialog', { name: 'Create task' });
          await dialog.waitFor();
          assert.equal(await dialog.getByLabel('Title').inputValue(), OUTDOOR_TITLE);
          assert.equal(await dialog.getByLabel('Description').inputValue(), OUTDOOR_DESCRIPTION);
          await t.shot('03-right-click-modal');
          await dialog.getByRole('button', { name: 'Create task' }).click();
          await dialog.waitFor({ state: 'detached' });
          await page
            .getByRole('status')
            .filter({ hasText: `Task created: ${OUTDOOR_TITLE}` })
            .waitFor();
          await taskRow(sidebar, OUTDOOR_TITLE).waitFor();
          await t.shot('04-task-in-sidebar');

          const [created] = (await serviceApi(stack, 'olga', 'GET', `/tasks?channel_id=${C.campaignHq.id}`)).body.items;
          assert.equal(created.title, OUTDOOR_TITLE);
          assert.equal(created.description, OUTDOOR_DESCRIPTION);
          assert.equal(created.source_post_id, P.outdoorFinal.id);
          assert.ok(created.project_id, "the task belongs to the channel's project");

          // The bot's card lands in the message's thread.
          const card = await waitForStoredPost(
            stack,
            C.campaignHq.id,
            (p) => isBotPost(p) && p.root_id === P.outdoorFinal.id && (p.type as string) === 'custom_throughline_task',
            'task card',
          );
          let thread = await openThread(page, P.outdoorFinal.id);
          await thread.locator(`[id="rhsPost_${card.id}"] .tl-card`, { hasText: OUTDOOR_TITLE }).waitFor();
          await t.shot('05-card-in-thread');

          // Right-click works in the thread view too (posts there are #rhsPost_<id>).
          await thread.locator(`[id="rhsPost_${P.outdoorReply.id}"] .post__body`).click({ button: 'right' });
          await page.getByRole('menu', { name: 'Throughline actions' }).getByRole('menuitem', { name: 'Create task' }).click();
          assert.equal(
            await dialog.getByLabel('Title').inputValue(),
            'Согласовано с руководством, запускаем. Регионам отправлю финальную версию в пятницу.',
          );
          await t.shot('05b-right-click-in-thread');
          await dialog.getByRole('button', { name: 'Cancel' }).click();
          await dialog.waitFor({ state: 'detached' });

          // The same through the message-actions menu, on the message with two files.
          await messageAction(page, P.layoutsV2.id, 'Create task');
          await dialog.waitFor();
          assert.equal(await dialog.getByLabel('Title').inputValue(), LAYOUTS_TITLE);
          assert.deepEqual(await dialog.locator('.tl-files li').allTextContents(), [F.outdoorPng.name, F.flyerPdf.name]);
          await t.shot('06-message-actions-modal-with-files');
          await dialog.getByRole('button', { name: 'Create task' }).click();
          const toast = page.getByRole('status').filter({ hasText: `Task created: ${LAYOUTS_TITLE}` });
          await toast.getByRole('button', { name: 'Open in sidebar' }).click();

          // The toast opens the task in the sidebar: its title and the message's files.
          const detail = page.locator('.tl-sidebar .tl-detail');
          await detail.getByRole('heading', { name: LAYOUTS_TITLE }).waitFor();
          assert.deepEqual(await detail.locator('.tl-files a').allTextContents(), [F.outdoorPng.name, F.flyerPdf.name]);
          await t.shot('07-task-detail-with-files');
          await detail.getByRole('button', { name: 'Back to tasks' }).click();
          await taskRow(sidebar, LAYOUTS_TITLE).waitFor();
          await taskRow(sidebar, OUTDOOR_TITLE).waitFor();
          await t.shot('08-sidebar-both-tasks');

          const card2 = await waitForStoredPost(
            stack,
            C.campaignHq.id,
            (p) => isBotPost(p) && p.root_id === P.layoutsV2.id && (p.type as string) === 'custom_throughline_task',
            'task card',
          );
          thread = await openThread(page, P.layoutsV2.id);
          await thread.locator(`[id="rhsPost_${card2.id}"] .tl-card`, { hasText: LAYOUTS_TITLE }).waitFor();
          await t.shot('09-second-card-in-thread');
          assertNoPageErrors(s);
        });
      });

      test("2. live: another member's open sidebar shows a new task and its status change without a reload", async () => {
        const s = session('2-live');
        await s.run('live', async () => {
          await ensureCampaign(stack);
          const title = `Live on React ${react}: banner for the Kazan mall entrance`;

          const watcher = await s.as('dmitry', channelPath(C.campaignHq.name) + q);
          const watched = await openSidebar(watcher.page);
          await watched.getByRole('list', { name: 'Tasks by status' }).or(watched.getByText('No tasks yet')).first().waitFor();
          let loads = 0;
          watcher.page.on('load', () => loads++);
          await watcher.page.evaluate(() => {
            (window as any).__e2eNoReload = true;
          });
          await watcher.shot('01-dmitry-before');

          const author = await s.as('olga', channelPath(C.campaignHq.name) + q);
          const box = author.page.locator('#post_textbox');
          await box.fill(title);
          await box.press('Enter');
          const posted = author.page.locator('#postListContent [role=listitem]', { hasText: title });
          await posted.waitFor();
          const postId = (await posted.getAttribute('id'))!.replace(/^post_/, '');
          await rightClickAction(author.page, postId, 'Create task');
          const dialog = author.page.getByRole('dialog', { name: 'Create task' });
          assert.equal(await dialog.getByLabel('Title').inputValue(), title);
          await dialog.getByRole('button', { name: 'Create task' }).click();
          await dialog.waitFor({ state: 'detached' });

          // Generous waits: the live path is measured by `make bench`; here only its arrival is asserted, on a machine that may be busy.
          await taskRow(watched, title).waitFor({ timeout: 30_000 });
          await watcher.shot('02-dmitry-sees-new-task');

          const mine = await openSidebar(author.page);
          await mine.getByLabel(`Status of “${title}”`).selectOption('in_progress');
          await author.shot('03-olga-changed-status');

          // The row moves to another group (and may be drawn anew): look it up on every check.
          await watcher.page.waitForFunction(
            (label) => document.querySelector<HTMLSelectElement>(`.tl-sidebar select[aria-label="${label}"]`)?.value === 'in_progress',
            `Status of “${title}”`,
            { timeout: 30_000 },
          );
          await watched.getByRole('button', { name: /In progress \(1\)/ }).waitFor();
          await watcher.shot('04-dmitry-sees-status-change');

          assert.equal(loads, 0, 'the watching page never reloaded');
          assert.equal(await watcher.page.evaluate(() => (window as any).__e2eNoReload), true);
          assertNoPageErrors(s);
        });
      });

      test("3. the Kazan franchisee guest sees Kazan's work and nothing of Samara's, in the UI and from the API", async () => {
        const s = session('3-kazan-guest');
        await s.run('kazan-guest', async () => {
          const project = await ensureCampaign(stack);
          const kazanTitle = 'Kazan: confirm the final 6×3 layout has arrived';
          const samaraTitle = 'Samara: check the contractor print quote';
          const made = async (body: object) => {
            const r = await serviceApi(stack, 'olga', 'POST', '/tasks', { ...body, project_id: project.id });
            assert.equal(r.status, 201, r.text);
            return r.body;
          };
          const kazanTask = await made({ post_id: P.kazanFinal.id, title: kazanTitle });
          const samaraTask = await made({ post_id: P.samaraQuote.id, title: samaraTitle });
          const asset = async (name: string, channelIds: string[]) => {
            const r = await serviceApi(stack, 'olga', 'POST', '/assets', { project_id: project.id, name, channel_ids: channelIds });
            assert.equal(r.status, 201, r.text);
            return r.body;
          };
          const shared = await asset('Outdoor 6×3 — regional rollout', [C.regionKazan.id, C.regionSamara.id]);
          const samaraOnly = await asset('Samara print run — contractor prices', [C.regionSamara.id]);

          const t = await s.as('kazan', channelPath(C.regionKazan.name) + q);
          const { page } = t;
          // The guest's own channel list: Kazan only.
          const channels = await page.locator('#SidebarContainer a').allTextContents();
          assert.deepEqual(channels, [C.regionKazan.display_name]);

          // Kazan's user locale is Russian: the sidebar speaks it.
          const sidebar = await openSidebar(page);
          await taskRow(sidebar, kazanTitle).waitFor();
          assert.equal(await sidebar.getByLabel('Показывать задачи').inputValue(), 'project', 'whole project is the default scope');
          const text = await sidebar.innerText();
          for (const secret of [samaraTitle, OUTDOOR_TITLE, 'Samara', 'Самара']) {
            assert.ok(!text.includes(secret), `the guest's sidebar shows "${secret}":\n${text}`);
          }
          await t.shot('01-kazan-sidebar-whole-project');
          await sidebar.getByLabel('Показывать задачи').selectOption('channel');
          await taskRow(sidebar, kazanTitle).waitFor();
          await t.shot('02-kazan-sidebar-this-channel');

          // Assets (Материалы): a guest starts on the channel's shelf; the one asset shared with
          // Kazan is one click away, with no "New asset".
          await sidebar.getByRole('tab', { name: 'Материалы' }).click();
          await sidebar.getByRole('heading', { name: 'Полка: актуальные версии для этого канала' }).waitFor();
          await sidebar.getByRole('button', { name: 'Все материалы и их история' }).click();
          const assetList = sidebar.getByRole('list', { name: 'Материалы' });
          await assetList.waitFor();
          assert.deepEqual(await assetList.locator('.tl-row__title').allTextContents(), [shared.name]);
          assert.equal(await sidebar.getByRole('button', { name: 'Новый материал' }).count(), 0);
          await t.shot('03-kazan-assets');
          await assetList.getByRole('button', { name: shared.name }).click();
          await sidebar.getByRole('heading', { name: shared.name }).waitFor();
          const assetText = await sidebar.innerText();
          for (const secret of [C.regionSamara.display_name, samaraOnly.name]) {
            assert.ok(!assetText.includes(secret), `the guest's asset view shows "${secret}":\n${assetText}`);
          }
          await t.shot('04-kazan-asset-detail');

          // Straight at the API from the guest's page: nothing of Samara, not even its ids.
          const secrets = [C.regionSamara.id, samaraTask.id, samaraTitle, samaraOnly.id, samaraOnly.name, U.pavel.id, P.samaraQuote.id];
          const leaks = (what: string, answer: { text: string }) => {
            for (const secret of secrets) {
              assert.ok(!answer.text.includes(secret), `${what} leaks ${secret}: ${answer.text.slice(0, 400)}`);
            }
          };
          const all = await pageApi(page, 'GET', '/tasks?limit=500');
          assert.equal(all.status, 200);
          assert.ok(all.body.items.some((x: any) => x.id === kazanTask.id));
          assert.deepEqual([...new Set(all.body.items.map((x: any) => x.channel_id))], [C.regionKazan.id]);
          leaks('GET /tasks?limit=500', all);
          const inProject = await pageApi(page, 'GET', `/tasks?project_id=${project.id}&limit=500`);
          assert.equal(inProject.status, 200);
          assert.deepEqual(
            inProject.body.items.map((x: any) => x.id),
            [kazanTask.id],
          );
          leaks('GET /tasks?project_id', inProject);
          for (const route of [
            `/tasks?channel_id=${C.regionSamara.id}`,
            `/tasks/${samaraTask.id}`,
            `/tasks/${samaraTask.id}/history`,
            `/assets/${samaraOnly.id}`,
            `/assets/${samaraOnly.id}/history`,
          ]) {
            const r = await pageApi(page, 'GET', route);
            assert.equal(r.status, 404, `${route} → ${r.status} ${r.text}`);
            assert.equal(r.body.error.code, 'not_found');
            leaks(route, r);
          }
          const projects = await pageApi(page, 'GET', '/projects');
          assert.deepEqual(
            projects.body.items.map((p: any) => p.channel_ids),
            [[C.regionKazan.id]],
          );
          leaks('GET /projects', projects);
          const assets = await pageApi(page, 'GET', `/assets?project_id=${project.id}`);
          assert.equal(assets.status, 200);
          assert.deepEqual(
            assets.body.items.map((a: any) => [a.id, a.channel_ids]),
            [[shared.id, [C.regionKazan.id]]],
          );
          leaks('GET /assets', assets);
          const one = await pageApi(page, 'GET', `/assets/${shared.id}`);
          assert.deepEqual(one.body.channel_ids, [C.regionKazan.id]);
          leaks('GET /assets/:shared', one);
          // A guest may not change what it can see either.
          const patch = await pageApi(page, 'PATCH', `/tasks/${samaraTask.id}`, { version: samaraTask.version, status: 'done' });
          assert.equal(patch.status, 404);
          await t.shot('05-kazan-after-api-checks');
          assertNoPageErrors(s);
        });
      });

      test('4. a layout version approved by the office manager reaches every region; Kazan confirms; the receipt matrix shows it', async () => {
        const s = session('4-assets');
        await s.run('assets', async () => {
          const project = await ensureCampaign(stack);
          const assetName = 'Outdoor 6×3, slogan B';
          const regions = [C.regionKazan, C.regionSamara, C.regionNovosibirsk];
          const olga = await s.as('olga', channelPath(C.campaignHq.name) + q);
          const sidebar = await openSidebar(olga.page);

          // A new asset, shared with the three regions, from the sidebar's Assets tab.
          await sidebar.getByRole('tab', { name: 'Assets' }).click();
          await sidebar.getByRole('button', { name: 'New asset' }).click();
          const create = olga.page.getByRole('dialog', { name: 'New asset' });
          await create.getByLabel('Name').fill(assetName);
          await create.getByRole('checkbox', { name: C.campaignHq.display_name }).uncheck();
          for (const region of regions) {
            await create.getByRole('checkbox', { name: region.display_name }).check();
          }
          await olga.shot('01-new-asset-dialog');
          await create.getByRole('button', { name: 'Create asset' }).click();
          await create.waitFor({ state: 'detached' });
          await sidebar.getByRole('heading', { name: assetName }).waitFor();

          // Upload the layout as a new version.
          const fileName = `outdoor-6x3-slogan-B-v3-react${react}.png`;
          await sidebar
            .getByLabel('Upload a new version')
            .setInputFiles({ name: fileName, mimeType: 'image/png', buffer: layoutPng(Date.now() % 997) });
          await sidebar
            .getByRole('status')
            .filter({ hasText: `Version 1 added: ${fileName}` })
            .waitFor();
          await olga.shot('02-version-uploaded');

          // Approve it as the office manager.
          await sidebar.getByRole('button', { name: 'Approve version 1' }).click();
          const decide = olga.page.getByRole('dialog', { name: 'Approve version 1' });
          await decide.getByLabel('Comment (optional)').fill('Final for all regions.');
          await decide.getByRole('button', { name: 'Approve', exact: true }).click();
          await decide.waitFor({ state: 'detached' });
          const matrix = sidebar.getByRole('table', { name: 'Receipts for version 1' });
          await matrix.waitFor();
          for (const region of regions) {
            await matrix.getByRole('row', { name: new RegExp(`${region.display_name}.*Pending`) }).waitFor();
          }
          await olga.shot('03-approved-receipts-pending');

          const asset = (await serviceApi(stack, 'olga', 'GET', `/assets?project_id=${project.id}`)).body.items.find(
            (a: any) => a.name === assetName,
          );
          const versionId: string = asset?.approved_version_id;
          assert.ok(versionId, 'the service holds the approved version');

          // An approval card in every regional channel: the plugin draws it (custom_throughline_approval).
          const cards: Record<string, string> = {};
          for (const channel of regions) {
            const card = await waitForStoredPost(
              stack,
              channel.id,
              (p) =>
                isBotPost(p) && (p.type as string) === 'custom_throughline_approval' && (p.props as any).approval?.version_id === versionId,
              'approval card',
            );
            cards[channel.id] = card.id;
          }
          // A second page of Olga's goes round the regions; the first keeps the matrix open.
          const watcher = await s.as('olga', channelPath(regions[0]!.name) + q);
          for (const [i, channel] of regions.entries()) {
            if (i > 0) {
              await goToChannel(watcher.page, channel.name);
            }
            await watcher.page.locator(`[id="post_${cards[channel.id]}"] .tl-card`, { hasText: assetName }).waitFor();
            await watcher.shot(`04-approval-card-${channel.name}`);
          }

          // A look-alike card the guest posts himself, naming the real asset, is only its message: no card, no button.
          const forged = stack.standin.createPost({
            user_id: U.kazan.id,
            channel_id: C.regionKazan.id,
            message: 'Forged approval: confirm here',
            type: 'custom_throughline_approval',
            props: {
              approval: {
                asset_id: asset.id,
                version_id: versionId,
                channel_id: C.regionKazan.id,
                version_number: 1,
                asset_name: 'Forged name',
                file_name: 'forged.png',
              },
            },
          });

          // The Kazan guest confirms receipt on the card in its channel.
          const kazan = await s.as('kazan', channelPath(C.regionKazan.name) + q);
          const kazanCard = kazan.page.locator(`[id="post_${cards[C.regionKazan.id]}"] .tl-card`);
          await kazanCard.filter({ hasText: assetName }).waitFor();
          const forgedPost = kazan.page.locator(`[id="post_${forged.id}"]`);
          await forgedPost.filter({ hasText: 'Forged approval: confirm here' }).waitFor();
          assert.equal(await forgedPost.locator('.tl-card').count(), 0, 'a card the bot did not write is not drawn');
          assert.equal(await forgedPost.getByRole('button', { name: 'Подтвердить получение' }).count(), 0);
          await kazan.shot('05-kazan-sees-card');
          await kazanCard.getByRole('button', { name: 'Подтвердить получение' }).click();
          await kazanCard.filter({ hasText: U.kazan.first_name }).waitFor();
          assert.equal(await kazanCard.getByRole('button').count(), 0, 'confirmed: no button left on the card');
          await kazan.shot('06-kazan-confirmed');

          // The office manager's open receipt matrix, live: Kazan confirmed, the others pending.
          const row = (channel: { display_name: string }, what: string) =>
            matrix.getByRole('row', { name: new RegExp(`${channel.display_name}.*${what}`) });
          await row(C.regionKazan, U.kazan.first_name).waitFor({ timeout: 10_000 });
          await row(C.regionSamara, 'Pending').waitFor();
          await row(C.regionNovosibirsk, 'Pending').waitFor();
          await olga.shot('07-olga-matrix-kazan-confirmed');
          const receipts = async () =>
            Object.fromEntries(
              (await serviceApi(stack, 'olga', 'GET', `/assets/${asset.id}`)).body.receipts.map((r: any) => [r.channel_id, r.confirmed_by]),
            );
          assert.deepEqual(await receipts(), { [C.regionKazan.id]: U.kazan.id, [C.regionSamara.id]: null, [C.regionNovosibirsk.id]: null });

          // Where the plugin does not run (the mobile apps, a webapp without it) the card is the
          // bot's message and its button: Mattermost relays the click to the service. Pavel
          // confirms Samara that way.
          const plain = await s.as('pavel', channelPath(C.regionSamara.name) + q, plainFront);
          const plainCard = plain.page.locator(`[id="post_${cards[C.regionSamara.id]}"]`);
          await plainCard.filter({ hasText: 'Please confirm that your channel has received it.' }).waitFor();
          await plain.shot('08-card-without-plugin');
          await plainCard.getByRole('button', { name: 'Confirm receipt' }).click();
          // The click's answer edits the card (its button goes): open the thread once that has landed.
          await plainCard.getByRole('button', { name: 'Confirm receipt' }).waitFor({ state: 'detached' });
          const thread = await openThread(plain.page, cards[C.regionSamara.id]!);
          await thread.locator('.post', { hasText: 'подтверждено' }).waitFor();
          await plain.shot('09-pavel-confirmed-by-button');
          await row(C.regionSamara, U.pavel.first_name).waitFor({ timeout: 10_000 });
          await row(C.regionNovosibirsk, 'Pending').waitFor();
          await olga.shot('10-olga-matrix-samara-confirmed');
          assert.deepEqual(await receipts(), {
            [C.regionKazan.id]: U.kazan.id,
            [C.regionSamara.id]: U.pavel.id,
            [C.regionNovosibirsk.id]: null,
          });
          assertNoPageErrors(s);
        });
      });

      test('5. the sidebar in Russian', async () => {
        const s = session('5-russian');
        await s.run('russian', async () => {
          const project = await ensureCampaign(stack);
          const task = await serviceApi(stack, 'olga', 'POST', '/tasks', {
            channel_id: C.campaignHq.id,
            project_id: project.id,
            title: 'Проверить макет листовки A4',
          });
          assert.equal(task.status, 201, task.text);
          const t = await s.as('olga', channelPath(C.campaignHq.name) + q + '&locale=ru', undefined, (p) =>
            hostLocaleFileAfterPlugins(p, 'ru'),
          );
          const { page } = t;
          // Texts the host renders from the plugin's registrations: the App Bar tooltip, the message-actions items.
          await page
            .locator(`.app-bar__icon[data-plugin-id="${PLUGIN_ID}"] [role=tooltip]`, { hasText: 'Открыть панель проекта' })
            .waitFor({ state: 'attached' });
          await messageAction(page, P.kickoff.id, 'Создать задачу');
          const fromMenu = page.getByRole('dialog', { name: 'Новая задача' });
          await fromMenu.getByRole('button', { name: 'Закрыть' }).click();
          await fromMenu.waitFor({ state: 'detached' });
          const sidebar = await openSidebar(page);
          await sidebar.getByLabel('Проект', { exact: true }).waitFor();
          await sidebar.getByLabel('Показывать задачи').waitFor();
          assert.equal(await sidebar.getByLabel('Показывать задачи').locator('option:checked').textContent(), 'Всего проекта');
          await sidebar.getByText('Мои', { exact: true }).waitFor();
          await sidebar.getByRole('button', { name: /К выполнению \(\d+\)/ }).waitFor();
          await page.locator('#rhsPluginTitle', { hasText: 'Throughline' }).waitFor();
          await t.shot('01-sidebar-russian');

          // The post menus and the modal speak Russian too.
          await rightClickAction(page, P.kickoff.id, 'Создать задачу', 'Действия Throughline');
          const dialog = page.getByRole('dialog', { name: 'Новая задача' });
          await dialog.getByLabel('Название').waitFor();
          await t.shot('02-modal-russian');
          await dialog.getByRole('button', { name: 'Закрыть' }).click();
          await dialog.waitFor({ state: 'detached' });

          // The language switcher flips it live, both ways.
          await page.selectOption('#sandbox-locale-switcher', 'en');
          await sidebar.getByLabel('Show tasks from').waitFor();
          await page.selectOption('#sandbox-locale-switcher', 'ru');
          await sidebar.getByLabel('Показывать задачи').waitFor();
          await t.shot('03-switched-back-to-russian');
          assertNoPageErrors(s);
        });
      });

      test('6. search in the sidebar: "макетов" finds the task "Макет 6×3" with the word marked, and opens it; in Russian too', async () => {
        const s = session('6-search');
        await s.run('search', async () => {
          const project = await ensureCampaign(stack);
          const made = await serviceApi(stack, 'olga', 'POST', '/tasks', {
            channel_id: C.campaignHq.id,
            project_id: project.id,
            title: 'Макет 6×3',
            description: 'Наружная реклама: согласовать макеты для всех регионов',
          });
          assert.equal(made.status, 201, made.text);

          for (const locale of ['en', 'ru'] as const) {
            const ru = locale === 'ru';
            const t = await s.as('olga', channelPath(C.campaignHq.name) + q + (ru ? '&locale=ru' : ''), undefined, (p) =>
              ru ? hostLocaleFileAfterPlugins(p, 'ru') : Promise.resolve(),
            );
            const { page } = t;
            const sidebar = await openSidebar(page);
            const box = sidebar.getByRole('searchbox', {
              name: ru ? 'Искать задачи, решения и материалы' : 'Search tasks, decisions and assets',
            });
            await box.fill('макетов');
            await box.press('Enter');
            const results = sidebar.getByRole('list', { name: ru ? 'Результаты поиска' : 'Search results' });
            const hit = results.getByRole('button', { name: 'Макет 6×3' });
            await hit.waitFor();
            assert.equal(await hit.locator('mark').textContent(), 'Макет');
            const row = hit.locator('xpath=ancestor::li[1]');
            assert.deepEqual(await row.locator('mark').allTextContents(), ['Макет', 'макеты']);
            await row.getByText(ru ? 'Задача · К выполнению' : 'Task · To do').waitFor();
            await t.shot(`01-results-${locale}`);

            // Filters go to the service: no decision is called so.
            await sidebar.getByLabel(ru ? 'Тип' : 'Kind').selectOption('decision');
            await sidebar.getByText(ru ? 'С этими фильтрами ничего не найдено.' : 'Nothing matches these filters.').waitFor();
            await sidebar.getByRole('button', { name: ru ? 'Сбросить фильтры' : 'Clear filters' }).click();
            await hit.click();
            await sidebar.getByRole('heading', { name: 'Макет 6×3' }).waitFor();
            await t.shot(`02-task-opened-${locale}`);
          }

          // The Kazan franchisee does not find HQ's task: not in the list, not counted.
          const guest = await serviceApi(stack, 'kazan', 'GET', `/search?q=${encodeURIComponent('макетов')}`);
          assert.equal(guest.status, 200);
          assert.ok(!guest.body.items.some((h: any) => h.id === made.body.id));
          assertNoPageErrors(s);
        });
      });
    },
  );
}
