// A decision in Chromium, inside the sandbox host on React 18.2 (Mattermost 10+) and on React 17
// (Mattermost 7–9), against a fresh stand-in and a fresh service database:
//   a thread reply in Samara is recorded as a decision from Throughline's right-click menu (the
//   statement, a quoted reply, the approver, and the channels it applies to: Samara and Kazan);
//   the approver (Pavel, in Russian) decides it in the Decisions tab; the bot's cards reach Kazan and
//   Samara; the Kazan franchisee guest (in Russian) confirms receipt on the card, and sees the
//   decision in the log but not the Samara thread it came from; the recorder's open detail shows
//   Kazan confirmed, Samara pending, live.
// Screenshots go to test-results/decisions-react<N>/.
//   node --import tsx --test tests/e2e/decisions.e2e.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  C,
  P,
  U,
  channelPath,
  ensureCampaign,
  isBotPost,
  openSidebar,
  openThread,
  serviceApi,
  onEveryHost,
  waitForStoredPost,
} from './throughline.ts';

const STATEMENT = 'Samara and Kazan keep the old print price until the 15th';
const PROPOSAL = 'Let us keep the old print price until the 15th, the contractor agreed on the phone.';
const ARGUMENT = 'Confirmed in writing: the quote holds until the 15th.';

