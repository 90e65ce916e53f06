// Calendar feeds in Chromium, inside the sandbox host on React 19, 18.2 and 17 (Mattermost 12.1,
// 11.2 and 7.3), against a fresh stand-in and a fresh service database: Dmitry opens "Calendar
// feeds" in the sidebar (its code a chunk of its own), makes a feed of his tasks, sees its address
// once and copies it; a calendar app (no cookie) fetches it and finds his task; he revokes it
// (asked twice) and the address answers 404.
// Screenshots go to test-results/calendar-react<N>/.
//   node --import tsx --test tests/e2e/calendar.e2e.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { C, PLUGIN_ID, U, channelPath, ensureCampaign, onEveryHost, openSidebar, serviceApi } from './throughline.ts';

const TASK = 'Outdoor 6×3: send the final files to print';
const CHUNK = new RegExp(`/plugins/${PLUGIN_ID}/public/throughline-calendar\\.[0-9a-f]{8}\\.js$`);

onEveryHost('Calendar feeds', { OUTBOX_POLL_MS: '100' }, (host) => {
  test('Dmitry makes a feed of his tasks, copies its address, a calendar fetches it without a session, and he revokes it', async () => {
    const { stack, q } = host;
    const s = host.session('calendar');
    await s.run('calendar', async () => {
      const project = await ensureCampaign(stack);
      const due = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
      const task = await serviceApi(stack, 'olga', 'POST', '/tasks', {
        channel_id: C.campaignHq.id,
        title: TASK,
        project_id: project.id,
        assignee_id: U.dmitry.id,
        due_at: due,
      });
      assert.equal(task.status, 201, task.text);

      const dmitry = await s.as('dmitry', channelPath(C.campaignHq.name) + q);
      const sidebar = await openSidebar(dmitry.page);
      const chunk = dmitry.page.waitForResponse((r) => CHUNK.test(new URL(r.url()).pathname));
      await sidebar.getByRole('button', { name: 'Calendar feeds' }).click();
      assert.equal((await chunk).status(), 200);
      const panel = sidebar.getByRole('region', { name: 'Calendar feeds' });
      await panel.getByText('No calendar feeds yet.').waitFor();
      await panel.getByRole('button', { name: 'New feed of my tasks' }).click();
      const address = panel.getByLabel('Address of the new feed');
      await address.waitFor();
      const url = await address.inputValue();
      const m = /^https?:\/\/[^/]+\/throughline-api(\/api\/v1\/feeds\/[A-Za-z0-9_-]{43}\.ics)$/.exec(url);
      assert.ok(m, `a feed address: ${url}`);
      await panel.getByRole('button', { name: 'Copy' }).click();
      await panel
        .getByRole('status')
        .filter({ hasText: /^(Copied|The address is selected: copy it with Ctrl\+C \(⌘C\)\.)$/ })
        .waitFor();
      await panel.getByRole('listitem').filter({ hasText: 'My tasks' }).waitFor();
      await dmitry.shot('01-feed-made');

      // A calendar app: no cookie, no Authorization.
      const feed = await fetch(stack.serviceUrl + m[1]);
      assert.equal(feed.status, 200);
      assert.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8');
      const ics = await feed.text();
      assert.ok(ics.includes(`UID:${task.body.id}@throughline`), ics);
      assert.ok(ics.includes(`DTSTART;VALUE=DATE:${due.replace(/-/g, '')}`), ics);

      await panel.getByRole('button', { name: 'Done' }).click();
      assert.equal(await panel.getByLabel('Address of the new feed').count(), 0, 'the address is shown once');
      await panel.getByRole('button', { name: 'Revoke My tasks' }).click();
      await panel.getByRole('group', { name: 'Revoke My tasks' }).getByRole('button', { name: 'Revoke feed' }).click();
      await panel.getByText('No calendar feeds yet.').waitFor();
      await dmitry.shot('02-feed-revoked');
      assert.equal((await fetch(stack.serviceUrl + m[1])).status, 404);
      assert.deepEqual(
        s.errors().filter((l) => l.includes('[pageerror]')),
        [],
      );
    });
  });
});
