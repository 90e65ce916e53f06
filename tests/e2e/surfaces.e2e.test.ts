// What Mattermost 12 lets Throughline draw in the host's own views, in Chromium inside the sandbox
// host on React 19 (12.1), 18.2 (11.2) and 17 (7.3), against a fresh stand-in and service database:
//   a task made from an HQ message shows its status beside that message, and the HQ channel shows
//   its approved versions in one line above the message box; both follow changes live (the task is
//   put in review, a new version is approved) and open the task or the asset in the sidebar. The
//   older hosts have neither surface: nothing is drawn, nothing asked for, nothing breaks.
// Screenshots go to test-results/surfaces-react<N>/.
//   node --import tsx --test tests/e2e/surfaces.e2e.test.ts
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser, Page } from 'playwright-core';

import { buildHost } from '../sandbox/build.ts';
import { REAL_PLUGIN } from '../sandbox/plugins.ts';
import { startStack, type Stack } from '../sandbox/stack.ts';
import { makePng } from '../standin/media.ts';

import { launchChromium } from './browser.ts';
import { C, P, channelPath, ensureCampaign, openSidebar, openThread, serviceApi, Session, taskRow, uploadVersion } from './throughline.ts';

const REACTS = ['19', '18', '17'] as const;
const realBundle = existsSync(REAL_PLUGIN.bundleFile);
const ASSET = 'Poster A1';

let browser: Browser;

before(async () => {
  await buildHost();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const poster = (seed: number) => makePng(48, 32, (x, y) => [(x * 5 + seed * 40) % 256, (y * 7 + seed) % 256, 90]);

/** Records in `into` every POST /tasks/sources the page sends: the post ids it asks about. */
async function watchSourceAsks(page: Page, into: string[][]): Promise<void> {
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/throughline-api/api/v1/tasks/sources')) {
      into.push((r.postDataJSON() as { post_ids: string[] }).post_ids);
    }
  });
}

/** The banner above a message box (the centre's, or a thread's). */
const bannerIn = (page: Page, textbox: '#post_textbox' | '#reply_textbox') =>
  page.locator(`.sandbox-message-box:has(${textbox})`).getByRole('note', { name: 'Approved versions for this channel' });

async function approvedVersion(stack: Stack, assetId: string, file: string, seed: number) {
  const v = await uploadVersion(stack, assetId, file, poster(seed));
  const approved = await serviceApi(stack, 'olga', 'POST', `/assets/${assetId}/versions/${v.id}/approve`, {});
  assert.equal(approved.status, 200, approved.text);
}

