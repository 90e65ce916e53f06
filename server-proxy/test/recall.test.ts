import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, count, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

/** Helpers over one stack: a project with HQ, Kazan and Samara, and an asset shared with all three. */
async function campaign(s: Stack, name = 'Outdoor 6×3, slogan B') {
  const projectId = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring', channel_id: C.hq } })).body
    .id;
  for (const ch of [C.kazan, C.samara])
    await s.request('POST', `/api/v1/projects/${projectId}/channels`, { token: U.olga.token, body: { channel_id: ch } });
  const a = await s.request('POST', '/api/v1/assets', {
    token: U.olga.token,
    body: { project_id: projectId, name, channel_ids: [C.hq, C.kazan, C.samara] },
  });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  return { projectId, assetId: a.body.id as string };
}

async function upload(s: Stack, assetId: string, text: string): Promise<{ id: string; number: number }> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'application/pdf' }), `layout-${text.length}.pdf`);
  const r = await fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${U.dmitry.token}` },
    body: form,
  });
  const body = (await r.json()) as { id: string; number: number };
  assert.equal(r.status, 201, JSON.stringify(body));
  return body;
}

const approve = async (s: Stack, assetId: string, versionId: string) => {
  const r = await s.request('POST', `/api/v1/assets/${assetId}/versions/${versionId}/approve`, { token: U.olga.token, body: {} });
  assert.equal(r.status, 200, JSON.stringify(r.body));
};

const download = (
  s: Stack,
  token: string,
  assetId: string,
  versionId: string,
  query = '',
  headers: Record<string, string> = {},
  method = 'GET',
) =>
  fetch(`${s.url}/api/v1/assets/${assetId}/versions/${versionId}/file${query}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...headers },
  });

const card = (s: Stack, channelId: string, versionId: string) =>
  s.mm.postsIn(channelId).find((p) => p.user_id === U.throughline.id && (p.props as any)?.approval?.version_id === versionId);

const liveBotBookmarks = (s: Stack, channelId: string) =>
  s.mm.bookmarksIn(channelId).filter((b) => b.delete_at === 0 && b.owner_id === U.throughline.id);

/** The bot's posts in its DM with a user. */
function dms(s: Stack, userId: string) {
  const name = [U.throughline.id, userId].sort().join('__');
  const dm = [...s.mm.state.channels.values()].find((c) => c.type === 'D' && c.name === name);
  return dm ? s.mm.postsIn(dm.id).filter((p) => p.user_id === U.throughline.id) : [];
}

const downloads = (s: Stack) => s.db.selectFrom('asset_downloads').selectAll().orderBy('id').execute();

