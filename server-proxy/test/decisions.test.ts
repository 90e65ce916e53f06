import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Post } from '@mattermost/types/posts';
import { Migrator, sql } from 'kysely';
import { Value } from 'typebox/value';
import { DecisionCardPropsSchema, DecisionSchema } from '@throughline/contract';
import { openDatabase } from '../src/db/database.js';
import { migrationProvider } from '../src/db/migrations/index.js';
import { C, ENGINE, P, SLASH_TOKEN, U, slashCommand, count, fixtures, freshDatabase, startStack, type Stack } from './helpers.js';
import { SseClient, eventually } from './sse.js';

const botPosts = (s: Stack, channelId: string): Post[] => s.mm.postsIn(channelId).filter((p) => p.user_id === U.throughline.id);
const cardsOf = (s: Stack, channelId: string, decisionId: string) =>
  botPosts(s, channelId).filter((p) => (p.props as { decision?: { decision_id: string } })?.decision?.decision_id === decisionId);

describe(`decisions [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  let otherProjectId: string;
  const streams: SseClient[] = [];

  before(async () => {
    s = await startStack();
    const p = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring campaign', channel_id: C.hq } });
    assert.equal(p.status, 201);
    projectId = p.body.id;
    for (const c of [C.kazan, C.samara]) {
      const r = await s.request('POST', `/api/v1/projects/${projectId}/channels`, { token: U.olga.token, body: { channel_id: c } });
      assert.equal(r.status, 200);
    }
    otherProjectId = (
      await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Novosibirsk', channel_id: C.novosibirsk } })
    ).body.id;
  });
  after(async () => {
    streams.forEach((c) => c.close());
    await s.close();
  });

  const req = (method: string, path: string, token: string | null, body?: unknown) => s.request(method, path, { token, body });
  const record = async (token: string, body: Record<string, unknown>) => {
    const r = await req('POST', '/api/v1/decisions', token, { project_id: projectId, ...body });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const decide = async (token: string, d: { id: string; version: number }) => {
    const r = await req('POST', `/api/v1/decisions/${d.id}/decide`, token, { version: d.version });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const row = (id: string) => s.db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const outboxCards = (kind = 'decision_card') => s.db.selectFrom('outbox').selectAll().where('kind', '=', kind).execute();

  it('records a thread reply as a proposal: its author proposed it, the text is the statement, the channels are stored', async () => {
    const d = await record(U.dmitry.token, {
      post_id: fixtures.posts.outdoorReply.id,
      rationale: 'Budget approved on Monday',
      channel_ids: [C.kazan, C.samara],
      quote_post_ids: [P.multiLine.id],
    });
    assert.ok(Value.Check(DecisionSchema, d), 'the answer is a Decision');
    assert.equal(d.status, 'proposed');
    assert.equal(d.statement, 'Согласовано с руководством, запускаем. Регионам отправлю финальную версию в пятницу.');
    assert.equal(d.proposed_by, U.olga.id, 'the post’s author proposed it');
    assert.equal(d.recorded_by, U.dmitry.id);
    assert.equal(d.source_visible, true);
    assert.equal(d.source_channel_id, C.hq);
    assert.equal(d.source_post_id, fixtures.posts.outdoorReply.id);
    assert.match(String(d.permalink), new RegExp(`/_redirect/pl/${fixtures.posts.outdoorReply.id}$`));
    assert.deepEqual(d.channel_ids, [C.kazan, C.samara].sort());
    assert.deepEqual(
      d.quotes.map((q: any) => [q.post_id, q.user_id]),
      [[P.multiLine.id, U.dmitry.id]],
    );
    assert.ok(d.permissions.includes('decision.decide') && d.permissions.includes('decision.edit'));
    const stored = await row(d.id);
    assert.deepEqual(
      [stored.status, stored.project_id, stored.source_channel_id, stored.proposed_by, stored.rationale],
      ['proposed', projectId, C.hq, U.olga.id, 'Budget approved on Monday'],
    );
    const channels = await s.db.selectFrom('decision_channels').select('channel_id').where('decision_id', '=', d.id).execute();
    assert.deepEqual(channels.map((c) => c.channel_id).sort(), [C.kazan, C.samara].sort());
    const history = (await req('GET', `/api/v1/decisions/${d.id}/history`, U.dmitry.token)).body.items;
    assert.deepEqual(
      history.map((h: any) => h.action),
      ['recorded'],
    );
    assert.equal((await outboxCards()).filter((o) => o.payload.includes(d.id)).length, 0, 'no card while proposed');
  });

  it('only the named approver decides; cards go to each channel once; deciding twice is decision_closed', async () => {
    const guestApprover = await req('POST', '/api/v1/decisions', U.dmitry.token, {
      project_id: projectId,
      channel_id: C.hq,
      statement: 'x',
      approver_id: U.agency.id,
    });
    assert.equal(guestApprover.status, 422);
    assert.equal(guestApprover.body.error.code, 'approver_not_eligible');
    const outsider = await req('POST', '/api/v1/decisions', U.dmitry.token, {
      project_id: projectId,
      channel_id: C.hq,
      statement: 'x',
      approver_id: U.pavel.id,
    });
    assert.equal(outsider.body.error.code, 'approver_not_eligible', 'Pavel is not in HQ');

    const d = await record(U.dmitry.token, {
      channel_id: C.hq,
      statement: 'Slogan B is final @channel **now** [see](http://evil.example)',
      rationale: 'Tested best in Kazan',
      approver_id: U.olga.id,
      channel_ids: [C.kazan, C.samara],
    });
    assert.equal(d.proposed_by, U.dmitry.id, 'without a post the recorder proposed it');
    assert.ok(!d.permissions.includes('decision.decide'), 'dmitry is not the approver');
    const notApprover = await req('POST', `/api/v1/decisions/${d.id}/decide`, U.dmitry.token, { version: 1 });
    assert.equal(notApprover.status, 403);
    assert.equal(notApprover.body.error.code, 'forbidden');
    assert.equal((await row(d.id)).status, 'proposed');

    const decided = await decide(U.olga.token, d);
    assert.equal(decided.status, 'decided');
    assert.equal(decided.decided_by, U.olga.id);
    assert.ok(decided.decided_at);
    assert.deepEqual(
      decided.receipts.map((r: any) => [r.channel_id, r.confirmed_by]),
      [C.kazan, C.samara].sort().map((c) => [c, null]),
    );
    const receipts = await s.db.selectFrom('receipts').selectAll().where('subject_id', '=', d.id).execute();
    assert.deepEqual(
      receipts.map((r) => [r.subject_kind, r.channel_id]).sort(),
      [
        ['decision', C.kazan],
        ['decision', C.samara],
      ].sort(),
    );

    for (const channel of [C.kazan, C.samara]) {
      const card = await eventually(() => cardsOf(s, channel, d.id)[0], 5000, `the card in ${channel}`);
      assert.equal(card.type, 'custom_throughline_decision');
      const props = (card.props as any).decision;
      assert.ok(Value.Check(DecisionCardPropsSchema, props), JSON.stringify(props));
      assert.deepEqual([props.channel_id, props.status, props.superseded_by_id], [channel, 'decided', null]);
      assert.match(card.message, /Decision by @olga/);
      assert.ok(
        card.message.includes('Slogan B is final @\u200bchannel \\*\\*now\\*\\* \\[see\\](http:\u200b//evil.example)'),
        card.message,
      );
      assert.ok(!/@channel|\*\*now\*\*/.test(card.message), 'what a person wrote is escaped');
      assert.match(card.message, /Tested best in Kazan/);
      assert.deepEqual(
        (card.props as any).attachments[0].actions.map((a: any) => a.id),
        ['dack'],
      );
    }
    // HQ, where it was recorded and does not apply, has only the proposal card, now saying who decided.
    const proposal = await eventually(
      () => {
        const hq = cardsOf(s, C.hq, d.id);
        return hq.length === 1 && /Decided by @olga/.test(hq[0]!.message) ? hq[0] : undefined;
      },
      5000,
      'the proposal card in HQ marked decided',
    );
    assert.deepEqual((proposal.props as any).attachments, [], 'its Decide button is gone');
    assert.equal((proposal.props as any).decision.status, 'decided');
    const queued = (await outboxCards()).filter((o) => JSON.parse(o.payload).card.decision_id === d.id);
    assert.equal(queued.length, 2);
    const cards = await s.db.selectFrom('decision_cards').selectAll().where('decision_id', '=', d.id).execute();
    assert.deepEqual(cards.map((c) => c.outbox_id).sort(), queued.map((o) => o.id).sort());

    const before = await count(s.db, 'outbox');
    const twice = await req('POST', `/api/v1/decisions/${d.id}/decide`, U.olga.token, { version: decided.version });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'decision_closed');
    const patch = await req('PATCH', `/api/v1/decisions/${d.id}`, U.olga.token, { version: decided.version, statement: 'changed' });
    assert.equal(patch.body.error.code, 'decision_closed', 'a decided statement is never edited');
    assert.equal(await count(s.db, 'outbox'), before, 'no second card');
    assert.equal((await row(d.id)).statement, d.statement);
  });

  it('shows the Kazan guest the decision but not the HQ source, and only Kazan among its channels and receipts', async () => {
    const d = await record(U.olga.token, {
      post_id: P.multiLine.id,
      channel_ids: [C.kazan, C.samara],
      quote_post_ids: [fixtures.posts.outdoorReply.id],
    });
    await decide(U.olga.token, d);
    const guest = await req('GET', `/api/v1/decisions/${d.id}`, U.kazan.token);
    assert.equal(guest.status, 200);
    assert.equal(guest.body.statement, d.statement, 'the decision itself is shared');
    assert.equal(guest.body.source_visible, false);
    assert.deepEqual(
      [guest.body.source_channel_id, guest.body.source_post_id, guest.body.permalink, guest.body.source_text, guest.body.quotes],
      [null, null, null, null, []],
    );
    assert.deepEqual(guest.body.channel_ids, [C.kazan]);
    assert.deepEqual(
      guest.body.receipts.map((r: any) => r.channel_id),
      [C.kazan],
    );
    assert.ok(!JSON.stringify(guest.body).includes(C.samara), 'Samara is not named to the Kazan guest');
    assert.ok(!JSON.stringify(guest.body).includes('Согласовано'), 'no quoted HQ reply');
    assert.deepEqual(guest.body.permissions, ['receipt.confirm']);

    const pavel = await req('GET', `/api/v1/decisions/${d.id}`, U.pavel.token);
    assert.equal(pavel.body.source_visible, false, 'Pavel is not in HQ');
    assert.deepEqual(pavel.body.channel_ids, [C.kazan, C.samara].sort(), 'staff see every channel');
    const agency = await req('GET', `/api/v1/decisions/${d.id}`, U.agency.token);
    assert.equal(agency.body.source_visible, true, 'the agency guest is in HQ, the source channel');
    assert.deepEqual(agency.body.channel_ids, [], 'but in none of the channels it applies to');
    const stranger = await req('GET', `/api/v1/decisions/${d.id}`, U.admin.token);
    assert.equal(stranger.status, 200);
  });

  it('each applied channel confirms receipt once, guests too; the log shows Kazan confirmed, Samara pending', async () => {
    const d = await decide(
      U.olga.token,
      await record(U.olga.token, { channel_id: C.hq, statement: 'Kazan keeps the old price', channel_ids: [C.kazan, C.samara] }),
    );
    const wrong = await req('POST', `/api/v1/decisions/${d.id}/receipts/${C.samara}`, U.kazan.token, {});
    assert.equal(wrong.status, 404, 'the guest may not even learn of Samara');
    const notMember = await req('POST', `/api/v1/decisions/${d.id}/receipts/${C.kazan}`, U.pavel.token, {});
    assert.equal(notMember.status, 403);
    const notApplied = await req('POST', `/api/v1/decisions/${d.id}/receipts/${C.hq}`, U.olga.token, {});
    assert.equal(notApplied.status, 404);
    const ok = await req('POST', `/api/v1/decisions/${d.id}/receipts/${C.kazan}`, U.kazan.token, {});
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.receipts, [{ channel_id: C.kazan, confirmed_by: U.kazan.id, confirmed_at: ok.body.receipts[0].confirmed_at }]);
    const again = await req('POST', `/api/v1/decisions/${d.id}/receipts/${C.kazan}`, U.dmitry.token, {});
    assert.equal(again.status, 200);
    assert.equal(again.body.receipts.find((r: any) => r.channel_id === C.kazan).confirmed_by, U.kazan.id, 'the first confirmation stays');
    const staff = await req('GET', `/api/v1/decisions/${d.id}`, U.olga.token);
    assert.deepEqual(Object.fromEntries(staff.body.receipts.map((r: any) => [r.channel_id, r.confirmed_by])), {
      [C.kazan]: U.kazan.id,
      [C.samara]: null,
    });
    const stored = await s.db
      .selectFrom('receipts')
      .selectAll()
      .where('subject_kind', '=', 'decision')
      .where('subject_id', '=', d.id)
      .execute();
    assert.deepEqual(Object.fromEntries(stored.map((r) => [r.channel_id, r.confirmed_by])), { [C.kazan]: U.kazan.id, [C.samara]: null });
    const history = await req('GET', `/api/v1/decisions/${d.id}/history`, U.olga.token);
    assert.deepEqual(
      history.body.items.map((h: any) => [h.action, h.channel_id]),
      [
        ['receipt_confirmed', C.kazan],
        ['decided', null],
        ['recorded', null],
      ],
      'newest first',
    );

    assert.equal((await req('POST', `/api/v1/decisions/${d.id}/receipts/${C.samara}`, U.pavel.token, {})).status, 200);
    const guestHistory = (await req('GET', `/api/v1/decisions/${d.id}/history`, U.kazan.token)).body.items;
    assert.deepEqual(
      guestHistory.filter((h: any) => h.action === 'receipt_confirmed').map((h: any) => h.channel_id),
      [C.kazan],
      'the Kazan guest does not learn of Samara’s receipt',
    );
    const walk = async (token: string) => {
      const pages: any[][] = [];
      let cursor: string | null = null;
      do {
        const page: any = (await req('GET', `/api/v1/decisions/${d.id}/history?limit=1${cursor ? `&cursor=${cursor}` : ''}`, token)).body;
        pages.push(page.items);
        cursor = page.next_cursor;
      } while (cursor && pages.length < 20);
      return pages;
    };
    const guestPages = await walk(U.kazan.token);
    assert.deepEqual(guestPages.flat(), guestHistory, 'paged a step at a time, the guest reads the same history');
    assert.ok(
      guestPages.every((p) => p.length === 1),
      'no page is short of an entry the guest may not see',
    );
    assert.deepEqual((await walk(U.dmitry.token)).flat().length, 4, 'staff page through both receipts');
    assert.equal((await req('GET', `/api/v1/decisions/${d.id}/history?limit=0`, U.kazan.token)).status, 400);
    assert.equal((await req('GET', `/api/v1/decisions/${d.id}/history?cursor=nope`, U.kazan.token)).status, 400);
    const staffHistory = (await req('GET', `/api/v1/decisions/${d.id}/history`, U.dmitry.token)).body.items;
    assert.deepEqual(
      staffHistory.filter((h: any) => h.action === 'receipt_confirmed').map((h: any) => h.channel_id),
      [C.samara, C.kazan],
    );

    const widened = await record(U.olga.token, { channel_id: C.hq, statement: 'Widened later', channel_ids: [C.kazan] });
    assert.equal(
      (await req('PATCH', `/api/v1/decisions/${widened.id}`, U.olga.token, { version: 1, channel_ids: [C.kazan, C.samara] })).status,
      200,
    );
    const change = (await req('GET', `/api/v1/decisions/${widened.id}/history`, U.kazan.token)).body.items.find(
      (h: any) => h.field === 'channel_ids',
    );
    assert.deepEqual([change.from, change.to], [C.kazan, C.kazan], 'a guest sees only their channels in a change of channels');

    const proposed = await record(U.olga.token, { channel_id: C.hq, statement: 'Not yet', channel_ids: [C.kazan] });
    const early = await req('POST', `/api/v1/decisions/${proposed.id}/receipts/${C.kazan}`, U.kazan.token, {});
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'decision_closed');
  });

  it('confirms receipt from the card’s button, once, and the card says who confirmed', async () => {
    const d = await decide(
      U.olga.token,
      await record(U.olga.token, { channel_id: C.hq, statement: 'Samara posters on Friday', channel_ids: [C.samara] }),
    );
    const card = await eventually(() => cardsOf(s, C.samara, d.id)[0], 5000, 'the card');
    const ack = (card.props as any).attachments[0].actions.find((a: any) => a.id === 'dack');
    // What Mattermost relays for a click: the user it vouches for and the signed context.
    const click = (userId: string, context: unknown = ack.integration.context) =>
      s.request('POST', '/api/v1/mattermost/actions', {
        body: { user_id: userId, channel_id: C.samara, post_id: card.id, team_id: 'teamretailmarketing0000000', context },
      });
    const forged = await click(U.pavel.id, { ...ack.integration.context, t: `${d.id}:${C.kazan}` });
    assert.equal(forged.headers.get('x-throughline-refused'), 'invalid');
    const elsewhere = await s.request('POST', '/api/v1/mattermost/actions', {
      body: {
        user_id: U.olga.id,
        channel_id: C.kazan,
        post_id: card.id,
        team_id: 'teamretailmarketing0000000',
        context: ack.integration.context,
      },
    });
    assert.equal(elsewhere.headers.get('x-throughline-refused'), 'wrong_channel', 'a button confirms only for the channel of its card');
    const outsider = await click(U.kazan.id);
    assert.ok(outsider.headers.get('x-throughline-refused'), 'the Kazan guest is not in Samara');
    const r = await click(U.pavel.id);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.headers.get('x-throughline-refused'), null);
    assert.match(r.body.ephemeral_text, /Получение решения/, 'Pavel reads Russian');
    assert.match(r.body.update.message, /@pavel/);
    assert.deepEqual(r.body.update.props.attachments, []);
    assert.ok(Value.Check(DecisionCardPropsSchema, r.body.update.props.decision));
    assert.equal(r.body.update.props.decision.decision_id, d.id);
    const replay = await click(U.dmitry.id);
    assert.equal(replay.headers.get('x-throughline-refused'), 'replayed');
    const stored = await s.db.selectFrom('receipts').selectAll().where('subject_id', '=', d.id).executeTakeFirstOrThrow();
    assert.equal(stored.confirmed_by, U.pavel.id);
  });

  it('a later decision supersedes a decided one: linked both ways, new cards sent, the old cards edited', async () => {
    const first = await decide(
      U.olga.token,
      await record(U.olga.token, { channel_id: C.hq, statement: 'Launch on March 24', channel_ids: [C.kazan, C.samara] }),
    );
    const oldCards = await eventually(
      () => {
        const c = [...cardsOf(s, C.kazan, first.id), ...cardsOf(s, C.samara, first.id)];
        return c.length === 2 ? c : undefined;
      },
      5000,
      'the first cards',
    );
    await eventually(
      async () =>
        (await outboxCards()).filter((o) => JSON.parse(o.payload).card.decision_id === first.id && o.delivered_at).length === 2 ||
        undefined,
      5000,
      'the first cards delivered',
    );
    const next = await record(U.dmitry.token, {
      channel_id: C.hq,
      statement: 'Launch on March 31',
      channel_ids: [C.kazan],
      supersedes_id: first.id,
    });
    assert.equal(next.supersedes_id, first.id);
    assert.equal((await row(first.id)).status, 'decided', 'recording a replacement changes nothing yet');
    const done = await decide(U.olga.token, next);
    assert.equal(done.supersedes_id, first.id);
    const old = (await req('GET', `/api/v1/decisions/${first.id}`, U.olga.token)).body;
    assert.equal(old.status, 'superseded');
    assert.equal(old.superseded_by_id, next.id);
    const h = (await req('GET', `/api/v1/decisions/${first.id}/history`, U.olga.token)).body.items;
    assert.deepEqual(h[0].action, 'superseded');
    assert.deepEqual(h[0].to, next.id);

    await eventually(() => cardsOf(s, C.kazan, next.id)[0], 5000, 'the new Kazan card');
    const kazanOld = await eventually(
      () => {
        const p = s.mm.state.posts.get(oldCards.find((c) => c.channel_id === C.kazan)!.id)!;
        return /superseded/.test(p.message) ? p : undefined;
      },
      5000,
      'the old Kazan card edited',
    );
    assert.match(kazanOld.message, /Launch on March 31/, 'Kazan sees what replaced it');
    assert.equal((kazanOld.props as any).decision.status, 'superseded');
    assert.equal((kazanOld.props as any).decision.superseded_by_id, next.id);
    assert.deepEqual((kazanOld.props as any).attachments, []);
    const samaraOld = await eventually(
      () => {
        const p = s.mm.state.posts.get(oldCards.find((c) => c.channel_id === C.samara)!.id)!;
        return /superseded/.test(p.message) ? p : undefined;
      },
      5000,
      'the old Samara card edited',
    );
    assert.ok(!samaraOld.message.includes('March 31'), 'Samara is not told a decision that does not apply to it');
    assert.equal(cardsOf(s, C.samara, next.id).length, 0);
    const edits = (await outboxCards('decision_card_edit')).filter((e) => JSON.parse(e.payload).card.decision_id === first.id);
    // The two sent cards superseded; the proposal card edited twice: decided, then superseded.
    assert.deepEqual(edits.map((e) => JSON.parse(e.payload).card.status).sort(), ['decided', 'superseded', 'superseded', 'superseded']);

    const again = await req('POST', '/api/v1/decisions', U.olga.token, {
      project_id: projectId,
      channel_id: C.hq,
      statement: 'x',
      supersedes_id: first.id,
    });
    assert.equal(again.status, 409, 'a superseded decision cannot be superseded again');
    assert.equal(again.body.error.code, 'decision_closed');
    const decideOld = await req('POST', `/api/v1/decisions/${first.id}/decide`, U.olga.token, { version: old.version });
    assert.equal(decideOld.body.error.code, 'decision_closed');
  });

  it('refuses superseding across projects, and superseding one that is still proposed', async () => {
    const other = await decide(
      U.olga.token,
      (
        await req('POST', '/api/v1/decisions', U.olga.token, {
          project_id: otherProjectId,
          channel_id: C.novosibirsk,
          statement: 'Novosibirsk shifts by a week',
        })
      ).body,
    );
    const before = await count(s.db, 'decisions');
    const cross = await req('POST', '/api/v1/decisions', U.olga.token, {
      project_id: projectId,
      channel_id: C.hq,
      statement: 'x',
      supersedes_id: other.id,
    });
    assert.equal(cross.status, 422);
    assert.equal(cross.body.error.code, 'cross_project');
    const proposed = await record(U.olga.token, { channel_id: C.hq, statement: 'Maybe' });
    const open = await req('POST', '/api/v1/decisions', U.olga.token, {
      project_id: projectId,
      channel_id: C.hq,
      statement: 'x',
      supersedes_id: proposed.id,
    });
    assert.equal(open.status, 409);
    assert.equal(open.body.error.code, 'decision_closed');
    assert.equal(await count(s.db, 'decisions'), before + 1);
  });

  it('edits a proposal with a version check, and records what changed', async () => {
    const d = await record(U.kazan.token, { channel_id: C.kazan, statement: 'Oral agreement: 10% off in April' });
    assert.equal(d.proposed_by, U.kazan.id, 'a guest records a proposal in their channel');
    assert.ok(!d.permissions.includes('decision.decide'), 'but never decides');
    const guestDecide = await req('POST', `/api/v1/decisions/${d.id}/decide`, U.kazan.token, { version: 1 });
    assert.equal(guestDecide.status, 403);
    const changed = await req('PATCH', `/api/v1/decisions/${d.id}`, U.kazan.token, {
      version: 1,
      statement: 'Oral agreement: 5% off in April',
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.version, 2);
    const stale = await req('PATCH', `/api/v1/decisions/${d.id}`, U.olga.token, { version: 1, rationale: 'late' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'version_conflict');
    assert.equal(stale.body.error.current.statement, 'Oral agreement: 5% off in April');
    const staff = await req('PATCH', `/api/v1/decisions/${d.id}`, U.olga.token, {
      version: 2,
      rationale: 'Confirmed by phone',
      approver_id: U.dmitry.id,
    });
    assert.equal(staff.status, 200);
    const stored = await row(d.id);
    assert.deepEqual(
      [stored.statement, stored.rationale, stored.approver_id, Number(stored.version)],
      ['Oral agreement: 5% off in April', 'Confirmed by phone', U.dmitry.id, 3],
    );
    const h = (await req('GET', `/api/v1/decisions/${d.id}/history`, U.olga.token)).body.items;
    assert.deepEqual(
      h.map((e: any) => [e.action, e.field]),
      [
        ['updated', 'approver_id'],
        ['updated', 'rationale'],
        ['updated', 'statement'],
        ['recorded', null],
      ],
    );
    const olgaDecides = await req('POST', `/api/v1/decisions/${d.id}/decide`, U.olga.token, { version: 3 });
    assert.equal(olgaDecides.status, 403, 'dmitry is the approver now');
    assert.equal((await decide(U.dmitry.token, staff.body)).status, 'decided');
  });

  it('revokes with a reason, and the cards say so', async () => {
    const d = await decide(
      U.olga.token,
      await record(U.olga.token, { channel_id: C.hq, statement: 'Flyers in A5', channel_ids: [C.kazan] }),
    );
    const card = await eventually(() => cardsOf(s, C.kazan, d.id)[0], 5000, 'the card');
    const guest = await req('POST', `/api/v1/decisions/${d.id}/revoke`, U.kazan.token, { version: d.version, reason: 'no' });
    assert.equal(guest.status, 403);
    const r = await req('POST', `/api/v1/decisions/${d.id}/revoke`, U.dmitry.token, {
      version: d.version,
      reason: 'The printer cannot do A5 *today*',
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      [r.body.status, r.body.revoked_by, r.body.revoke_reason],
      ['revoked', U.dmitry.id, 'The printer cannot do A5 *today*'],
    );
    const edited = await eventually(
      () => {
        const p = s.mm.state.posts.get(card.id)!;
        return /revoked/.test(p.message) ? p : undefined;
      },
      5000,
      'the card edited',
    );
    assert.ok(edited.message.includes('A5 \\*today\\*'), edited.message);
    assert.equal((edited.props as any).decision.status, 'revoked');
    const twice = await req('POST', `/api/v1/decisions/${d.id}/revoke`, U.dmitry.token, { version: r.body.version, reason: 'again' });
    assert.equal(twice.body.error.code, 'decision_closed');
  });

  it('lists the log newest first, by status, channel, person and text, only what the caller may see', async () => {
    const list = async (token: string, query: string) => {
      const r = await req('GET', `/api/v1/decisions?project_id=${projectId}${query}`, token);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    const all = await list(U.olga.token, '&limit=500');
    assert.ok(all.items.length >= 8);
    const ids = all.items.map((d: any) => d.id);
    assert.deepEqual(ids, [...ids].sort().reverse(), 'newest first');
    assert.ok((await list(U.olga.token, '&status=superseded')).items.every((d: any) => d.status === 'superseded'));
    const kazanOnly = await list(U.kazan.token, '&limit=500');
    assert.ok(kazanOnly.items.length > 0);
    assert.ok(
      kazanOnly.items.every((d: any) => d.channel_ids.includes(C.kazan)),
      'the guest sees only decisions that concern Kazan',
    );
    assert.ok(kazanOnly.items.every((d: any) => !JSON.stringify(d).includes(C.samara)));
    const samara = await list(U.olga.token, `&channel_id=${C.samara}&limit=500`);
    assert.ok(
      samara.items.length > 0 && samara.items.every((d: any) => d.channel_ids.includes(C.samara) || d.source_channel_id === C.samara),
    );
    const byGuest = await list(U.olga.token, `&person_id=${U.kazan.id}`);
    assert.ok(byGuest.items.length > 0 && byGuest.items.every((d: any) => d.proposed_by === U.kazan.id || d.recorded_by === U.kazan.id));
    const text = await list(U.olga.token, '&q=MARCH 3');
    assert.deepEqual(
      text.items.map((d: any) => d.statement),
      ['Launch on March 31'],
    );
    const page1 = await list(U.olga.token, '&limit=2');
    assert.equal(page1.items.length, 2);
    const page2 = await list(U.olga.token, `&limit=2&cursor=${page1.next_cursor}`);
    assert.ok(page2.items[0].id < page1.items[1].id);
    const agency = await req('GET', `/api/v1/decisions?project_id=${projectId}`, U.agency.token);
    assert.equal(agency.status, 200, 'the agency guest is in HQ');
    assert.ok(agency.body.items.every((d: any) => d.source_channel_id === C.hq));
    const stranger = await req('GET', `/api/v1/decisions?project_id=${otherProjectId}`, U.pavel.token);
    assert.equal(stranger.status, 404);
    const mine = await req('GET', '/api/v1/decisions?limit=500', U.pavel.token);
    assert.ok(mine.body.items.length > 0 && mine.body.items.every((d: any) => d.channel_ids.includes(C.samara)));
  });

  it('answers the log from a reused page only while nothing changed, and never one made for someone else', async () => {
    const d = await decide(
      U.olga.token,
      await record(U.olga.token, { channel_id: C.hq, statement: 'Reuse check', channel_ids: [C.kazan, C.samara] }),
    );
    const url = `/api/v1/decisions?project_id=${projectId}&q=reuse%20check`;
    const receiptsOf = (body: any) => Object.fromEntries(body.items[0].receipts.map((r: any) => [r.channel_id, r.confirmed_by]));
    assert.deepEqual(receiptsOf((await req('GET', url, U.olga.token)).body), { [C.kazan]: null, [C.samara]: null });
    assert.deepEqual(receiptsOf((await req('GET', url, U.olga.token)).body), { [C.kazan]: null, [C.samara]: null });
    const guest = (await req('GET', url, U.kazan.token)).body;
    assert.deepEqual(guest.items[0].channel_ids, [C.kazan], 'the guest gets the guest’s page');
    await req('POST', `/api/v1/decisions/${d.id}/receipts/${C.samara}`, U.pavel.token, {});
    assert.deepEqual(receiptsOf((await req('GET', url, U.olga.token)).body), { [C.kazan]: null, [C.samara]: U.pavel.id });
    s.mm.removeMember(C.kazan, U.kazan.id);
    try {
      assert.equal((await req('GET', url, U.kazan.token)).status, 404, 'a removed member is asked again, not served the old page');
    } finally {
      s.mm.addMember(C.kazan, U.kazan.id, 'channel_guest');
    }
  });

  it('the log of every channel of the caller shows a channel’s first decision at once', async () => {
    const ch = 'decisionlesschannel0000001';
    s.mm.addChannel({ id: ch, name: 'decisionless', display_name: 'Decisionless' });
    s.mm.addMember(ch, U.olga.id);
    assert.equal((await req('POST', `/api/v1/projects/${projectId}/channels`, U.olga.token, { channel_id: ch })).status, 200);
    const everywhere = () => req('GET', '/api/v1/decisions?limit=100', U.olga.token);
    // Read twice: the second is the reused page, and the channels with decisions as kept.
    for (const r of [await everywhere(), await everywhere()]) {
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok(!r.body.items.some((x: any) => x.channel_id === ch));
    }
    const d = await record(U.olga.token, { channel_id: ch, statement: 'First decision here' });
    assert.ok((await everywhere()).body.items.some((x: any) => x.id === d.id));
  });

  it('makes a follow-up task in one of its channels, linked to the decision', async () => {
    const d = await decide(
      U.olga.token,
      await record(U.olga.token, { channel_id: C.hq, statement: 'Reprint the Kazan boards\nmatte paper', channel_ids: [C.kazan] }),
    );
    const outside = await req('POST', `/api/v1/decisions/${d.id}/tasks`, U.olga.token, { channel_id: C.samara });
    assert.equal(outside.status, 404);
    const r = await req('POST', `/api/v1/decisions/${d.id}/tasks`, U.dmitry.token, { channel_id: C.kazan, assignee_id: U.kazan.id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(
      [r.body.title, r.body.channel_id, r.body.project_id, r.body.assignee_id],
      ['Reprint the Kazan boards', C.kazan, projectId, U.kazan.id],
    );
    const after = (await req('GET', `/api/v1/decisions/${d.id}`, U.olga.token)).body;
    assert.deepEqual(after.task_ids, [r.body.id]);
    const link = await s.db.selectFrom('decision_links').selectAll().where('decision_id', '=', d.id).execute();
    assert.deepEqual(
      link.map((l) => [l.kind, l.target_id]),
      [['task', r.body.id]],
    );
    const h = (await req('GET', `/api/v1/decisions/${d.id}/history`, U.olga.token)).body.items;
    assert.deepEqual([h[0].action, h[0].to], ['linked', r.body.id]);
  });

  it('links tasks and asset versions of its project only', async () => {
    const task = (await req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'Proofs', project_id: projectId })).body;
    const foreign = (
      await req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.novosibirsk, title: 'Elsewhere', project_id: otherProjectId })
    ).body;
    const before = await count(s.db, 'decisions');
    const cross = await req('POST', '/api/v1/decisions', U.olga.token, {
      project_id: projectId,
      channel_id: C.hq,
      statement: 'x',
      task_ids: [foreign.id],
    });
    assert.equal(cross.status, 422);
    assert.equal(cross.body.error.code, 'cross_project');
    assert.equal(await count(s.db, 'decisions'), before);
    const d = await record(U.olga.token, { channel_id: C.hq, statement: 'Proofs by Friday', task_ids: [task.id] });
    assert.deepEqual(d.task_ids, [task.id]);
  });

  it('streams decision events to the source channel and every applied channel', async () => {
    const kazan = await SseClient.open(s.url, U.kazan.token);
    const agency = await SseClient.open(s.url, U.agency.token);
    const pavel = await SseClient.open(s.url, U.pavel.token);
    streams.push(kazan, agency, pavel);
    const d = await record(U.olga.token, { channel_id: C.hq, statement: 'Events reach everyone concerned', channel_ids: [C.kazan] });
    await decide(U.olga.token, d);
    const e = await kazan.next((x) => x.event === 'decision.decided' && x.data.decision_id === d.id);
    assert.deepEqual([e.data.decision_id, e.data.project_id], [d.id, projectId]);
    await agency.next((x) => x.event === 'decision.recorded' && x.data.decision_id === d.id);
    await agency.next((x) => x.event === 'decision.decided' && x.data.decision_id === d.id);
    const marker = await record(U.olga.token, { channel_id: C.samara, statement: 'Samara marker' });
    await pavel.next((x) => x.event === 'decision.recorded' && x.data.decision_id === marker.id);
    assert.ok(!pavel.events.some((x) => x.data?.decision_id === d.id), 'Samara hears nothing of a Kazan decision');
  });

  it('a member removed from the channels loses the decision', async () => {
    const d = await record(U.olga.token, { channel_id: C.kazan, statement: 'Only Kazan knows' });
    assert.equal((await req('GET', `/api/v1/decisions/${d.id}`, U.kazan.token)).status, 200);
    s.mm.removeMember(C.kazan, U.kazan.id);
    try {
      const gone = await req('GET', `/api/v1/decisions/${d.id}`, U.kazan.token);
      assert.equal(gone.status, 404);
      const receipt = await req('POST', `/api/v1/decisions/${d.id}/receipts/${C.kazan}`, U.kazan.token, {});
      assert.equal(receipt.status, 404);
    } finally {
      s.mm.addMember(C.kazan, U.kazan.id, 'channel_guest');
    }
  });
});

describe(`decision cards Mattermost refuses [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ OUTBOX_RETRY_BASE_MS: '10', OUTBOX_POLL_MS: '50' });
  });
  after(async () => {
    await s.close();
  });

  it('a card the bot could not post is not waited for when the decision is superseded: the other cards are edited', async () => {
    const req = (method: string, path: string, body?: unknown) => s.request(method, path, { token: U.olga.token, body });
    const p = (await req('POST', '/api/v1/projects', { name: 'Refused', channel_id: C.kazan })).body;
    // The bot is not in Off-Topic: Mattermost refuses its posts there.
    assert.equal((await req('POST', `/api/v1/projects/${p.id}/channels`, { channel_id: C.offTopic })).status, 200);
    const first = (
      await req('POST', '/api/v1/decisions', {
        project_id: p.id,
        channel_id: C.kazan,
        statement: 'First',
        channel_ids: [C.kazan, C.offTopic],
      })
    ).body;
    assert.equal((await req('POST', `/api/v1/decisions/${first.id}/decide`, { version: 1 })).status, 200);
    const cardRow = async (channel: string) => {
      const card = await s.db
        .selectFrom('decision_cards')
        .selectAll()
        .where('decision_id', '=', first.id)
        .where('channel_id', '=', channel)
        .executeTakeFirstOrThrow();
      return s.db.selectFrom('outbox').selectAll().where('id', '=', card.outbox_id).executeTakeFirstOrThrow();
    };
    await eventually(async () => ((await cardRow(C.kazan)).delivered_at ? true : undefined), 5000, 'the Kazan card posted');
    await eventually(
      async () => (new Date((await cardRow(C.offTopic)).next_attempt_at).getTime() > Date.now() + 86_400_000 ? true : undefined),
      15000,
      'the Off-Topic card given up on',
    );
    const next = (
      await req('POST', '/api/v1/decisions', {
        project_id: p.id,
        channel_id: C.kazan,
        statement: 'Second',
        channel_ids: [C.kazan],
        supersedes_id: first.id,
      })
    ).body;
    assert.equal((await req('POST', `/api/v1/decisions/${next.id}/decide`, { version: 1 })).status, 200);
    // The edits of the cards sent on "decided" (the proposal cards in Kazan are edited too, and delivered).
    const sent = new Set((await s.db.selectFrom('decision_cards').select('outbox_id').execute()).map((c) => c.outbox_id));
    const edits = async () =>
      (await s.db.selectFrom('outbox').selectAll().where('kind', '=', 'decision_card_edit').execute())
        .filter((r) => sent.has(JSON.parse(r.payload).card_outbox_id))
        .map((r) => [JSON.parse(r.payload).channel_id, r.delivered_at !== null, r.skipped]);
    const settled = await eventually(
      async () => {
        const e = await edits();
        return e.length === 2 && e.every(([, done]) => done) ? e : undefined;
      },
      5000,
      'both edits settled',
    );
    assert.deepEqual(
      settled.sort(),
      [
        [C.kazan, true, null],
        [C.offTopic, true, 'card_not_posted'],
      ].sort(),
    );
    const kazanCard = s.mm.state.posts.get((await cardRow(C.kazan)).result_post_id!)!;
    assert.match(kazanCard.message, /superseded/);
  });
});

