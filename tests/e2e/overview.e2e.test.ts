// The project overview in Chromium, inside the sandbox host on React 19, 18.2 and 17 (Mattermost
// 12.1, 11.2 and 7.3), against a fresh stand-in and a fresh service database: Olga opens the
// overview from the sidebar's project view; the page is the plugin's team route, drawn in place of
// the center channel from a chunk fetched from the plugin's static path; it links back to the
// channel; Pavel reads it in Russian.
// Screenshots go to test-results/overview-react<N>/.
//   node --import tsx --test tests/e2e/overview.e2e.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { C, PLUGIN_ID, channelPath, ensureCampaign, onEveryHost, openSidebar } from './throughline.ts';
import { fixtures } from '../standin/index.ts';

const overviewUrl = (projectId: string) => `/${fixtures.team.name}/${PLUGIN_ID}/overview/${projectId}`;
const CHUNK = new RegExp(`/plugins/${PLUGIN_ID}/public/throughline-overview\\.[0-9a-f]{8}\\.js$`);

onEveryHost('The project overview', { OUTBOX_POLL_MS: '100' }, (host) => {
  const { q } = host;

  test('opened from the sidebar: a team page from its own chunk, linked back to the channel; in Russian', async () => {
    const { stack } = host;
    const s = host.session('overview');
    await s.run('overview', async () => {
      const project = await ensureCampaign(stack);

      const olga = await s.as('olga', channelPath(C.campaignHq.name) + q);
      const chunk = olga.page.waitForResponse((r) => CHUNK.test(new URL(r.url()).pathname));
      const sidebar = await openSidebar(olga.page);
      await sidebar.getByRole('link', { name: 'Overview' }).click();

      const page = olga.page.locator(`#app-content.sandbox-team-route[data-plugin-id="${PLUGIN_ID}"]`);
      await page.getByRole('heading', { level: 1, name: `${C.campaignHq.display_name}: overview` }).waitFor();
      assert.equal(new URL(olga.page.url()).pathname, overviewUrl(project.id));
      assert.equal((await chunk).status(), 200);
      assert.equal(await olga.page.locator('#postListContent').count(), 0, 'the page is drawn in place of the center channel');
      await olga.shot('01-overview');

      await page.getByRole('link', { name: `Back to ${C.campaignHq.display_name}` }).click();
      await olga.page.locator('#postListContent').waitFor();
      assert.equal(new URL(olga.page.url()).pathname, channelPath(C.campaignHq.name));

      // Pavel (Russian; Samara, not HQ) opens the address itself: the way back is to his channel.
      const pavel = await s.as('pavel', overviewUrl(project.id) + q);
      const ru = pavel.page.locator('#app-content.sandbox-team-route');
      await ru.getByRole('heading', { level: 1, name: `${C.campaignHq.display_name}: обзор` }).waitFor();
      await ru.getByRole('link', { name: `Назад в ${C.regionSamara.display_name}` }).waitFor();
      await pavel.shot('02-overview-ru');

      const errors = s.errors().filter((l) => l.includes('[pageerror]'));
      assert.deepEqual(errors, [], errors.join('\n'));
    });
  });
});
