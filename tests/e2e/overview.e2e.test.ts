// The project overview in Chromium, inside the sandbox host on React 19, 18.2 and 17 (Mattermost
// 12.1, 11.2 and 7.3), against a fresh stand-in and a fresh service database: Olga opens the
// overview from the sidebar's project view; the page is the plugin's team route, drawn in place of
// the center channel from a chunk fetched from the plugin's static path; it links back to the
// channel; the matrix shows the seeded tasks of each region, a matrix cell lists them, the
// cumulative-flow chart is drawn, the calendar holds the due dates; Pavel reads it in Russian. The
// page follows the live stream: a task Pavel makes and moves elsewhere shows up in the matrix in place.
// Screenshots go to test-results/overview-react<N>/.
//   node --import tsx --test tests/e2e/overview.e2e.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { C, PLUGIN_ID, channelPath, ensureCampaign, onEveryHost, openSidebar, serviceApi } from './throughline.ts';
import { fixtures } from '../standin/index.ts';

const overviewUrl = (projectId: string) => `/${fixtures.team.name}/${PLUGIN_ID}/overview/${projectId}`;
const DAY = 86_400_000;

/** Kazan: two to do (one overdue), one in progress; Samara: one in review due in two days. */
async function seedTasks(stack: Parameters<typeof ensureCampaign>[0], projectId: string): Promise<void> {
  const tasks = [
    { channel_id: C.regionKazan.id, title: 'Kazan window stickers', due_at: new Date(Date.now() - 2 * DAY).toISOString() },
    { channel_id: C.regionKazan.id, title: 'Kazan flyer print run' },
    { channel_id: C.regionKazan.id, title: 'Kazan banner', status: 'in_progress' },
    { channel_id: C.regionSamara.id, title: 'Samara shelf photos', status: 'review', due_at: new Date(Date.now() + 2 * DAY).toISOString() },
  ];
  for (const { status, ...task } of tasks) {
    const made = await serviceApi(stack, 'olga', 'POST', '/tasks', { ...task, project_id: projectId });
    assert.equal(made.status, 201, made.text);
    if (status) {
      const patched = await serviceApi(stack, 'olga', 'PATCH', `/tasks/${made.body.id}`, { status, version: made.body.version });
      assert.equal(patched.status, 200, patched.text);
    }
  }
}

const CHUNK = new RegExp(`/plugins/${PLUGIN_ID}/public/throughline-overview\\.[0-9a-f]{8}\\.js$`);

