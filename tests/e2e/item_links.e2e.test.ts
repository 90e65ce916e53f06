// An item link of the weekly digest in Chromium, inside the sandbox host on React 19, 18.2 and 17,
// against a fresh stand-in and a fresh service database: Pavel (Samara, in Russian) opens the link
// his digest gives a Samara task; the plugin's team route asks the service, puts his Samara channel
// in place of itself and shows the task in the Throughline sidebar. A link naming no kind of item
// leaves him in a channel with the reason in the sidebar. Screenshots go to test-results/item-links-react<N>/.
//   node --import tsx --test tests/e2e/item_links.e2e.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { C, PLUGIN_ID, channelPath, ensureCampaign, onEveryHost, serviceApi } from './throughline.ts';
import { fixtures } from '../standin/index.ts';

const TASK = 'Ценники для Самары: проверить перевод';

onEveryHost('An item link', { OUTBOX_POLL_MS: '100', DIGEST_SCHEDULER: 'off' }, (host) => {
  const { q } = host;

  test("Pavel opens his digest's link to a task: his channel, the task in the sidebar; a link to nothing says so", async () => {
    const { stack } = host;
    const s = host.session('item-links');
    await s.run('item-link', async () => {
      const project = await ensureCampaign(stack);
      const task = await serviceApi(stack, 'olga', 'POST', '/tasks', {
        channel_id: C.regionSamara.id,
        title: TASK,
        project_id: project.id,
      });
      assert.equal(task.status, 201, task.text);
      const digest = await serviceApi(stack, 'pavel', 'POST', `/projects/${project.id}/digests`);
      assert.equal(digest.status, 201, digest.text);

      // The digest's Markdown links the task at the team of the project's home channel.
      const href = new RegExp(`\\[открыть\\]\\(([^)]+/${PLUGIN_ID}/item/task/${task.body.id})\\)`).exec(digest.body.markdown)?.[1];
      assert.ok(href, digest.body.markdown);
      const itemPath = new URL(href).pathname;
      assert.equal(itemPath, `/${fixtures.team.name}/${PLUGIN_ID}/item/task/${task.body.id}`);

      const pavel = await s.as('pavel', itemPath + q);
      const sidebar = pavel.page.locator(`#sidebar-right .sidebar--right__content[data-plugin-id="${PLUGIN_ID}"] .tl-sidebar`);
      await sidebar.getByRole('heading', { name: TASK }).waitFor();
      assert.equal(new URL(pavel.page.url()).pathname, channelPath(C.regionSamara.name), 'the channel in place of the link');
      await pavel.page.locator('#postListContent').waitFor();
      assert.equal(await pavel.page.locator('#app-content.sandbox-team-route').count(), 0);
      await pavel.shot('01-task-from-link');

      // Followed inside the app (as a link in a post is): nothing to open, the reason in the sidebar.
      await pavel.page.evaluate(
        (path) => (window as any).WebappUtils.browserHistory.push(path),
        `/${fixtures.team.name}/${PLUGIN_ID}/item/poster/${task.body.id}`,
      );
      await sidebar
        .getByRole('alert')
        .filter({ hasText: 'Эта ссылка Throughline не ведёт ни к чему, что может открыть боковая панель' })
        .waitFor();
      // In place of the page, the team's address, where the host opens a channel of the team.
      await pavel.page.waitForURL((url) => url.pathname.startsWith(`/${fixtures.team.name}/channels/`));
      await pavel.page.locator('#postListContent').waitFor();
      assert.equal(await pavel.page.locator('#app-content.sandbox-team-route').count(), 0);
      await pavel.shot('02-link-to-nothing');

      const errors = s.errors().filter((l) => l.includes('[pageerror]'));
      assert.deepEqual(errors, [], errors.join('\n'));
    });
  });
});