describe(`recall: bookmarks, superseded cards, downloads, DMs, the shelf [${ENGINE}]`, () => {
  let s: Stack;
  let assetId: string;
  const v: Array<{ id: string; number: number }> = [];

  before(async () => {
    s = await startStack();
    ({ assetId } = await campaign(s));
    for (const text of ['first layout', 'second layout!', 'third layout, final']) v.push(await upload(s, assetId, text));
  });
  after(async () => {
    await s.close();
  });

  it('approving a version pins one bookmark per channel to its approval card there', async () => {
    await approve(s, assetId, v[0]!.id);
    for (const ch of [C.hq, C.kazan, C.samara]) {
      const posted = await eventually(() => card(s, ch, v[0]!.id), 20_000, 'the v1 card');
      const [b] = await eventually(() => (liveBotBookmarks(s, ch).length ? liveBotBookmarks(s, ch) : null), 20_000, 'the v1 bookmark');
      assert.equal(liveBotBookmarks(s, ch).length, 1);
      assert.equal(b!.type, 'link');
      assert.equal(b!.link_url, `${s.mm.url}/_redirect/pl/${posted.id}`);
      assert.equal(b!.display_name, 'Outdoor 6×3, slogan B · v1');
      assert.equal(b!.emoji, 'pushpin');
    }
    assert.equal(await count(s.db, 'asset_cards'), 3);
    // The service records a bookmark once Mattermost has answered its create: the row may follow the bookmark by a moment.
    await eventually(async () => (await count(s.db, 'asset_bookmarks')) === 3, 20_000, 'the three bookmarks recorded');
  });

  it('approving the next version rewrites the earlier cards as superseded, without the button, and moves the bookmark', async () => {
    const oldBookmark = liveBotBookmarks(s, C.kazan)[0]!;
    await approve(s, assetId, v[1]!.id);
    for (const ch of [C.hq, C.kazan, C.samara]) {
      const old = await eventually(
        () => {
          const p = card(s, ch, v[0]!.id);
          return p && (p.props as any).approval.superseded_by_number === 2 ? p : null;
        },
        20_000,
        'the v1 card rewritten',
      );
      assert.match(old.message, /version 1 \(layout-12\.pdf\) was superseded by version 2 — do not use/);
      assert.deepEqual((old.props as any).attachments, [], 'no receipt button');
      assert.equal(old.props.from_bot, 'true');
      const v2card = await eventually(() => card(s, ch, v[1]!.id), 20_000, 'the v2 card');
      const live = await eventually(
        () =>
          liveBotBookmarks(s, ch).some((b) => b.link_url?.endsWith(v2card.id)) && liveBotBookmarks(s, ch).length === 1
            ? liveBotBookmarks(s, ch)
            : null,
        20_000,
        'the bookmark to v2 alone',
      );
      assert.equal(live[0]!.display_name, 'Outdoor 6×3, slogan B · v2');
    }
    assert.ok(s.mm.state.bookmarks.get(oldBookmark.id)!.delete_at > 0, 'the v1 bookmark was deleted');
    // The v1 rows are forgotten after Mattermost has deleted their bookmarks.
    const rows = await eventually(
      async () => {
        const r = await s.db.selectFrom('asset_bookmarks').select('version_id').execute();
        return r.length === 3 ? r : null;
      },
      20_000,
      'the v1 bookmark rows forgotten',
    );
    assert.deepEqual(
      rows.map((r) => r.version_id),
      [v[1]!.id, v[1]!.id, v[1]!.id],
    );
  });

  it('records a download with its channel; HEAD, 304, later ranges and previews are not downloads', async () => {
    const before = (await downloads(s)).length;
    const full = await download(s, U.olga.token, assetId, v[1]!.id, `?channel_id=${C.kazan}`);
    assert.equal(full.status, 200);
    await full.arrayBuffer();
    let rows = await downloads(s);
    assert.equal(rows.length, before + 1);
    assert.deepEqual(
      {
        user: rows.at(-1)!.user_id,
        channel: rows.at(-1)!.channel_id,
        version: rows.at(-1)!.version_id,
        after: Number(rows.at(-1)!.after_superseded),
      },
      { user: U.olga.id, channel: C.kazan, version: v[1]!.id, after: 0 },
    );
    const etag = full.headers.get('etag')!;
    const notCounted = [
      await download(s, U.olga.token, assetId, v[1]!.id, '', {}, 'HEAD'),
      await download(s, U.olga.token, assetId, v[1]!.id, '', { 'if-none-match': etag }),
      await download(s, U.olga.token, assetId, v[1]!.id, '', { range: 'bytes=4-' }),
      await download(s, U.olga.token, assetId, v[1]!.id, '', { 'sec-fetch-dest': 'image' }),
      await download(s, U.olga.token, assetId, v[1]!.id, '', { range: 'bytes=900-999' }),
    ];
    assert.deepEqual(
      notCounted.map((r) => r.status),
      [200, 304, 206, 200, 416],
    );
    await Promise.all(notCounted.map((r) => r.arrayBuffer().catch(() => undefined)));
    assert.equal((await downloads(s)).length, before + 1);
    const firstPiece = await download(s, U.olga.token, assetId, v[1]!.id, '', { range: 'bytes=0-3' });
    assert.equal(firstPiece.status, 206);
    await firstPiece.arrayBuffer();
    rows = await downloads(s);
    assert.equal(rows.length, before + 2, 'the first piece of a ranged download counts');
    assert.equal(rows.at(-1)!.channel_id, null);
  });

  it('keeps the channel only where the asset is shared and the caller is a member; a malformed one is refused', async () => {
    const before = (await downloads(s)).length;
    const foreign = await download(s, U.kazan.token, assetId, v[1]!.id, `?channel_id=${C.samara}`);
    assert.equal(foreign.status, 200);
    await foreign.arrayBuffer();
    const unshared = await download(s, U.olga.token, assetId, v[1]!.id, `?channel_id=${C.offTopic}`);
    await unshared.arrayBuffer();
    const rows = (await downloads(s)).slice(before);
    assert.deepEqual(
      rows.map((r) => [r.user_id, r.channel_id]),
      [
        [U.kazan.id, null],
        [U.olga.id, null],
      ],
    );
    for (const q of ['?channel_id=nope', `?channel_id=${C.kazan}&x=1`, '?channel_id=' + 'a'.repeat(300)]) {
      const r = await download(s, U.olga.token, assetId, v[1]!.id, q);
      assert.equal(r.status, 400, q);
      assert.equal(((await r.json()) as any).error.code, 'validation_failed');
    }
    const stranger = await download(s, U.pavel.token, assetId, v[1]!.id, `?channel_id=${C.kazan}`);
    assert.equal(stranger.status, 200, 'Pavel is in Samara, which the asset is shared with');
    await stranger.arrayBuffer();
    assert.equal((await downloads(s)).at(-1)!.channel_id, null, 'but not in Kazan');
    assert.equal((await download(s, U.agency.token, assetId, v[1]!.id)).status, 200, 'the agency guest is in HQ');
    assert.equal((await downloads(s)).length, before + 4);
  });

  it('approving v3 tells each downloader of v2 once, in their language, pointing at v3 in their channel', async () => {
    const pavelGot = await download(s, U.pavel.token, assetId, v[1]!.id, `?channel_id=${C.samara}`);
    await pavelGot.arrayBuffer();
    await approve(s, assetId, v[2]!.id);
    const olgaDm = await eventually(() => dms(s, U.olga.id).find((p) => p.message.includes('version 2')), 20_000, "Olga's recall DM");
    const v3Kazan = await eventually(() => card(s, C.kazan, v[2]!.id), 20_000, 'the v3 card in Kazan');
    assert.match(olgaDm.message, /You downloaded \*\*Outdoor 6×3, slogan B\*\* version 2, which was superseded by version 3/);
    // Olga's newest download with a channel was from Kazan.
    assert.ok(olgaDm.message.includes(`${s.mm.url}/_redirect/pl/${v3Kazan.id}`), olgaDm.message);
    const pavelDm = await eventually(() => dms(s, U.pavel.id).find((p) => p.message.includes('версию 2')), 20_000, "Pavel's recall DM");
    const v3Samara = card(s, C.samara, v[2]!.id)!;
    assert.match(pavelDm.message, /Вы скачали/);
    assert.ok(pavelDm.message.includes(v3Samara.id));
    await eventually(() => dms(s, U.kazan.id).length === 1 && dms(s, U.agency.id).length === 1, 20_000, 'the guests told too');
    assert.ok(!dms(s, U.kazan.id)[0]!.message.includes('_redirect'), 'no channel was recorded: no link');
    assert.equal(await count(s.db, 'recall_notices'), 4);
  });

  it('a download of a superseded version is marked so and tells the person once, if they were not told already', async () => {
    const late = await download(s, U.dmitry.token, assetId, v[0]!.id, `?channel_id=${C.samara}`);
    assert.equal(late.status, 200);
    await late.arrayBuffer();
    assert.equal(Number((await downloads(s)).at(-1)!.after_superseded), 1);
    const dm = await eventually(() => dms(s, U.dmitry.id).find((p) => p.message.includes('version 1')), 20_000, "Dmitry's DM about v1");
    assert.match(dm.message, /superseded by version 3/, 'pointing at the version approved now');
    for (const [token, version] of [
      [U.dmitry.token, v[0]!.id],
      [U.olga.token, v[1]!.id],
    ] as const) {
      const again = await download(s, token, assetId, version, `?channel_id=${C.kazan}`);
      await again.arrayBuffer();
    }
    await eventually(
      async () => (await s.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute()).length === 0,
      20_000,
      'the outbox drained',
    );
    assert.equal(dms(s, U.dmitry.id).length, 1, 'Dmitry told once about v1');
    assert.equal(dms(s, U.olga.id).length, 1, 'Olga told once about v2');
    assert.equal(await count(s.db, 'recall_notices'), 5);
  });

  it('lists downloads newest first, a page at a time, or only those after supersession; guests never', async () => {
    const all = await s.request('GET', `/api/v1/assets/${assetId}/downloads`, { token: U.olga.token });
    assert.equal(all.status, 200);
    const stored = await downloads(s);
    assert.deepEqual(
      all.body.items.map((d: any) => d.id),
      stored.map((d) => d.id).reverse(),
    );
    const first = all.body.items.at(-1);
    assert.deepEqual(Object.keys(first).sort(), ['after_superseded', 'at', 'channel_id', 'id', 'user_id', 'version_id', 'version_number']);
    assert.equal(first.version_number, 2);
    const late = await s.request('GET', `/api/v1/assets/${assetId}/downloads?superseded=true`, { token: U.pavel.token });
    assert.equal(late.status, 200, 'a non-guest member of Samara');
    assert.deepEqual(
      late.body.items.map((d: any) => [d.user_id, d.version_number, d.after_superseded]),
      [
        [U.olga.id, 2, true],
        [U.dmitry.id, 1, true],
        [U.dmitry.id, 1, true],
      ],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await s.request('GET', `/api/v1/assets/${assetId}/downloads?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        token: U.olga.token,
      });
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((d: any) => d.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.body.items.map((d: any) => d.id),
    );
    for (const guest of [U.kazan, U.agency]) {
      const r = await s.request('GET', `/api/v1/assets/${assetId}/downloads`, { token: guest.token });
      assert.equal(r.status, 403, guest.username);
      assert.equal(r.body.error.code, 'forbidden');
    }
    const asset = await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.kazan.token });
    assert.ok(!asset.body.permissions.includes('asset.read_downloads'));
    assert.ok(
      (await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.olga.token })).body.permissions.includes('asset.read_downloads'),
    );
  });

  it('refuses bad input and strangers on the downloads list', async () => {
    const cases: Array<[string, string | null, number]> = [
      [`/api/v1/assets/${assetId}/downloads?limit=0`, U.olga.token, 400],
      [`/api/v1/assets/${assetId}/downloads?limit=501`, U.olga.token, 400],
      [`/api/v1/assets/${assetId}/downloads?superseded=maybe`, U.olga.token, 400],
      [`/api/v1/assets/${assetId}/downloads?cursor=nope`, U.olga.token, 400],
      [`/api/v1/assets/${assetId}/downloads?other=1`, U.olga.token, 400],
      [`/api/v1/assets/not-a-uuid/downloads`, U.olga.token, 400],
      [`/api/v1/assets/00000000-0000-7000-8000-000000000000/downloads`, U.olga.token, 404],
      [`/api/v1/assets/${assetId}/downloads`, null, 401],
      [`/api/v1/assets/${assetId}/downloads`, 'x'.repeat(26), 401],
    ];
    for (const [url, token, status] of cases) assert.equal((await s.request('GET', url, { token })).status, status, url);
  });

  it('the shelf: the approved version of each asset shared with the channel, with that channel’s receipt; members only', async () => {
    const other = await s.request('POST', '/api/v1/assets', {
      token: U.olga.token,
      body: {
        project_id: (await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.olga.token })).body.project_id,
        name: 'A price list',
        channel_ids: [C.kazan],
      },
    });
    const pending = await s.request('POST', '/api/v1/assets', {
      token: U.olga.token,
      body: { project_id: other.body.project_id, name: 'Nothing approved yet', channel_ids: [C.kazan] },
    });
    assert.equal(pending.status, 201);
    const priceV1 = await upload(s, other.body.id, 'prices 2026');
    await approve(s, other.body.id, priceV1.id);
    const shelf = await s.request('GET', `/api/v1/channels/${C.kazan}/shelf`, { token: U.kazan.token });
    assert.equal(shelf.status, 200, JSON.stringify(shelf.body));
    assert.equal(shelf.body.channel_id, C.kazan);
    assert.deepEqual(
      shelf.body.items.map((i: any) => [i.asset_name, i.version.number, i.version.state, i.receipt.confirmed_at]),
      [
        ['A price list', 1, 'approved', null],
        ['Outdoor 6×3, slogan B', 3, 'approved', null],
      ],
    );
    const confirmed = await s.request('POST', `/api/v1/assets/${assetId}/receipts/${C.kazan}`, { token: U.kazan.token });
    assert.equal(confirmed.status, 200);
    const after = await s.request('GET', `/api/v1/channels/${C.kazan}/shelf`, { token: U.kazan.token });
    assert.equal(after.body.items[1].receipt.confirmed_by, U.kazan.id);
    const samara = await s.request('GET', `/api/v1/channels/${C.samara}/shelf`, { token: U.pavel.token });
    assert.deepEqual(
      samara.body.items.map((i: any) => [i.asset_name, i.receipt.confirmed_at]),
      [['Outdoor 6×3, slogan B', null]],
      "Kazan's receipt and Kazan's asset are not Samara's",
    );
    assert.deepEqual((await s.request('GET', `/api/v1/channels/${C.offTopic}/shelf`, { token: U.olga.token })).body.items, []);
    const refusals: Array<[string, string | null, number]> = [
      [`/api/v1/channels/${C.kazan}/shelf`, U.pavel.token, 404],
      [`/api/v1/channels/${C.samara}/shelf`, U.kazan.token, 404],
      [`/api/v1/channels/${'z'.repeat(26)}/shelf`, U.olga.token, 404],
      [`/api/v1/channels/nope/shelf`, U.olga.token, 400],
      [`/api/v1/channels/${C.kazan}/shelf`, null, 401],
      [`/api/v1/channels/${C.kazan}/shelf`, 'x'.repeat(26), 401],
    ];
    for (const [url, token, status] of refusals) {
      const r = await s.request('GET', url, { token });
      assert.equal(r.status, status, url);
      if (status === 404) assert.equal(r.body.error.code, 'not_found');
    }
  });
});

describe(`recall when Mattermost fails [${ENGINE}]`, () => {
  let s: Stack;
  const warnings: string[] = [];

  before(async () => {
    // Memberships are cached for the whole test, so an approval can be made while Mattermost is down.
    s = await startStack(
      { MM_CACHE_MS: '60000', LOG_LEVEL: 'warn' },
      { level: 'warn', stream: { write: (line: string) => void warnings.push(line) } },
    );
  });
  after(async () => {
    await s.close();
  });

  it('a bookmark create whose answer is lost is found again, not made twice', async () => {
    const { assetId } = await campaign(s, 'Lost answer');
    const v1 = await upload(s, assetId, 'lost answer v1');
    s.mm.answerWrongly({ path: `/api/v4/channels/${C.kazan}/bookmarks`, method: 'POST', lose_answer: true, times: 1 });
    await approve(s, assetId, v1.id);
    const posted = await eventually(() => card(s, C.kazan, v1.id), 20_000, 'the card');
    await eventually(
      async () => (await s.db.selectFrom('asset_bookmarks').select('bookmark_id').where('channel_id', '=', C.kazan).execute()).length === 1,
      8000,
      'recorded',
    );
    const made = s.mm.bookmarksIn(C.kazan).filter((b) => b.link_url === `${s.mm.url}/_redirect/pl/${posted.id}`);
    assert.equal(made.length, 1, 'one bookmark, though the first answer was lost');
    const row = await s.db
      .selectFrom('outbox')
      .select(['attempts', 'delivered_at', 'skipped'])
      .where('kind', '=', 'bookmark_pin')
      .where('payload', 'like', `%${C.kazan}%`)
      .where('payload', 'like', `%${assetId}%`)
      .executeTakeFirstOrThrow();
    assert.ok(row.attempts >= 1, 'the lost answer was retried');
    assert.equal(row.skipped, null);
  });

  it('Mattermost down during an approval: cards, card edits, bookmarks and DMs wait, then arrive exactly once', async () => {
    const { assetId } = await campaign(s, 'Outage');
    const v1 = await upload(s, assetId, 'outage v1');
    const v2 = await upload(s, assetId, 'outage v2 file');
    await approve(s, assetId, v1.id);
    await eventually(
      () => [C.hq, C.kazan, C.samara].every((ch) => liveBotBookmarks(s, ch).some((b) => b.display_name === 'Outage · v1')),
      20_000,
      'v1 pinned',
    );
    const got = await download(s, U.olga.token, assetId, v1.id, `?channel_id=${C.samara}`);
    await got.arrayBuffer();
    await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.olga.token });
    s.mm.setDown(true);
    try {
      await approve(s, assetId, v2.id);
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(!card(s, C.kazan, v2.id), 'nothing reached Mattermost');
    } finally {
      s.mm.setDown(false);
    }
    for (const ch of [C.hq, C.kazan, C.samara]) {
      const mine = () => liveBotBookmarks(s, ch).filter((b) => b.display_name.startsWith('Outage · '));
      await eventually(() => mine().length === 1 && mine()[0]!.display_name === 'Outage · v2', 20_000, 'v2 pinned alone');
      await eventually(() => (card(s, ch, v1.id)?.props as any)?.approval?.superseded_by_number === 2, 20_000, 'v1 card superseded');
    }
    await eventually(() => dms(s, U.olga.id).some((p) => p.message.includes('**Outage** version 1')), 20_000, 'the DM');
    await eventually(
      async () => (await s.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute()).length === 0,
      20_000,
      'drained',
    );
    for (const ch of [C.hq, C.kazan, C.samara]) {
      const cards = s.mm.postsIn(ch).filter((p) => (p.props as any)?.approval?.version_id === v2.id);
      assert.equal(cards.length, 1, 'one v2 card');
      const pins = s.mm.bookmarksIn(ch).filter((b) => b.display_name === 'Outage · v2');
      assert.equal(pins.length, 1, 'one v2 bookmark, ever');
    }
    assert.equal(dms(s, U.olga.id).filter((p) => p.message.includes('**Outage**')).length, 1);
  });

  it('a server without bookmarks: pins are skipped, and that is logged once', async () => {
    s.mm.setVersion('9.4.0');
    const { assetId } = await campaign(s, 'Old server');
    const versions: string[] = [];
    for (const text of ['old server v1', 'old server v2!']) {
      const ver = await upload(s, assetId, text);
      versions.push(ver.id);
      await approve(s, assetId, ver.id);
    }
    let pins: { version: string; skipped: string | null; settled: boolean }[] = [];
    await eventually(
      async () => {
        const rows = await s.db
          .selectFrom('outbox')
          .select(['skipped', 'payload', 'delivered_at'])
          .where('kind', '=', 'bookmark_pin')
          .where('payload', 'like', `%${assetId}%`)
          .execute();
        pins = rows.map((r) => ({ version: JSON.parse(r.payload).version_id, skipped: r.skipped, settled: r.delivered_at !== null }));
        return pins.length === 6 && pins.every((p) => p.settled);
      },
      20_000,
      'the six pins settled',
    ).catch((err) => assert.fail(`${err.message}: ${JSON.stringify(pins)}`));
    // The approved version's pins are skipped for want of bookmarks; the first version's may instead have been
    // replaced by the second's while waiting, or found no longer approved when its turn came.
    assert.deepEqual(
      pins.filter((p) => p.version === versions[1]).map((p) => p.skipped),
      ['bookmarks_unsupported', 'bookmarks_unsupported', 'bookmarks_unsupported'],
    );
    for (const p of pins.filter((p) => p.version === versions[0])) {
      assert.ok(['bookmarks_unsupported', 'superseded', 'not_approved'].includes(p.skipped ?? ''), JSON.stringify(p));
    }
    assert.equal(warnings.filter((l) => l.includes('no channel bookmarks')).length, 1);
    assert.ok(s.mm.bookmarksIn(C.kazan).every((b) => !b.display_name.startsWith('Old server')));
    // The cards still go out (pins are skipped at once, without waiting for them).
    await eventually(
      async () =>
        (
          await s.db
            .selectFrom('outbox')
            .select('id')
            .where('kind', '=', 'approval_card')
            .where('payload', 'like', `%${assetId}%`)
            .where('result_post_id', 'is not', null)
            .execute()
        ).length === 6,
      8000,
      'the six cards posted',
    );
  });
});