onEveryHost('The project overview', { OUTBOX_POLL_MS: '100' }, (host) => {
  const { q } = host;

  test('opened from the sidebar: a team page from its own chunk, linked back to the channel; in Russian', async () => {
    const { stack } = host;
    const s = host.session('overview');
    await s.run('overview', async () => {
      const project = await ensureCampaign(stack);
      await seedTasks(stack, project.id);

      const olga = await s.as('olga', channelPath(C.campaignHq.name) + q);
      const chunk = olga.page.waitForResponse((r) => CHUNK.test(new URL(r.url()).pathname));
      const sidebar = await openSidebar(olga.page);
      await sidebar.getByRole('link', { name: 'Overview' }).click();

      const page = olga.page.locator(`#app-content.sandbox-team-route[data-plugin-id="${PLUGIN_ID}"]`);
      await page.getByRole('heading', { level: 1, name: `${C.campaignHq.display_name}: overview` }).waitFor();
      assert.equal(new URL(olga.page.url()).pathname, overviewUrl(project.id));
      assert.equal((await chunk).status(), 200);
      assert.equal(await olga.page.locator('#postListContent').count(), 0, 'the page is drawn in place of the center channel');

      // The matrix: every channel of the campaign by stage, as seeded.
      const matrix = page.getByRole('region', { name: 'Regions by stage' }).getByRole('table');
      const row = (name: string) => matrix.getByRole('row').filter({ has: olga.page.getByRole('rowheader', { name: new RegExp(name) }) });
      const cells = async (name: string) => (await row(name).getByRole('cell').allTextContents()).slice(0, 6);
      assert.deepEqual(await cells(C.regionKazan.display_name), ['2', '1', '0', '0', '0', '1']);
      assert.deepEqual(await cells(C.regionSamara.display_name), ['0', '0', '1', '0', '0', '0']);
      assert.deepEqual(await cells(C.regionNovosibirsk.display_name), ['0', '0', '0', '0', '0', '0']);
      await matrix.getByRole('button', { name: `${C.regionKazan.display_name}, To do: 2` }).click();
      const cell = page.getByRole('region', { name: `${C.regionKazan.display_name} · To do` });
      await cell.getByRole('button', { name: 'Kazan window stickers' }).waitFor();
      await cell.getByRole('button', { name: 'Kazan flyer print run' }).waitFor();

      // The cumulative flow is drawn: one stacked area per status, today's counts in its description.
      const chart = page.getByRole('region', { name: 'Cumulative flow' }).getByRole('img');
      await chart.waitFor();
      assert.equal(await chart.locator('path').count(), 5);
      assert.match(
        (await chart.locator('title').textContent()) ?? '',
        /on the last day: Done 0, In review 1, In progress 1, To do 2, Cancelled 0$/,
      );

      // The calendar holds Samara's due date.
      const due = new Date(Date.now() + 2 * DAY);
      const calendar = page.getByRole('region', { name: 'Due dates' });
      await calendar.getByRole('button', { name: 'Week' }).click();
      if (due.getUTCDay() === 1 || due.getUTCDay() === 2) {
        await calendar.getByRole('button', { name: 'Next' }).click(); // two days on is in next week
      }
      await calendar.getByRole('button', { name: 'Samara shelf photos' }).waitFor();
      await olga.shot('01-overview');

      await page.getByRole('link', { name: `Back to ${C.campaignHq.display_name}` }).click();
      await olga.page.locator('#postListContent').waitFor();
      assert.equal(new URL(olga.page.url()).pathname, channelPath(C.campaignHq.name));

      // Pavel (Russian; Samara, not HQ) opens the address itself: the way back is to his channel.
      const pavel = await s.as('pavel', overviewUrl(project.id) + q);
      const ru = pavel.page.locator('#app-content.sandbox-team-route');
      await ru.getByRole('heading', { level: 1, name: `${C.campaignHq.display_name}: обзор` }).waitFor();
      await ru.getByRole('link', { name: `Назад в ${C.regionSamara.display_name}` }).waitFor();
      const ruMatrix = ru.getByRole('region', { name: 'Регионы по этапам' }).getByRole('table');
      await ruMatrix.getByRole('button', { name: `${C.regionSamara.display_name}, На проверке: 1` }).waitFor();
      await ru.getByRole('region', { name: 'Накопительная диаграмма' }).getByRole('img').waitFor();
      await pavel.shot('02-overview-ru');

      const errors = s.errors().filter((l) => l.includes('[pageerror]'));
      assert.deepEqual(errors, [], errors.join('\n'));
    });
  });

  test('follows the live stream: a task made and moved elsewhere shows in the matrix in place, with the period kept', async () => {
    const { stack } = host;
    const s = host.session('overview-live');
    await s.run('overview-live', async () => {
      const project = await ensureCampaign(stack);
      const olga = await s.as('olga', overviewUrl(project.id) + q);
      const page = olga.page.locator(`#app-content.sandbox-team-route[data-plugin-id="${PLUGIN_ID}"]`);
      await page.getByRole('heading', { level: 1, name: `${C.campaignHq.display_name}: overview` }).waitFor();
      await page.getByLabel('Period').selectOption('12');
      const matrix = page.getByRole('region', { name: 'Regions by stage' }).getByRole('table');
      const samara = matrix
        .getByRole('row')
        .filter({ has: olga.page.getByRole('rowheader', { name: new RegExp(C.regionSamara.display_name) }) });
      await samara.waitFor();
      const [todo, doing] = (await samara.getByRole('cell').allTextContents()).slice(0, 2).map(Number);
      const cell = (column: string, n: number) => matrix.getByRole('button', { name: `${C.regionSamara.display_name}, ${column}: ${n}` });
      await olga.page.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });

      // Pavel, in Samara, works through the service (his own client): Olga's page is not touched.
      const made = await serviceApi(stack, 'pavel', 'POST', '/tasks', {
        channel_id: C.regionSamara.id,
        title: 'Samara price tags',
        project_id: project.id,
      });
      assert.equal(made.status, 201, made.text);
      await cell('To do', todo + 1).waitFor();
      const moved = await serviceApi(stack, 'pavel', 'PATCH', `/tasks/${made.body.id}`, {
        status: 'in_progress',
        version: made.body.version,
      });
      assert.equal(moved.status, 200, moved.text);
      await cell('In progress', doing + 1).waitFor();
      await samara
        .getByRole('cell')
        .first()
        .filter({ hasText: new RegExp(`^${todo}$`) })
        .waitFor(); // a count of 0 is no button

      assert.equal(await page.getByLabel('Period').inputValue(), '12');
      assert.equal(
        await olga.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
        true,
        'the page was not reloaded',
      );
      await olga.shot('03-overview-live');
      const errors = s.errors().filter((l) => l.includes('[pageerror]'));
      assert.deepEqual(errors, [], errors.join('\n'));
    });
  });
});