describe(`/task decide and the decision card on mobile [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    await s.close();
  });
  const slash = (user: { id: string; username: string }, channelId: string, text: string, extra: Record<string, string> = {}) =>
    slashCommand(s, user, channelId, text, { team_id: 'teamretailmarketing0000000', command: '/task', ...extra });

  it('answers clearly when the channel has no project, and when it has several', async () => {
    const none = await slash(U.olga, C.kazan, 'decide Slogan B');
    assert.equal(none.body.response_type, 'ephemeral');
    assert.match(none.body.text, /no Throughline project/);
    assert.equal(await count(s.db, 'decisions'), 0);
    const a = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring *A*', channel_id: C.hq } })).body;
    const b = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Autumn', channel_id: C.kazan } })).body;
    await s.request('POST', `/api/v1/projects/${a.id}/channels`, { token: U.olga.token, body: { channel_id: C.kazan } });
    const several = await slash(U.olga, C.kazan, 'decide Slogan B');
    assert.match(several.body.text, /several projects/);
    assert.ok(several.body.text.includes('Spring \\*A\\*'), 'project names are escaped');
    assert.ok(several.body.text.includes(`p:${a.id.slice(-8)}`) && several.body.text.includes(`p:${b.id.slice(-8)}`));
    const chosen = await slash(U.olga, C.kazan, `decide p:${b.id.slice(-8)} Slogan B @all`);
    assert.equal(chosen.body.response_type, 'in_channel', JSON.stringify(chosen.body));
    assert.ok(chosen.body.text.includes('Slogan B @\u200ball'), 'user text is escaped in the answer');
    const stored = await s.db.selectFrom('decisions').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(
      [stored.project_id, stored.statement, stored.source_channel_id, stored.recorded_by],
      [b.id, 'Slogan B @all', C.kazan, U.olga.id],
    );
  });

  it('in a thread, records the thread’s root as the source, proposed by its author; help mentions decide in Russian too', async () => {
    await s.request('POST', '/api/v1/projects', { token: U.dmitry.token, body: { name: 'Samara', channel_id: C.samara } });
    const r = await slash(U.dmitry, C.samara, 'decide', { root_id: P.samara.id });
    assert.equal(r.body.response_type, 'in_channel', JSON.stringify(r.body));
    const stored = await s.db.selectFrom('decisions').selectAll().where('source_post_id', '=', P.samara.id).executeTakeFirstOrThrow();
    assert.deepEqual(
      [stored.proposed_by, stored.recorded_by, stored.statement],
      [U.pavel.id, U.dmitry.id, 'Самара: прайс подрядчика на печать, проверьте до среды.'],
    );
    const empty = await slash(U.dmitry, C.samara, 'decide');
    assert.match(empty.body.text, /\/task decide <text>/);
    const help = await slash(U.pavel, C.samara, 'help');
    assert.match(help.body.text, /\/task decide <текст>/);
    const guest = await slash(U.kazan, C.samara, 'decide x');
    assert.equal(guest.body.response_type, 'ephemeral', 'not a member of Samara');
  });
});

describe(`receipts: one table for asset versions and decisions [${ENGINE}]`, () => {
  it('moves asset receipts recorded before the change into the shared table', async () => {
    const database = await freshDatabase();
    const { db } = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.env.DATA_DIR! });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      const to = await migrator.migrateTo('20261124_0003_assets');
      assert.equal(to.error, undefined);
      const at = new Date().toISOString();
      await sql`insert into projects (id, name, home_channel_id, created_by, created_at, updated_at) values ('p1', 'P', ${C.hq}, ${U.olga.id}, ${at}, ${at})`.execute(
        db,
      );
      await sql`insert into assets (id, project_id, name, created_by, created_at, updated_at) values ('a1', 'p1', 'Poster', ${U.olga.id}, ${at}, ${at})`.execute(
        db,
      );
      await sql`insert into asset_versions (id, asset_id, number, file_name, mime_type, size, sha256, added_by, added_at, state)
        values ('v1', 'a1', 1, 'p.png', 'image/png', 3, 'abc', ${U.olga.id}, ${at}, 'approved')`.execute(db);
      await sql`insert into asset_receipts (version_id, channel_id, asset_id, confirmed_by, confirmed_at)
        values ('v1', ${C.kazan}, 'a1', ${U.kazan.id}, ${at}), ('v1', ${C.samara}, 'a1', null, null)`.execute(db);
      const latest = await migrator.migrateToLatest();
      assert.equal(latest.error, undefined);
      const rows = await db.selectFrom('receipts').selectAll().orderBy('channel_id').execute();
      assert.deepEqual(
        rows.map((r) => [r.subject_kind, r.subject_id, r.channel_id, r.confirmed_by]),
        [
          ['asset_version', 'v1', C.kazan, U.kazan.id],
          ['asset_version', 'v1', C.samara, null],
        ].sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
      );
      const down = await migrator.migrateTo('20261124_0003_assets');
      assert.equal(down.error, undefined);
      const back = await sql<{ n: number }>`select count(*) as n from asset_receipts`.execute(db);
      assert.equal(Number(back.rows[0]!.n), 2, 'and back again');
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
});

describe(`the proposal card and its Decide button [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  before(async () => {
    s = await startStack();
    projectId = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring', channel_id: C.hq } })).body.id;
    for (const c of [C.kazan, C.samara])
      assert.equal(
        (await s.request('POST', `/api/v1/projects/${projectId}/channels`, { token: U.olga.token, body: { channel_id: c } })).status,
        200,
      );
  });
  after(async () => {
    await s.close();
  });
  const proposalOf = (channelId: string, decisionId: string) =>
    eventually(() => cardsOf(s, channelId, decisionId)[0], 5000, 'the proposal card');
  const clicker = (card: Post) => {
    const button = (card.props as any).attachments[0].actions.find((a: any) => a.id === 'decide');
    return (userId: string, channelId = card.channel_id) =>
      s.request('POST', '/api/v1/mattermost/actions', {
        body: {
          user_id: userId,
          channel_id: channelId,
          post_id: card.id,
          team_id: 'teamretailmarketing0000000',
          context: button.integration.context,
        },
      });
  };
  const status = async (id: string) =>
    (await s.db.selectFrom('decisions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('recording posts one proposal card in the source channel; only the approver’s click decides, once, from that card', async () => {
    const r = await s.request('POST', '/api/v1/decisions', {
      token: U.dmitry.token,
      body: {
        project_id: projectId,
        channel_id: C.hq,
        statement: 'Slogan B @channel **now**',
        approver_id: U.olga.id,
        channel_ids: [C.kazan, C.samara],
      },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const d = r.body;
    const card = await proposalOf(C.hq, d.id);
    assert.equal(card.type, 'custom_throughline_decision');
    const props = (card.props as any).decision;
    assert.ok(Value.Check(DecisionCardPropsSchema, props), JSON.stringify(props));
    assert.deepEqual([props.decision_id, props.channel_id, props.status], [d.id, C.hq, 'proposed']);
    assert.match(card.message, /@dmitry recorded a proposed decision/);
    assert.match(card.message, /Only @olga may decide it/);
    assert.ok(card.message.includes('Slogan B @\u200bchannel \\*\\*now\\*\\*'), card.message);
    assert.deepEqual(
      (card.props as any).attachments[0].actions.map((a: any) => a.id),
      ['decide'],
    );
    const queued = await s.db.selectFrom('outbox').selectAll().where('kind', '=', 'decision_proposal').execute();
    assert.equal(queued.filter((o) => JSON.parse(o.payload).card.decision_id === d.id).length, 1);
    const stored = await s.db.selectFrom('decision_proposal_cards').selectAll().where('decision_id', '=', d.id).execute();
    assert.deepEqual(
      stored.map((c) => [c.channel_id, c.outbox_id]),
      [[C.hq, queued.find((o) => JSON.parse(o.payload).card.decision_id === d.id)!.id]],
    );
    assert.equal(cardsOf(s, C.kazan, d.id).length + cardsOf(s, C.samara, d.id).length, 0, 'nothing sent while proposed');

    const click = clicker(card);
    const notApprover = await click(U.dmitry.id);
    assert.equal(notApprover.headers.get('x-throughline-refused'), 'forbidden');
    assert.match(notApprover.body.ephemeral_text, /Only the named approver may decide/);
    const guest = await click(U.agency.id);
    assert.equal(guest.headers.get('x-throughline-refused'), 'forbidden', 'a guest of HQ');
    const stranger = await click(U.pavel.id);
    assert.equal(stranger.headers.get('x-throughline-refused'), 'forbidden');
    assert.match(stranger.body.ephemeral_text, /Принять это решение может только/, 'in the reader’s language');
    const elsewhere = await click(U.olga.id, C.kazan);
    assert.equal(elsewhere.headers.get('x-throughline-refused'), 'wrong_channel', 'a click relayed from a post in another channel');
    assert.equal(await status(d.id), 'proposed');
    assert.equal(await count(s.db, 'receipts'), 0);

    const ok = await click(U.olga.id);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('x-throughline-refused'), null, JSON.stringify(ok.body));
    assert.match(ok.body.update.message, /Decided by @olga/);
    assert.deepEqual(ok.body.update.props.attachments, []);
    assert.equal(ok.body.update.props.decision.status, 'decided');
    const row = await s.db.selectFrom('decisions').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.decided_by], ['decided', U.olga.id]);
    for (const channel of [C.kazan, C.samara]) {
      const sent = await eventually(() => cardsOf(s, channel, d.id)[0], 5000, `the card in ${channel}`);
      assert.equal((sent.props as any).decision.status, 'decided');
      assert.deepEqual(
        (sent.props as any).attachments[0].actions.map((a: any) => a.id),
        ['dack'],
      );
    }
    const replay = await click(U.olga.id);
    assert.equal(replay.headers.get('x-throughline-refused'), 'replayed');
    const outbox = await count(s.db, 'outbox');
    assert.equal((await click(U.dmitry.id)).headers.get('x-throughline-refused'), 'replayed');
    assert.equal(await count(s.db, 'outbox'), outbox, 'nothing more queued');
    // The outbox rewrites the posted card the same way (a decision decided from the webapp gets it too).
    await eventually(
      () => {
        const p = s.mm.state.posts.get(card.id)!;
        return /Decided by @olga/.test(p.message) && (p.props as any).decision.status === 'decided' ? p : undefined;
      },
      5000,
      'the proposal card edited',
    );
    assert.equal(cardsOf(s, C.hq, d.id).length, 1, 'HQ keeps the one proposal card');
  });

  it('without an approver, any non-guest member of the source channel decides from /task decide’s card; a revoked proposal’s card says so', async () => {
    const r = await s.request('POST', '/api/v1/mattermost/command', {
      rawBody: new URLSearchParams({
        token: SLASH_TOKEN,
        team_id: 'teamretailmarketing0000000',
        channel_id: C.hq,
        user_id: U.dmitry.id,
        user_name: U.dmitry.username,
        command: '/task',
        text: 'decide Flyers in A5',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Token ${SLASH_TOKEN}` },
    });
    assert.equal(r.body.response_type, 'in_channel', JSON.stringify(r.body));
    const d = await s.db.selectFrom('decisions').selectAll().where('statement', '=', 'Flyers in A5').executeTakeFirstOrThrow();
    const card = await proposalOf(C.hq, d.id);
    assert.match(card.message, /Any member of this channel \(not a guest\) may decide it/);
    const click = clicker(card);
    assert.equal((await click(U.agency.id)).headers.get('x-throughline-refused'), 'forbidden', 'a guest never decides');
    const outsider = await click(U.kazan.id);
    assert.equal(outsider.headers.get('x-throughline-refused'), 'not_found', 'not in HQ: the decision is not theirs to see');
    assert.equal(await status(d.id), 'proposed');
    const ok = await click(U.olga.id);
    assert.match(ok.body.update.message, /Decided by @olga/);
    assert.equal(await status(d.id), 'decided');
    await eventually(() => (cardsOf(s, C.hq, d.id).length === 2 ? true : undefined), 5000, 'the decided card in HQ as well');

    const other = (
      await s.request('POST', '/api/v1/decisions', {
        token: U.olga.token,
        body: { project_id: projectId, channel_id: C.hq, statement: 'Maybe' },
      })
    ).body;
    const otherCard = await proposalOf(C.hq, other.id);
    const clickOther = clicker(otherCard);
    const revoked = await s.request('POST', `/api/v1/decisions/${other.id}/revoke`, {
      token: U.olga.token,
      body: { version: other.version, reason: 'Dropped' },
    });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    const edited = await eventually(
      () => {
        const p = s.mm.state.posts.get(otherCard.id)!;
        return /revoked/.test(p.message) ? p : undefined;
      },
      5000,
      'the proposal card marked revoked',
    );
    assert.deepEqual((edited.props as any).attachments, []);
    assert.equal((await clickOther(U.olga.id)).headers.get('x-throughline-refused'), 'decision_closed');
  });
});
