// The weekly digest in Chromium, inside the sandbox host on React 19, 18.2 and 17, against a fresh
// stand-in and a fresh service database: Pavel (Samara, in Russian) compiles his digest in the
// sidebar's Digest tab; it lists the Samara tasks of the week, not the Kazan one; its line opens the
// task in the sidebar and links its source post; the history keeps it.
// Screenshots go to test-results/digests-react<N>/.
//   node --import tsx --test tests/e2e/digests.e2e.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { C, P, channelPath, ensureCampaign, openSidebar, onEveryHost, serviceApi } from './throughline.ts';

const SAMARA_TASK = 'Печать листовок: согласовать тираж';
const KAZAN_TASK = 'Kazan storefront stickers';

onEveryHost('The weekly digest', { OUTBOX_POLL_MS: '100', DIGEST_SCHEDULER: 'off' }, (host) => {
  const { q } = host;

  test('Pavel compiles his digest in Russian; its line opens the cited task and links its source post; Kazan is not in it', async () => {
    const { stack } = host;
    const s = host.session('digests');
    await s.run('digest', async () => {
      const project = await ensureCampaign(stack);
      const samara = await serviceApi(stack, 'olga', 'POST', '/tasks', {
        post_id: P.samaraQuote.id,
        title: SAMARA_TASK,
        project_id: project.id,
      });
      assert.equal(samara.status, 201, samara.text);
      const kazan = await serviceApi(stack, 'olga', 'POST', '/tasks', {
        channel_id: C.regionKazan.id,
        title: KAZAN_TASK,
        project_id: project.id,
      });
      assert.equal(kazan.status, 201, kazan.text);

      const pavel = await s.as('pavel', channelPath(C.regionSamara.name) + q);
      const sidebar = await openSidebar(pavel.page);
      await sidebar.getByRole('tab', { name: 'Сводка' }).click();
      await sidebar.getByText(/^Расписание: понедельник, 09:00 \(UTC\)/).waitFor();
      await sidebar.getByRole('button', { name: 'Собрать мою сводку сейчас' }).click();

      const fresh = sidebar.getByRole('region', { name: 'Новые' });
      await fresh.getByRole('heading', { name: 'Новые (1)' }).waitFor();
      const row = fresh.getByRole('listitem').filter({ hasText: SAMARA_TASK });
      await row.waitFor();
      assert.equal(await sidebar.getByText(KAZAN_TASK).count(), 0, 'nothing of Kazan, where Pavel is not a member');
      const source = row.getByRole('link', { name: 'Исходное сообщение' });
      assert.match((await source.getAttribute('href')) ?? '', new RegExp(`/_redirect/pl/${P.samaraQuote.id}$`));
      await pavel.shot('01-digest-ru');

      // The digest is kept: the stored one holds the same line, and the history lists it.
      const stored = await serviceApi(stack, 'pavel', 'GET', `/projects/${project.id}/digests`);
      assert.equal(stored.status, 200);
      assert.equal(stored.body.items.length, 1);
      const digest = (await serviceApi(stack, 'pavel', 'GET', `/digests/${stored.body.items[0].id}`)).body;
      const news = digest.sections.find((x: any) => x.key === 'new');
      assert.deepEqual(
        news.lines.map((l: any) => [l.kind, l.id, l.post_id]),
        [['task', samara.body.id, P.samaraQuote.id]],
      );
      assert.equal(digest.locale, 'ru');
      assert.deepEqual(digest.channel_ids, [C.regionSamara.id]);

      // The line opens the task it cites in the sidebar.
      await row.getByRole('button', { name: SAMARA_TASK }).click();
      await sidebar.getByRole('heading', { name: SAMARA_TASK }).waitFor();
      await pavel.shot('02-cited-task');
      assert.deepEqual(
        s.errors().filter((l) => l.includes('[pageerror]')),
        [],
      );
    });
  });
});
