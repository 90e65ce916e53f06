// "My work" in Chromium, inside the sandbox host on React 19, 18.2 and 17: Dmitry opens the sidebar,
// leaves the channel views (the App Bar's sidebar elsewhere in Mattermost), and the sidebar shows
// what waits for him across the campaign: his overdue task of Kazan, his undated one for later; a
// task assigned to him meanwhile shows up live; a task opens in the sidebar. Nothing of a channel
// he is not in. Screenshots go to test-results/mywork-react<N>/.
//   node --import tsx --test tests/e2e/mywork.e2e.test.ts
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser } from 'playwright-core';

import { buildHost } from '../sandbox/build.ts';
import { REAL_PLUGIN } from '../sandbox/plugins.ts';
import { startStack, type Stack } from '../sandbox/stack.ts';

import { launchChromium } from './browser.ts';
import { C, U, channelPath, ensureCampaign, openSidebar, serviceApi, Session } from './throughline.ts';

const REACTS = ['19', '18', '17'] as const;
const realBundle = existsSync(REAL_PLUGIN.bundleFile);
const DAY = 86_400_000;

let browser: Browser;

before(async () => {
  await buildHost();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

for (const react of REACTS) {
  describe(`My work on React ${react}`, { skip: realBundle ? false : 'webapp/dist/main.js is not built (npm run build -w webapp)' }, () => {
    let stack: Stack;
    let dataDir: string;

    before(async () => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), `throughline-mywork-${react}-`));
      stack = await startStack({ dataDir, plugins: 'real', react, serviceEnv: { OUTBOX_POLL_MS: '100', DIGEST_SCHEDULER: 'off' } });
    });

    after(async () => {
      await stack?.stop();
      if (dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    test('My work lists what is due', async () => {
      const s = new Session(browser, `mywork-react${react}`, stack.front.url);
      await s.run('mywork', async () => {
        const project = await ensureCampaign(stack);
        const task = async (title: string, channelId: string, due: string | null, assignee: string = U.dmitry.id) => {
          const r = await serviceApi(stack, 'olga', 'POST', '/tasks', {
            channel_id: channelId,
            title,
            project_id: project.id,
            assignee_id: assignee,
            ...(due ? { due_at: due } : {}),
          });
          assert.equal(r.status, 201, r.text);
          return r.body;
        };
        const past = new Date(Date.now() - 3 * DAY).toISOString();
        await task('Send the Kazan proofs', C.regionKazan.id, past);
        await task('Plan the autumn wave', C.campaignHq.id, null);
        await task('Olga’s own errand', C.regionKazan.id, past, U.olga.id);

        const dmitry = await s.as('dmitry', channelPath(C.regionKazan.name) + `?react=${react}`);
        const page = dmitry.page;
        const sidebar = await openSidebar(page);
        // Out of the channel views: no channel is current any more.
        await page.evaluate(() => (window as any).__sandbox.store.dispatch({ type: 'SELECT_CHANNEL', data: '' }));
        await sidebar.getByRole('heading', { name: 'My work' }).waitFor();

        const overdue = sidebar.getByRole('region', { name: /^Overdue/ });
        await overdue.getByRole('button', { name: 'Send the Kazan proofs' }).waitFor();
        assert.equal(await overdue.getByRole('heading').textContent(), 'Overdue (1)');
        await sidebar
          .getByRole('region', { name: /^Later/ })
          .getByRole('button', { name: 'Plan the autumn wave' })
          .waitFor();
        assert.equal(await sidebar.getByText('Olga’s own errand').count(), 0, 'a task of someone else is not his');

        // Assigned to him while he looks: it arrives without a reload.
        await task('Check the Samara banner', C.regionSamara.id, new Date(Date.now() - DAY).toISOString());
        await overdue.getByRole('button', { name: 'Check the Samara banner' }).waitFor();
        assert.equal(await overdue.getByRole('heading').textContent(), 'Overdue (2)');

        await overdue.getByRole('button', { name: 'Send the Kazan proofs' }).click();
        await sidebar.getByRole('heading', { name: 'Send the Kazan proofs' }).waitFor();
      });
    });
  });
}
