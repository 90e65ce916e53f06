// The weekly digest in Chromium, inside the sandbox host on React 19, 18.2 and 17, against a fresh
// stand-in and a fresh service database: Pavel (Samara, in Russian) compiles his digest in the
// sidebar's Digest tab; it lists the Samara tasks of the week, not the Kazan one; its line opens the
// task in the sidebar and links its source post; the history keeps it. Olga downloads the campaign
// record from the project header, as JSON and as the printable page, and opens the page.
// Screenshots go to test-results/digests-react<N>/ and export-react<N>/.
//   node --import tsx --test tests/e2e/digests.e2e.test.ts
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { RESULTS_DIR } from './browser.ts';
import { C, P, U, channelPath, ensureCampaign, openSidebar, onEveryHost, serviceApi } from './throughline.ts';

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

  test("Olga downloads the campaign record from the project header: the JSON file and the printable page, which opens with people's names", async () => {
    const { stack, react } = host;
    const s = host.session('export');
    await s.run('export', async () => {
      const project = await ensureCampaign(stack);
      const olga = await s.as('olga', channelPath(C.campaignHq.name) + q);
      const sidebar = await openSidebar(olga.page);
      const links = sidebar.getByRole('group', { name: 'Export campaign record' });
      const download = async (name: string) => {
        const [file] = await Promise.all([olga.page.waitForEvent('download'), links.getByRole('link', { name }).click()]);
        assert.equal(await file.failure(), null, `${name}: the download completed`);
        // Kept under its own name (and extension, which a file:// page is opened by) with the screenshots.
        const saved = path.join(RESULTS_DIR, `export-react${react}`, file.suggestedFilename());
        await file.saveAs(saved);
        return { name: file.suggestedFilename(), path: saved };
      };

      const json = await download('JSON');
      assert.match(json.name, new RegExp(`^campaign-record-${project.id}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
      const record = JSON.parse(readFileSync(json.path, 'utf8'));
      assert.equal(record.project.id, project.id);
      assert.equal(record.exported_by, U.olga.id);
      assert.ok(record.tasks.some((t: any) => t.title === SAMARA_TASK));
      assert.ok(record.people.some((p: any) => p.id === U.olga.id && p.username === 'olga'));

      const printable = await download('Printable page');
      assert.match(printable.name, /\.html$/);
      const page = await olga.page.context().newPage();
      try {
        await page.goto(pathToFileURL(printable.path).href);
        await page.getByRole('heading', { level: 1, name: `Campaign record: ${project.name}` }).waitFor();
        await page
          .getByRole('cell', { name: new RegExp(SAMARA_TASK) })
          .first()
          .waitFor();
        await page.getByText(/^End of the record: tasks: \d+/).waitFor();
        assert.ok(await page.getByText('Olga Smirnova', { exact: false }).first().isVisible(), 'people by name');
        assert.ok((await page.content()).includes('~region-samara'), 'channels by name');
        await page.screenshot({ path: path.join(RESULTS_DIR, `export-react${react}`, '01-printable.png') });
      } finally {
        await page.close();
      }
    });
  });
});