onEveryHost('A decision', { OUTBOX_POLL_MS: '100' }, (host) => {
  const { q } = host;

  test('a Samara thread reply → recorded → decided by the approver → cards in Kazan and Samara → Kazan confirms; the guest never reads the Samara thread', async () => {
    const { stack } = host;
    const s = host.session('decisions');
    await s.run('decision', async () => {
      const project = await ensureCampaign(stack);

      // A thread in Samara: Pavel's quote, Dmitry's proposal in reply, Pavel's argument.
      const proposal = stack.standin.createPost({
        user_id: U.dmitry.id,
        channel_id: C.regionSamara.id,
        root_id: P.samaraQuote.id,
        message: PROPOSAL,
      });
      const argument = stack.standin.createPost({
        user_id: U.pavel.id,
        channel_id: C.regionSamara.id,
        root_id: P.samaraQuote.id,
        message: ARGUMENT,
      });

      // Olga records Dmitry's reply as a decision from the thread view's right-click menu.
      const olga = await s.as('olga', channelPath(C.regionSamara.name) + q);
      const thread = await openThread(olga.page, P.samaraQuote.id);
      await thread.locator(`[id="rhsPost_${proposal.id}"] .post__body`).click({ button: 'right' });
      const menu = olga.page.getByRole('menu', { name: 'Throughline actions' });
      await menu.getByRole('menuitem', { name: 'Record as decision' }).click();
      const dialog = olga.page.getByRole('dialog', { name: 'Record as decision' });
      const statement = dialog.getByLabel('Statement');
      assert.equal(await statement.inputValue(), PROPOSAL);
      await statement.fill(STATEMENT);
      await dialog.getByLabel('Rationale').fill('The contractor holds the quote; reprinting now costs more.');
      await dialog.getByRole('checkbox', { name: new RegExp(`${U.pavel.first_name}.*${ARGUMENT.slice(0, 20)}`) }).check();
      await dialog.getByLabel('Approver').selectOption(U.pavel.id);
      assert.equal(await dialog.getByRole('checkbox', { name: C.regionSamara.display_name }).isChecked(), true);
      await dialog.getByRole('checkbox', { name: C.regionKazan.display_name }).check();
      await olga.shot('01-record-dialog');
      await dialog.getByRole('button', { name: 'Record', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });

      // Her sidebar opens on the new decision: proposed by Dmitry, recorded by her, Pavel to decide.
      const sidebar = await openSidebar(olga.page);
      await sidebar.getByRole('heading', { name: STATEMENT }).waitFor();
      await sidebar.getByText('Proposed', { exact: true }).first().waitFor();
      const listed = (await serviceApi(stack, 'olga', 'GET', `/decisions?project_id=${project.id}`)).body.items;
      const decision = listed.find((d: any) => d.statement === STATEMENT);
      assert.ok(decision, 'the service holds the decision');
      assert.equal(decision.proposed_by, U.dmitry.id);
      assert.equal(decision.recorded_by, U.olga.id);
      assert.equal(decision.approver_id, U.pavel.id);
      assert.deepEqual([...decision.channel_ids].sort(), [C.regionKazan.id, C.regionSamara.id].sort());
      assert.deepEqual(
        decision.quotes.map((x: any) => x.post_id),
        [argument.id],
      );
      await olga.shot('02-recorded-detail');

      // Pavel, the approver, decides it from the Decisions tab, in Russian.
      const pavel = await s.as('pavel', channelPath(C.regionSamara.name) + q);
      const pavelSidebar = await openSidebar(pavel.page);
      await pavelSidebar.getByRole('tab', { name: 'Решения' }).click();
      await pavelSidebar.getByRole('button', { name: STATEMENT }).click();
      await pavelSidebar.getByRole('heading', { name: STATEMENT }).waitFor();
      await pavel.shot('03-pavel-detail-ru');
      await pavelSidebar.getByRole('button', { name: 'Принять решение' }).click();
      await pavelSidebar.getByRole('button', { name: 'Принять решение' }).waitFor({ state: 'detached' });

      // The bot's cards, one in each channel it applies to (in Samara, the source, not the proposal card
      // posted on recording: the sent card is the one with a "Confirm receipt" button).
      const cards: Record<string, string> = {};
      for (const channel of [C.regionKazan, C.regionSamara]) {
        const card = await waitForStoredPost(
          stack,
          channel.id,
          (p) =>
            isBotPost(p) &&
            (p.type as string) === 'custom_throughline_decision' &&
            (p.props as any).decision?.decision_id === decision.id &&
            ((p.props as any).attachments?.[0]?.actions ?? []).some((a: any) => a.id === 'dack'),
          'decision card',
        );
        cards[channel.id] = card.id;
      }
      await pavel.page.locator(`[id="post_${cards[C.regionSamara.id]}"] .tl-card`, { hasText: STATEMENT }).waitFor();
      await pavel.shot('04-samara-card');

      // The Kazan franchisee guest confirms receipt on the card in Kazan, in Russian.
      const kazan = await s.as('kazan', channelPath(C.regionKazan.name) + q);
      const kazanCard = kazan.page.locator(`[id="post_${cards[C.regionKazan.id]}"] .tl-card`);
      await kazanCard.filter({ hasText: STATEMENT }).waitFor();
      await kazanCard.filter({ hasText: 'Принято' }).waitFor();
      await kazan.shot('05-kazan-card');
      await kazanCard.getByRole('button', { name: 'Подтвердить получение' }).click();
      await kazanCard.filter({ hasText: `Получение подтверждено: ${U.kazan.first_name}` }).waitFor();

      // The guest sees the decision in the log, but not the Samara thread it came from.
      const kazanSidebar = await openSidebar(kazan.page);
      await kazanSidebar.getByRole('tab', { name: 'Решения' }).click();
      await kazanSidebar.getByRole('button', { name: STATEMENT }).click();
      await kazanSidebar.getByRole('heading', { name: STATEMENT }).waitFor();
      await kazanSidebar.getByText('Сообщение, из которого записано решение, находится в канале, где вас нет.').waitFor();
      assert.equal(await kazanSidebar.getByText(PROPOSAL).count(), 0, 'the Samara source text is not shown to the guest');
      assert.equal(await kazanSidebar.getByText(ARGUMENT).count(), 0, 'nor the quoted Samara reply');
      await kazan.shot('06-kazan-guest-detail');
      const asGuest = await serviceApi(stack, 'kazan', 'GET', `/decisions/${decision.id}`);
      assert.equal(asGuest.status, 200);
      assert.equal(asGuest.body.source_visible, false);
      assert.equal(asGuest.body.source_text, null);
      assert.deepEqual(asGuest.body.quotes, []);
      assert.ok(!asGuest.text.includes(PROPOSAL) && !asGuest.text.includes(ARGUMENT), 'nothing of the Samara thread in the answer');

      // The recorder's open detail, live: Kazan confirmed, Samara pending.
      const receipts = sidebar.getByRole('table', { name: 'Receipts by channel' });
      await receipts.getByRole('row', { name: new RegExp(`${C.regionKazan.display_name}.*Confirmed by ${U.kazan.first_name}`) }).waitFor();
      await receipts.getByRole('row', { name: new RegExp(`${C.regionSamara.display_name}.*Pending`) }).waitFor();
      await sidebar.getByText(/confirmed receipt for Region · Kazan/).waitFor();
      await olga.shot('07-olga-receipts');
      const now = (await serviceApi(stack, 'olga', 'GET', `/decisions/${decision.id}`)).body;
      assert.equal(now.status, 'decided');
      assert.equal(now.decided_by, U.pavel.id);
      assert.deepEqual(Object.fromEntries(now.receipts.map((r: any) => [r.channel_id, r.confirmed_by])), {
        [C.regionKazan.id]: U.kazan.id,
        [C.regionSamara.id]: null,
      });
      const errors = s.errors().filter((l) => l.includes('[pageerror]'));
      assert.deepEqual(errors, [], errors.join('\n'));
    });
  });
});