for (const react of REACTS) {
  describe(
    `The host's own views on React ${react}`,
    { skip: realBundle ? false : 'webapp/dist/main.js is not built (npm run build -w webapp)' },
    () => {
      let stack: Stack;
      let dataDir: string;
      let taskId: string;
      let taskTitle: string;
      let assetId: string;
      const q = `?react=${react}`;

      before(async () => {
        dataDir = mkdtempSync(path.join(os.tmpdir(), `throughline-surfaces-${react}-`));
        stack = await startStack({ dataDir, plugins: 'real', react, serviceEnv: { OUTBOX_POLL_MS: '100' } });
        const project = await ensureCampaign(stack);
        const made = await serviceApi(stack, 'olga', 'POST', '/assets', {
          project_id: project.id,
          name: ASSET,
          channel_ids: [C.campaignHq.id],
        });
        assert.equal(made.status, 201, made.text);
        assetId = made.body.id;
        await approvedVersion(stack, assetId, 'poster-a1-v1.png', 1);
        const task = await serviceApi(stack, 'olga', 'POST', '/tasks', { post_id: P.outdoorFinal.id, project_id: project.id });
        assert.equal(task.status, 201, task.text);
        taskId = task.body.id;
        taskTitle = task.body.title;
      });

      after(async () => {
        await stack?.stop();
        if (dataDir) {
          rmSync(dataDir, { recursive: true, force: true });
        }
      });

      if (react === '19') {
        test('12.1: the task’s status beside its message and the approved versions above the message box, live; each opens the sidebar', async () => {
          const s = new Session(browser, `surfaces-react${react}`, stack.front.url);
          await s.run('surfaces', async () => {
            const asks: string[][] = [];
            const olga = await s.as('olga', channelPath(C.campaignHq.name) + q, undefined, (page) => watchSourceAsks(page, asks));
            const page = olga.page;
            const header = page.locator(`[id="post_${P.outdoorFinal.id}"] .post__header-plugin`);
            const chip = header.getByRole('button', { name: `Task “${taskTitle}”: To do. Open it in Throughline` });
            await chip.waitFor();
            const banner = bannerIn(page, '#post_textbox');
            await banner.getByRole('button', { name: `${ASSET} · v1` }).waitFor();
            await olga.shot('01-chip-and-banner');

            // The channel's posts were asked about together; only the task's message has a chip.
            assert.ok(asks.length >= 1);
            assert.ok(asks[0]!.includes(P.outdoorFinal.id) && asks[0]!.length > 1, JSON.stringify(asks));
            assert.equal(await page.locator('.tl-source__chip').count(), 1);

            // Live: the task goes to review, version 2 is approved.
            const current = await serviceApi(stack, 'olga', 'GET', `/tasks/${taskId}`);
            const patched = await serviceApi(stack, 'olga', 'PATCH', `/tasks/${taskId}`, {
              version: current.body.version,
              status: 'review',
            });
            assert.equal(patched.status, 200, patched.text);
            await header.getByRole('button', { name: `Task “${taskTitle}”: In review. Open it in Throughline` }).waitFor();
            await approvedVersion(stack, assetId, 'poster-a1-v2.png', 2);
            await banner.getByRole('button', { name: `${ASSET} · v2` }).waitFor();
            assert.equal(await banner.getByRole('button', { name: `${ASSET} · v1` }).count(), 0);
            await olga.shot('02-live');

            // The chip opens the task in the sidebar, the banner the asset.
            await header.getByRole('button').click();
            const sidebar = await openSidebar(page);
            await sidebar.getByRole('heading', { name: taskTitle }).waitFor();
            await banner.getByRole('button', { name: `${ASSET} · v2` }).click();
            await sidebar.getByRole('tab', { name: 'Assets', selected: true }).waitFor();
            await sidebar.getByRole('heading', { name: ASSET }).waitFor();
            await olga.shot('03-opened');

            // A thread's message box has the banner too, as Mattermost 12 draws it there.
            await openThread(page, P.outdoorFinal.id);
            await bannerIn(page, '#reply_textbox')
              .getByRole('button', { name: `${ASSET} · v2` })
              .waitFor();
            assert.deepEqual(await page.evaluate(() => (window as any).__sandbox.violations), []);
            assert.deepEqual(
              s.errors().filter((l) => l.includes('[pageerror]')),
              [],
            );
          });
        });

        test('12.1: a stranger to HQ sees neither (the Samara manager in his own channel, in Russian)', async () => {
          const s = new Session(browser, `surfaces-react${react}`, stack.front.url);
          await s.run('stranger', async () => {
            const pavel = await s.as('pavel', channelPath(C.regionSamara.name) + q + '&locale=ru');
            await openSidebar(pavel.page);
            assert.equal(await pavel.page.locator('.tl-source__chip, .tl-banner').count(), 0);
            const asked = await serviceApi(stack, 'pavel', 'POST', '/tasks/sources', { post_ids: [P.outdoorFinal.id] });
            assert.deepEqual(asked.body, { items: [] });
          });
        });
      } else {
        test(`${react === '18' ? '11.2' : '7.3'}: neither surface exists, nothing is drawn or asked for, and the plugin works as before`, async () => {
          const s = new Session(browser, `surfaces-react${react}`, stack.front.url);
          await s.run('absent', async () => {
            const asks: string[][] = [];
            const olga = await s.as('olga', channelPath(C.campaignHq.name) + q, undefined, (page) => watchSourceAsks(page, asks));
            const page = olga.page;
            const sidebar = await openSidebar(page);
            await taskRow(sidebar, taskTitle).waitFor();
            await page.locator(`[id="post_${P.outdoorFinal.id}"]`).waitFor();
            const registry = await page.evaluate(() => {
              const sb = (window as any).__sandbox;
              const components = sb.store.getState().plugins.components;
              return {
                violations: sb.violations,
                postHeader: components.PostHeader?.length ?? 0,
                banner: components.ChannelComposerBanner?.length ?? 0,
              };
            });
            assert.deepEqual(registry, { violations: [], postHeader: 0, banner: 0 });
            assert.equal(await page.locator('.tl-source__chip, .tl-banner, .sandbox-composer-banner').count(), 0);
            assert.deepEqual(asks, []);
            assert.deepEqual(
              s.errors().filter((l) => l.includes('[pageerror]')),
              [],
            );
            await olga.shot('01-absent');
          });
        });
      }
    },
  );
}
