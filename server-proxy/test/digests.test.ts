import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Digest } from '@throughline/contract';
import { newId } from '../src/util/ids.js';
import { C, ENGINE, P, U, count, fixtures, slashCommand, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

// A fixed clock: Monday 10 March 2025, 07:00 UTC, an hour after the Moscow 09:00 slot.
const SLOT = '2025-03-10T06:00:00.000Z';
const WEEK_START = '2025-03-03T06:00:00.000Z';
const NOW = Date.parse(SLOT) + 3_600_000;
const HOUR = 3_600_000;
/** Where a digest line opens its record: the team of the project's home channel (campaign-hq's). */
const ITEM = 'http://mm.example/retail-marketing/throughline/item';

type Row = Record<string, unknown>;

describe('weekly digest', () => {
  let s: Stack;
  let projectId: string;
  const ids: Record<string, string> = {};

  const task = async (key: string, t: Row) => {
    ids[key] = newId();
    await s.db
      .insertInto('tasks')
      .values({
        id: ids[key]!,
        title: String(t.title),
        description: '',
        search_text: String(t.title).toLowerCase(),
        status: (t.status as never) ?? 'todo',
        assignee_id: (t.assignee_id as string) ?? null,
        due_at: (t.due_at as string) ?? null,
        channel_id: t.channel_id as string,
        project_id: projectId,
        source_post_id: (t.source_post_id as string) ?? null,
        permalink: t.source_post_id ? `http://mm.example/_redirect/pl/${t.source_post_id}` : null,
        files: '[]',
        created_by: U.olga.id,
        created_at: t.created_at as string,
        updated_at: (t.updated_at as string) ?? (t.created_at as string),
        deleted_at: null,
        version: 1,
        reminder_sent_at: null,
        thread_root_id: null,
        parent_id: (t.parent_id as string) ?? null,
        rollout_id: (t.rollout_id as string) ?? null,
      })
      .execute();
  };
  const statusChange = (key: string, to: string, at: string) =>
    s.db
      .insertInto('task_history')
      .values({
        id: newId(),
        task_id: ids[key]!,
        actor_id: U.dmitry.id,
        action: 'updated',
        field: 'status',
        from_value: 'todo',
        to_value: to,
        at,
      })
      .execute();
  const decision = async (key: string, d: Row, applied: string[]) => {
    ids[key] = newId();
    await s.db
      .insertInto('decisions')
      .values({
        id: ids[key]!,
        project_id: projectId,
        statement: String(d.statement),
        rationale: '',
        search_text: String(d.statement).toLowerCase(),
        status: d.status as never,
        proposed_by: U.olga.id,
        recorded_by: U.olga.id,
        approver_id: null,
        decided_by: (d.decided_at as string) ? U.olga.id : null,
        decided_at: (d.decided_at as string) ?? null,
        revoked_by: null,
        revoked_at: null,
        revoke_reason: null,
        supersedes_id: null,
        superseded_by_id: null,
        source_channel_id: d.source as string,
        source_post_id: (d.post as string) ?? null,
        permalink: d.post ? `http://mm.example/_redirect/pl/${d.post}` : null,
        source_text: null,
        created_at: d.created_at as string,
        updated_at: d.created_at as string,
        version: 1,
      })
      .execute();
    await s.db
      .insertInto('decision_channels')
      .values(applied.map((c) => ({ decision_id: ids[key]!, channel_id: c })))
      .execute();
  };
  const digestOf = async (kind: 'channel' | 'user', id: string, slot = SLOT): Promise<Digest> => {
    const row = await s.db
      .selectFrom('digests')
      .select('id')
      .where('audience_kind', '=', kind)
      .where('audience_id', '=', id)
      .where('slot', '=', slot)
      .where('trigger', '=', 'schedule')
      .executeTakeFirstOrThrow();
    const token = kind === 'user' ? Object.values(U).find((u) => u.id === id)!.token : U.olga.token;
    const res = await s.request('GET', `/api/v1/digests/${row.id}`, { token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as Digest;
  };
  /** Each section as "title [days] [confirmed/pending]" lines, for comparing line by line. */
  const lines = (d: Digest) =>
    Object.fromEntries(
      d.sections.map((sec) => [
        sec.key,
        sec.lines.map((l) =>
          [
            l.event,
            l.title,
            l.number !== null ? `v${l.number}` : null,
            l.days !== null ? `${l.days}d` : null,
            l.confirmed.length || l.pending.length ? `+${l.confirmed.join(',')}/-${l.pending.join(',')}` : null,
          ]
            .filter((x) => x !== null)
            .join(' '),
        ),
      ]),
    );

  before(async () => {
    s = await startStack({ BOT_LOCALE: 'en', MM_SITE_URL: 'http://mm.example' });
    const p = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring *campaign*', channel_id: C.hq } });
    projectId = p.body.id;
    for (const c of [C.kazan, C.samara])
      assert.equal(
        (await s.request('POST', `/api/v1/projects/${projectId}/channels`, { token: U.olga.token, body: { channel_id: c } })).status,
        200,
      );
    const set = await s.request('PATCH', `/api/v1/projects/${projectId}/digest-settings`, {
      token: U.olga.token,
      body: { weekday: 1, time: '09:00', time_zone: 'Europe/Moscow', stalled_days: 10 },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));

    await task('A', {
      title: 'Outdoor 6×3 layout',
      channel_id: C.hq,
      assignee_id: U.dmitry.id,
      status: 'done',
      created_at: '2025-02-27T10:00:00.000Z',
      updated_at: '2025-03-05T12:00:00.000Z',
      source_post_id: P.multiLine.id,
    });
    await statusChange('A', 'done', '2025-03-05T12:00:00.000Z');
    await task('B', {
      title: 'Kazan installation',
      channel_id: C.kazan,
      assignee_id: U.kazan.id,
      status: 'in_progress',
      created_at: '2025-03-04T08:00:00.000Z',
      updated_at: '2025-03-06T09:00:00.000Z',
    });
    await statusChange('B', 'in_progress', '2025-03-06T09:00:00.000Z');
    await task('C', {
      title: 'Samara print quote',
      channel_id: C.samara,
      assignee_id: U.pavel.id,
      created_at: '2025-02-20T10:00:00.000Z',
      updated_at: '2025-03-08T10:00:00.000Z',
      due_at: '2025-03-07T00:00:00.000Z',
    });
    await task('D', {
      title: 'Brief for Northlight',
      channel_id: C.hq,
      created_at: '2025-02-01T10:00:00.000Z',
      updated_at: '2025-02-25T06:00:00.000Z',
    });
    await task('E', { title: '**Sale** @channel <b>now</b>', channel_id: C.hq, created_at: '2025-03-09T12:00:00.000Z' });
    await task('F', {
      title: 'Done long ago',
      channel_id: C.hq,
      status: 'done',
      created_at: '2025-02-01T10:00:00.000Z',
      updated_at: '2025-02-20T10:00:00.000Z',
    });
    await statusChange('F', 'done', '2025-02-20T10:00:00.000Z');
    await task('G', { title: 'Samara banner', channel_id: C.samara, created_at: '2025-03-08T12:00:00.000Z' });
    // Made after the week: not in it.
    await task('H', { title: 'After the slot', channel_id: C.hq, created_at: '2025-03-10T06:30:00.000Z' });

    ids.asset = newId();
    await s.db
      .insertInto('assets')
      .values({
        id: ids.asset,
        project_id: projectId,
        name: 'Poster',
        created_by: U.olga.id,
        created_at: '2025-02-01T00:00:00.000Z',
        updated_at: '2025-03-07T06:00:00.000Z',
      })
      .execute();
    await s.db
      .insertInto('asset_channels')
      .values([C.kazan, C.samara].map((c) => ({ asset_id: ids.asset!, channel_id: c })))
      .execute();
    const version = (n: number, state: 'approved' | 'proposed', added: string, decided: string | null) => ({
      id: newId(),
      asset_id: ids.asset!,
      number: n,
      file_name: `poster-v${n}.png`,
      mime_type: 'image/png',
      size: 10,
      sha256: String(n).repeat(64),
      source_post_id: null,
      source_file_id: null,
      added_by: U.dmitry.id,
      added_at: added,
      state,
      decided_by: decided ? U.olga.id : null,
      decided_at: decided,
      decision_comment: null,
    });
    const v1 = version(1, 'approved', '2025-03-01T06:00:00.000Z', '2025-03-05T09:00:00.000Z');
    const v2 = version(2, 'proposed', '2025-03-07T06:00:00.000Z', null);
    await s.db.insertInto('asset_versions').values([v1, v2]).execute();
    await s.db
      .insertInto('receipts')
      .values([
        {
          subject_kind: 'asset_version',
          subject_id: v1.id,
          channel_id: C.kazan,
          confirmed_by: U.kazan.id,
          confirmed_at: '2025-03-06T08:00:00.000Z',
        },
        { subject_kind: 'asset_version', subject_id: v1.id, channel_id: C.samara, confirmed_by: null, confirmed_at: null },
      ])
      .execute();

    await decision(
      'D0',
      {
        statement: 'Slogan A',
        status: 'superseded',
        source: C.hq,
        created_at: '2025-02-10T10:00:00.000Z',
        decided_at: '2025-02-10T11:00:00.000Z',
      },
      [C.kazan, C.samara],
    );
    await decision(
      'D1',
      {
        statement: 'Slogan B is final',
        status: 'decided',
        source: C.hq,
        post: P.multiLine.id,
        created_at: '2025-03-03T12:00:00.000Z',
        decided_at: '2025-03-04T10:00:00.000Z',
      },
      [C.kazan, C.samara],
    );
    await decision(
      'D2',
      { statement: 'Move the Samara launch', status: 'proposed', source: C.samara, created_at: '2025-03-08T06:00:00.000Z' },
      [C.samara],
    );
    await s.db
      .insertInto('decision_history')
      .values({
        id: newId(),
        decision_id: ids.D0!,
        actor_id: U.olga.id,
        action: 'superseded',
        field: null,
        from_value: null,
        to_value: ids.D1!,
        channel_id: null,
        at: '2025-03-04T10:00:01.000Z',
      })
      .execute();

    ids.rollout = newId();
    await task('R', {
      title: 'Spring rollout',
      channel_id: C.hq,
      created_at: '2025-03-02T10:00:00.000Z',
      updated_at: '2025-03-02T10:00:00.000Z',
    });
    await task('RK', {
      title: 'Spring rollout · Kazan',
      channel_id: C.kazan,
      status: 'done',
      created_at: '2025-03-02T10:00:00.000Z',
      updated_at: '2025-03-09T10:00:00.000Z',
      parent_id: ids.R,
      rollout_id: ids.rollout,
    });
    await task('RS', {
      title: 'Spring rollout · Samara',
      channel_id: C.samara,
      status: 'in_progress',
      created_at: '2025-03-02T10:00:00.000Z',
      updated_at: '2025-03-09T10:00:00.000Z',
      parent_id: ids.R,
      rollout_id: ids.rollout,
    });
    await s.db
      .insertInto('rollouts')
      .values({
        id: ids.rollout,
        task_id: ids.R!,
        project_id: projectId,
        asset_id: null,
        created_by: U.olga.id,
        created_at: '2025-03-02T10:00:00.000Z',
        updated_at: '2025-03-02T10:00:00.000Z',
      })
      .execute();
    await s.db
      .insertInto('rollout_channels')
      .values([
        { rollout_id: ids.rollout, channel_id: C.kazan, task_id: ids.RK!, position: 0 },
        { rollout_id: ids.rollout, channel_id: C.samara, task_id: ids.RS!, position: 1 },
      ])
      .execute();

    for (const u of [U.olga, U.kazan, U.pavel])
      assert.equal((await s.request('PUT', `/api/v1/projects/${projectId}/digest-subscription`, { token: u.token })).status, 200);
  });
  after(() => s.close());

  it('skips a slot missed by more than a day, and sends nothing before the first one', async () => {
    assert.equal(await s.app.live.digests.runSchedule(Date.parse(SLOT) - HOUR), 0, 'the week before had its slot long ago');
    assert.equal(await s.app.live.digests.runSchedule(Date.parse(SLOT) + 25 * HOUR), 0);
    assert.equal(await count(s.db, 'digests'), 0);
    assert.equal(await count(s.db, 'outbox'), 0);
  });

  it("compiles each channel's and each subscriber's digest of the week, line by line", async () => {
    assert.equal(await s.app.live.digests.runSchedule(NOW), 6, 'three channels, three subscribers');
    const olga = await digestOf('user', U.olga.id);
    assert.equal(olga.window_start, WEEK_START);
    assert.equal(olga.slot, SLOT);
    assert.equal(olga.locale, 'en');
    assert.deepEqual(olga.channel_ids, [C.hq, C.kazan, C.samara].sort());
    assert.deepEqual(lines(olga), {
      done: ['Outdoor 6×3 layout'],
      started: ['Kazan installation'],
      new: ['Kazan installation', 'Samara banner', '**Sale** @channel <b>now</b>'],
      overdue: ['Samara print quote 3d'],
      stalled: ['Brief for Northlight 13d'],
      waiting: ['Poster v2 3d', 'Move the Samara launch 2d'],
      approved: [`Poster v1 +${C.kazan}/-${C.samara}`],
      decisions: ['recorded Slogan B is final', 'decided Slogan B is final', 'superseded Slogan A', 'recorded Move the Samara launch'],
      rollouts: [`Spring rollout +${C.kazan}/-${C.samara}`],
    });
    assert.equal(olga.sections.find((x) => x.key === 'rollouts')!.lines[0]!.parent_id, ids.R);
    const done = olga.sections.find((x) => x.key === 'done')!.lines[0]!;
    assert.equal(done.id, ids.A);
    assert.equal(done.user_id, U.dmitry.id);
    assert.equal(done.post_id, P.multiLine.id);
    const md = olga.markdown.split('\n');
    assert.equal(md[0], '**Weekly digest · Spring \\*campaign\\*** · 3 Mar 2025 – 10 Mar 2025');
    assert.ok(md.includes('**Done this week** (1)'));
    assert.ok(
      md.includes(
        `- **Outdoor 6×3 layout** — @\u200bdmitry · [open](${ITEM}/task/${ids.A}) · [post](http://mm.example/_redirect/pl/${P.multiLine.id})`,
      ),
      olga.markdown,
    );
    assert.ok(md.includes(`- **Samara print quote** — @\u200bpavel, 3 days late · [open](${ITEM}/task/${ids.C})`), olga.markdown);
    assert.ok(md.includes(`- **Brief for Northlight** — unassigned, no change for 13 days · [open](${ITEM}/task/${ids.D})`));
    assert.ok(
      md.includes(
        `- version 1 of **Poster** (poster-v1.png) — @\u200bolga, receipts 1/2; still owed by ~region-samara · [open](${ITEM}/asset/${ids.asset})`,
      ),
      olga.markdown,
    );
    assert.ok(
      md.includes(`- **Spring rollout** — 1/2 channels done; still open in ~region-samara · [open](${ITEM}/rollout/${ids.rollout})`),
      olga.markdown,
    );
    assert.ok(
      md.includes(`- **\\*\\*Sale\\*\\* @\u200bchannel &lt;b\\>now&lt;/b\\>** — unassigned · [open](${ITEM}/task/${ids.E})`),
      'what a person wrote is escaped',
    );
  });

  it("links every line to its record in the sidebar, at the address of the home channel's team", async () => {
    const olga = await digestOf('user', U.olga.id);
    const md = olga.markdown.split('\n');
    const items = md.filter((l) => l.startsWith('- '));
    assert.equal(items.length, 15, 'every line of every section');
    for (const l of items)
      assert.match(
        l,
        /· \[open\]\(http:\/\/mm\.example\/retail-marketing\/throughline\/item\/(task|decision|asset|rollout)\/[0-9a-f-]{36}\)/,
        l,
      );
    assert.ok(
      md.includes(
        `- Decided: **Slogan B is final** — @\u200bolga · [open](${ITEM}/decision/${ids.D1}) · [post](http://mm.example/_redirect/pl/${P.multiLine.id})`,
      ),
      olga.markdown,
    );
    assert.ok(
      md.includes(`- version 2 of **Poster** (poster-v2.png) — waiting 3 days · [open](${ITEM}/asset/${ids.asset})`),
      olga.markdown,
    );
    assert.ok(md.includes(`- decision: **Move the Samara launch** — waiting 2 days · [open](${ITEM}/decision/${ids.D2})`), olga.markdown);
    // A guest's line opens the rollout too (its matrix shows the guest their own row), in Russian.
    const kazan = (await digestOf('user', U.kazan.id)).markdown;
    assert.ok(kazan.includes(`**Spring rollout · Kazan** — готово в 1 из 1 каналов · [открыть](${ITEM}/rollout/${ids.rollout})`), kazan);
    assert.ok(kazan.includes(`· [открыть](${ITEM}/decision/${ids.D1})\n`), 'no source post: it lives in HQ');
  });

  it('gives a guest only their channel: nothing of another region, in Russian', async () => {
    const kazan = await digestOf('user', U.kazan.id);
    assert.equal(kazan.locale, 'ru');
    assert.deepEqual(kazan.channel_ids, [C.kazan]);
    assert.deepEqual(lines(kazan), {
      done: [],
      started: ['Kazan installation'],
      new: ['Kazan installation'],
      overdue: [],
      stalled: [],
      waiting: ['Poster v2 3d'],
      approved: [`Poster v1 +${C.kazan}/-`],
      decisions: ['recorded Slogan B is final', 'decided Slogan B is final', 'superseded Slogan A'],
      rollouts: [`Spring rollout · Kazan +${C.kazan}/-`],
    });
    assert.equal(kazan.sections.find((x) => x.key === 'rollouts')!.lines[0]!.parent_id, ids.RK, 'the guest’s own child task');
    const decided = kazan.sections.find((x) => x.key === 'decisions')!.lines[1]!;
    assert.equal(decided.permalink, null, 'the source post lives in a channel the guest is not in');
    assert.equal(decided.channel_id, null);
    const all = JSON.stringify(kazan);
    for (const leak of [C.samara, C.hq, 'region-samara', 'Samara', 'Самар', P.multiLine.id, 'Brief'])
      assert.ok(!all.includes(leak), `no ${leak}`);
    assert.match(kazan.markdown, /^\*\*Сводка за неделю · Spring \\\*campaign\\\*\*\* · 3 мар\.? 2025 г?\.? – 10 мар\.? 2025/);
    assert.ok(kazan.markdown.includes('**Начато** (1)'));
    assert.ok(kazan.markdown.includes('подтвердили все'));
  });

  it('posts to each project channel the digest of its own items, in BOT_LOCALE, and DMs each subscriber once', async () => {
    const samara = await digestOf('channel', C.samara);
    assert.equal(samara.locale, 'en');
    assert.deepEqual(lines(samara), {
      done: [],
      started: [],
      new: ['Samara banner'],
      overdue: ['Samara print quote 3d'],
      stalled: [],
      waiting: ['Poster v2 3d', 'Move the Samara launch 2d'],
      approved: [`Poster v1 +/-${C.samara}`],
      decisions: ['recorded Slogan B is final', 'decided Slogan B is final', 'superseded Slogan A', 'recorded Move the Samara launch'],
      rollouts: [`Spring rollout · Samara +/-${C.samara}`],
    });
    const hq = await digestOf('channel', C.hq);
    assert.deepEqual(lines(hq).new, ['**Sale** @channel <b>now</b>']);
    assert.deepEqual(lines(hq).waiting, []);
    assert.deepEqual(lines(hq).rollouts, [], 'the regions’ rows are not HQ’s to count');
    await eventually(
      async () => (await s.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute()).length === 0,
      10_000,
      'delivery',
    );
    const posts = [...s.mm.state.posts.values()].filter((p) => (p.type as string) === 'custom_throughline_digest');
    assert.equal(posts.length, 6);
    const inSamara = posts.filter((p) => p.channel_id === C.samara);
    assert.equal(inSamara.length, 1);
    assert.equal(inSamara[0]!.message, samara.markdown);
    assert.equal((inSamara[0]!.props as { digest: { id: string } }).digest.id, samara.id);
    const dms = posts.filter((p) => s.mm.state.channels.get(p.channel_id)?.type === 'D');
    assert.equal(dms.length, 3);
    for (const u of [U.olga, U.kazan, U.pavel]) {
      const mine = await digestOf('user', u.id);
      const sent = dms.filter((p) => p.message === mine.markdown);
      assert.equal(sent.length, 1, `one DM to ${u.username}`);
      assert.ok(s.mm.state.channels.get(sent[0]!.channel_id)!.name.includes(u.id), `in ${u.username}'s direct channel`);
    }
    const stored = await digestOf('channel', C.samara);
    assert.ok(stored.post_id, 'the post it became');
  });

  it('compiles the same digest from the same records', async () => {
    const first = await digestOf('user', U.olga.id);
    await s.db.deleteFrom('digests').where('id', '=', first.id).execute();
    assert.equal(await s.app.live.digests.runSchedule(NOW + HOUR), 1, 'only the removed one is compiled again');
    const again = await digestOf('user', U.olga.id);
    assert.deepEqual(again.sections, first.sections);
    assert.equal(again.markdown, first.markdown);
  });

  it('links only the source posts while the home channel’s team is unknown', async () => {
    const team = s.mm.state.teams.get(fixtures.team.id)!;
    s.mm.state.teams.delete(fixtures.team.id);
    // Another instance: its bot has not cached the team yet.
    const b = await startStack({}, false, s);
    try {
      const first = await digestOf('user', U.olga.id);
      await s.db.deleteFrom('digests').where('id', '=', first.id).execute();
      assert.equal(await b.app.live.digests.runSchedule(NOW + HOUR), 1);
      const again = await digestOf('user', U.olga.id);
      assert.deepEqual(again.sections, first.sections);
      assert.ok(!again.markdown.includes('/throughline/item/'), again.markdown);
      assert.ok(
        again.markdown.includes(`- **Outdoor 6×3 layout** — @\u200bdmitry · [post](http://mm.example/_redirect/pl/${P.multiLine.id})`),
      );
    } finally {
      s.mm.state.teams.set(fixtures.team.id, team);
      await b.close();
    }
  });

  it('compiles a digest on demand for the caller, kept in their history and shown to nobody else', async () => {
    const made = await s.request('POST', `/api/v1/projects/${projectId}/digests`, { token: U.kazan.token });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.trigger, 'demand');
    assert.equal(made.body.audience_id, U.kazan.id);
    assert.deepEqual(made.body.channel_ids, [C.kazan]);
    assert.equal(made.body.locale, 'ru');
    const again = await s.request('POST', `/api/v1/projects/${projectId}/digests`, { token: U.kazan.token });
    assert.equal(again.body.id, made.body.id, 'asked again within the minute: the same digest');
    const list = await s.request('GET', `/api/v1/projects/${projectId}/digests`, { token: U.kazan.token });
    const mine = list.body.items.map((d: { audience_kind: string; audience_id: string }) => `${d.audience_kind}:${d.audience_id}`);
    assert.ok(mine.includes(`user:${U.kazan.id}`) && mine.includes(`channel:${C.kazan}`));
    assert.ok(
      mine.every((m: string) => m === `user:${U.kazan.id}` || m === `channel:${C.kazan}`),
      'nobody else’s, no other channel’s',
    );
    for (const other of [U.olga, U.dmitry, U.pavel])
      assert.equal((await s.request('GET', `/api/v1/digests/${made.body.id}`, { token: other.token })).status, 404);
    const samara = await digestOf('channel', C.samara);
    assert.equal(
      (await s.request('GET', `/api/v1/digests/${samara.id}`, { token: U.kazan.token })).status,
      404,
      'another channel’s digest',
    );
  });

  it('answers /task digest with the caller’s digest, and subscribes and unsubscribes', async () => {
    const r = await slashCommand(s, U.pavel, C.samara, 'digest');
    assert.equal(r.status, 200);
    assert.equal(r.body.response_type, 'ephemeral');
    assert.match(r.body.text, /^\*\*Сводка за неделю · Spring \\\*campaign\\\*\*\*/);
    assert.ok(!r.body.text.includes('Kazan'), 'Pavel is not in Kazan');
    const off = await slashCommand(s, U.pavel, C.samara, 'digest unsubscribe');
    assert.match(off.body.text, /больше не будете/);
    assert.equal(
      (await s.request('GET', `/api/v1/projects/${projectId}/digest-settings`, { token: U.pavel.token })).body.subscribed,
      false,
    );
    const on = await slashCommand(s, U.pavel, C.samara, 'digest subscribe');
    assert.match(on.body.text, /будете получать/);
    assert.equal((await s.request('GET', `/api/v1/projects/${projectId}/digest-settings`, { token: U.pavel.token })).body.subscribed, true);
    assert.match((await slashCommand(s, U.pavel, C.samara, 'digest weekly please')).body.text, /\/task digest subscribe/);
    assert.match((await slashCommand(s, U.olga, C.offTopic, 'digest')).body.text, /belongs to no Throughline project/);
  });

  it('sends each slot once across two instances on one database, and across a restart', async () => {
    await s.db.deleteFrom('digests').execute();
    const before = await count(s.db, 'outbox');
    const b = await startStack({}, false, s);
    try {
      const results =
        ENGINE === 'postgres'
          ? await Promise.all([s.app.live.digests.runSchedule(NOW), b.app.live.digests.runSchedule(NOW)])
          : [await s.app.live.digests.runSchedule(NOW), await b.app.live.digests.runSchedule(NOW)];
      assert.equal(results[0]! + results[1]!, 6);
    } finally {
      await b.close();
    }
    const restarted = await startStack({}, false, s);
    try {
      assert.equal(await restarted.app.live.digests.runSchedule(NOW + 2 * HOUR), 0, 'after a restart nothing is sent again');
    } finally {
      await restarted.close();
    }
    assert.equal(await count(s.db, 'digests'), 6);
    assert.equal((await count(s.db, 'outbox')) - before, 6);
  });
});
