import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BLOB_STORE, C, ENGINE, P, U, count, startStack, storeOf, type Stack } from './helpers.js';
import { eventually } from './sse.js';

const LIMIT = 64 * 1024;

describe(`assets and versions [${ENGINE}, ${BLOB_STORE} store]`, () => {
  let s: Stack;
  let projectId: string;
  let assetId: string;

  before(async () => {
    s = await startStack({ UPLOAD_LIMIT_BYTES: String(LIMIT) });
    projectId = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring outdoor', channel_id: C.hq } }))
      .body.id;
    for (const ch of [C.kazan, C.samara, C.novosibirsk])
      await s.request('POST', `/api/v1/projects/${projectId}/channels`, { token: U.olga.token, body: { channel_id: ch } });
    const a = await s.request('POST', '/api/v1/assets', {
      token: U.olga.token,
      body: { project_id: projectId, name: 'Outdoor 6×3, slogan B', channel_ids: [C.hq, C.kazan, C.samara, C.novosibirsk] },
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assetId = a.body.id;
  });
  after(async () => {
    await s.close();
  });

  const upload = (token: string, bytes: Buffer | string, name = 'layout.png', type = 'image/png', id = assetId) => {
    const form = new FormData();
    form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name);
    return fetch(`${s.url}/api/v1/assets/${id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  };
  const rows = async () =>
    Promise.all([
      count(s.db, 'tasks'),
      s.db
        .selectFrom('asset_versions')
        .select('id')
        .execute()
        .then((r) => r.length),
    ]);
  const blobCount = () => storeOf(s).files().length;
  const stagingCount = () => storeOf(s).staging();
  const download = (token: string, versionId: string, headers: Record<string, string> = {}, id = assetId) =>
    fetch(`${s.url}/api/v1/assets/${id}/versions/${versionId}/file`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it('stores an upload content-addressed and refuses the same bytes twice', async () => {
    const bytes = Buffer.from('layout version one — ' + 'x'.repeat(5000));
    const r = await upload(U.dmitry.token, bytes);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.number, 1);
    assert.equal(r.body.state, 'proposed');
    assert.equal(r.body.size, bytes.length);
    assert.equal(r.body.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.ok(storeOf(s).has(r.body.sha256));
    const before = await rows();
    const again = await upload(U.olga.token, bytes, 'other-name.png');
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'duplicate_version');
    assert.equal(again.body.error.existing.id, r.body.id);
    assert.deepEqual(await rows(), before);
  });

  it('serves downloads with ETag, ranges and safe headers', async () => {
    const bytes = Buffer.from(Array.from({ length: 2000 }, (_, i) => i % 251));
    const v = (await upload(U.olga.token, bytes, 'Макет «B».png')).body;
    const full = await download(U.kazan.token, v.id);
    assert.equal(full.status, 200);
    assert.deepEqual(Buffer.from(await full.arrayBuffer()), bytes);
    assert.equal(full.headers.get('etag'), `"${v.sha256}"`);
    assert.equal(full.headers.get('x-content-type-options'), 'nosniff');
    assert.match(
      full.headers.get('content-disposition')!,
      /^attachment; filename="[^"]+"; filename\*=UTF-8''%D0%9C%D0%B0%D0%BA%D0%B5%D1%82/,
    );
    assert.equal(full.headers.get('accept-ranges'), 'bytes');
    const part = await download(U.kazan.token, v.id, { range: 'bytes=10-19' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 10-19/${bytes.length}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(10, 20));
    const tail = await download(U.kazan.token, v.id, { range: 'bytes=-5' });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), bytes.subarray(bytes.length - 5));
    const resume = await download(U.kazan.token, v.id, { range: 'bytes=1990-' });
    assert.deepEqual(Buffer.from(await resume.arrayBuffer()), bytes.subarray(1990));
    const outside = await download(U.kazan.token, v.id, { range: 'bytes=5000-6000' });
    assert.equal(outside.status, 416);
    assert.equal(outside.headers.get('content-range'), `bytes */${bytes.length}`);
    const cached = await download(U.kazan.token, v.id, { 'if-none-match': `"${v.sha256}"` });
    assert.equal(cached.status, 304);
  });

  it('never serves HTML or SVG inline', async () => {
    for (const [name, type, body] of [
      ['page.html', 'text/html', '<script>alert(1)</script>'],
      ['logo.svg', 'image/svg+xml', '<svg onload="alert(1)"/>'],
    ]) {
      const v = (await upload(U.olga.token, body!, name, type)).body;
      const r = await download(U.olga.token, v.id);
      assert.equal(r.headers.get('content-type'), 'application/octet-stream');
      assert.match(r.headers.get('content-disposition')!, /^attachment/);
      assert.match(r.headers.get('content-security-policy')!, /sandbox/);
    }
  });

  it('refuses hostile names, empty and over-limit files, storing nothing', async () => {
    const before = [...(await rows()), blobCount()];
    const cases: Array<[string, Buffer, number, string]> = [
      ['../../etc/passwd', Buffer.from('a'), 400, 'invalid_file_name'],
      ['..\\..\\boot.ini', Buffer.from('b'), 400, 'invalid_file_name'],
      ['bell\u0007.png', Buffer.from('c'), 400, 'invalid_file_name'],
      ['evil\u202egnp.exe', Buffer.from('d'), 400, 'invalid_file_name'],
      ['n'.repeat(300) + '.png', Buffer.from('e'), 400, 'invalid_file_name'],
      ['empty.png', Buffer.alloc(0), 400, 'empty_file'],
      ['huge.png', Buffer.alloc(LIMIT + 1, 1), 413, 'payload_too_large'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const r = await upload(U.olga.token, bytes, name);
      assert.equal(r.status, status, `${JSON.stringify(name).slice(0, 40)} → ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, code);
    }
    const notMultipart = await s.request('POST', `/api/v1/assets/${assetId}/versions`, { token: U.olga.token, body: { file: 'x' } });
    assert.equal(notMultipart.status, 415);
    assert.deepEqual([...(await rows()), blobCount()], before);
    assert.equal(stagingCount(), 0);
  });

  it('leaves exactly one approved version when many approvals race', async () => {
    const versions = [];
    for (let i = 0; i < 6; i++) versions.push((await upload(U.dmitry.token, `race ${i} ${'y'.repeat(100)}`, `race-${i}.png`)).body);
    const answers = await Promise.all(
      versions.flatMap((v) =>
        [U.olga.token, U.admin.token].map((token) =>
          s.request('POST', `/api/v1/assets/${assetId}/versions/${v.id}/approve`, { token, body: { comment: 'final' } }),
        ),
      ),
    );
    assert.ok(
      answers.every((a) => a.status === 200),
      JSON.stringify(answers.map((a) => a.status)),
    );
    const approved = await s.db
      .selectFrom('asset_versions')
      .select('id')
      .where('asset_id', '=', assetId)
      .where('state', '=', 'approved')
      .execute();
    assert.equal(approved.length, 1);
    const asset = (await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.olga.token })).body;
    assert.equal(asset.approved_version_id, approved[0]!.id);
    assert.equal(asset.versions.filter((v: any) => v.state === 'approved').length, 1);
  });

  it('lets guests add versions but not approve them', async () => {
    const v = await upload(U.kazan.token, 'from the Kazan franchisee', 'kazan-photo.png');
    assert.equal(v.status, 201);
    const r = await s.request('POST', `/api/v1/assets/${assetId}/versions/${v.body.id}/approve`, { token: U.kazan.token, body: {} });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'forbidden');
    const state = await s.db.selectFrom('asset_versions').select('state').where('id', '=', v.body.id).executeTakeFirstOrThrow();
    assert.equal(state.state, 'proposed');
    // Each side is told what it may do with the asset, so neither is shown a control the service refuses.
    const asGuest = await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.kazan.token });
    assert.deepEqual(asGuest.body.permissions, ['asset.add_version', 'receipt.confirm']);
    const asStaff = await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.olga.token });
    assert.deepEqual(asStaff.body.permissions, ['asset.add_version', 'asset.approve', 'asset.read_downloads', 'receipt.confirm']);
  });

  it('records a rejection with an event of its own', async () => {
    const v = await upload(U.olga.token, 'a layout nobody wants', 'rejected.png');
    assert.equal(v.status, 201);
    const r = await s.request('POST', `/api/v1/assets/${assetId}/versions/${v.body.id}/reject`, {
      token: U.olga.token,
      body: { comment: 'wrong font' },
    });
    assert.equal(r.status, 200);
    const events = await s.db
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('type', 'in', ['asset.version_added', 'asset.version_rejected'])
      .execute();
    const about = events.filter((e) => JSON.parse(e.payload).version_id === v.body.id).map((e) => e.type);
    assert.equal(about.filter((t) => t === 'asset.version_rejected').length, 4, 'one per shared channel');
    assert.equal(about.filter((t) => t === 'asset.version_added').length, 4, 'the upload, not the rejection');
  });

  it('hides an asset from non-members: no listing, no reading, no download (404)', async () => {
    const hidden = (
      await s.request('POST', '/api/v1/assets', {
        token: U.olga.token,
        body: { project_id: projectId, name: 'HQ only', channel_ids: [C.hq] },
      })
    ).body;
    const v = (await upload(U.olga.token, 'secret draft', 'draft.png', 'image/png', hidden.id)).body;
    assert.equal((await s.request('GET', `/api/v1/assets/${hidden.id}`, { token: U.kazan.token })).status, 404);
    assert.equal((await download(U.kazan.token, v.id, {}, hidden.id)).status, 404);
    assert.equal((await upload(U.kazan.token, 'sneak', 'x.png', 'image/png', hidden.id)).status, 404);
    assert.equal(
      (await s.request('POST', `/api/v1/assets/${hidden.id}/versions/${v.id}/approve`, { token: U.pavel.token, body: {} })).status,
      404,
    );
    const list = await s.request('GET', `/api/v1/assets?project_id=${projectId}`, { token: U.kazan.token });
    assert.ok(!list.body.items.some((a: any) => a.id === hidden.id));
    const elsewhere = (
      await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Agency work', channel_id: C.agency } })
    ).body;
    assert.equal((await s.request('GET', `/api/v1/assets?project_id=${elsewhere.id}`, { token: U.kazan.token })).status, 404);
  });

  it('broadcasts an approval to every channel and tracks each channel’s receipt', async () => {
    const v = (await upload(U.dmitry.token, 'the final layout', 'final.png')).body;
    const approved = await s.request('POST', `/api/v1/assets/${assetId}/versions/${v.id}/approve`, {
      token: U.olga.token,
      body: { comment: 'Slogan B, matte' },
    });
    assert.equal(approved.status, 200);
    assert.deepEqual(
      approved.body.receipts.map((r: any) => [r.channel_id, r.confirmed_by]).sort(),
      [C.hq, C.kazan, C.novosibirsk, C.samara].sort().map((c) => [c, null]),
    );
    for (const ch of [C.hq, C.kazan, C.samara, C.novosibirsk]) {
      await eventually(() => s.mm.postsIn(ch).find((p) => (p.props as any)?.approval?.version_id === v.id), 5000, `approval card in ${ch}`);
    }
    const card = s.mm.postsIn(C.kazan).find((p) => (p.props as any)?.approval?.version_id === v.id)!;
    const ack = (card.props as any).attachments[0].actions[0];
    const click = await s.request('POST', '/api/v1/mattermost/actions', {
      body: { user_id: U.kazan.id, channel_id: C.kazan, post_id: card.id, context: ack.integration.context },
    });
    assert.equal(click.status, 200, JSON.stringify(click.body));
    assert.equal(click.headers.get('x-throughline-refused'), null, JSON.stringify(click.body));
    assert.deepEqual(click.body.update.props.attachments, [], 'the button leaves the card');
    assert.equal(click.body.update.props.approval.version_id, v.id);
    assert.match(click.body.update.message, /@kazan/);
    const again = await s.request('POST', '/api/v1/mattermost/actions', {
      body: { user_id: U.kazan.id, channel_id: C.kazan, post_id: card.id, context: ack.integration.context },
    });
    assert.equal(again.headers.get('x-throughline-refused'), 'replayed');
    const stranger = await s.request('POST', `/api/v1/assets/${assetId}/receipts/${C.kazan}`, { token: U.pavel.token, body: {} });
    assert.equal(stranger.status, 403, 'Pavel sees the asset through Samara but is not in Kazan');
    const samara = await s.request('POST', `/api/v1/assets/${assetId}/receipts/${C.samara}`, { token: U.pavel.token, body: {} });
    assert.equal(samara.status, 200);
    const staff = (await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.olga.token })).body;
    const byChannel = Object.fromEntries(staff.receipts.map((r: any) => [r.channel_id, r.confirmed_by]));
    assert.deepEqual(byChannel, { [C.hq]: null, [C.kazan]: U.kazan.id, [C.samara]: U.pavel.id, [C.novosibirsk]: null });
    const guest = (await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.kazan.token })).body;
    assert.deepEqual(
      guest.receipts.map((r: any) => r.channel_id),
      [C.kazan],
    );
    assert.deepEqual(guest.channel_ids, [C.kazan]);
    const history = (await s.request('GET', `/api/v1/assets/${assetId}/history`, { token: U.olga.token })).body.items;
    assert.ok(history.some((h: any) => h.action === 'receipt_confirmed' && h.actor_id === U.kazan.id));
    assert.ok(history.some((h: any) => h.action === 'receipt_confirmed' && h.detail === C.samara));
    assert.ok(history.some((h: any) => h.action === 'superseded'));
    // The history tells a guest no more than the asset does: Kazan never learns of Samara's receipt.
    const guestHistory = (await s.request('GET', `/api/v1/assets/${assetId}/history`, { token: U.kazan.token })).body.items;
    const receiptsSeen = guestHistory.filter((h: any) => h.action === 'receipt_confirmed').map((h: any) => h.detail);
    assert.ok(receiptsSeen.length > 0 && receiptsSeen.every((c: string) => c === C.kazan), JSON.stringify(receiptsSeen));
    assert.ok(!guestHistory.some((h: any) => h.actor_id === U.pavel.id));
  });

  it('adds a Mattermost file the caller can read as a version', async () => {
    const post = (await fetch(`${s.mm.url}/api/v4/posts/${P.hqWithFiles.id}`, {
      headers: { authorization: `Bearer ${U.olga.token}` },
    }).then((r) => r.json())) as any;
    const fileId = post.file_ids[0];
    const r = await s.request('POST', `/api/v1/assets/${assetId}/versions/from-mattermost`, {
      token: U.dmitry.token,
      body: { file_id: fileId, post_id: post.id },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.source_file_id, fileId);
    assert.equal(r.body.source_post_id, post.id);
    const original = Buffer.from(
      await (await fetch(`${s.mm.url}/api/v4/files/${fileId}`, { headers: { authorization: `Bearer ${U.olga.token}` } })).arrayBuffer(),
    );
    const stored = Buffer.from(await (await download(U.dmitry.token, r.body.id)).arrayBuffer());
    assert.deepEqual(stored, original);
    const cannotRead = await s.request('POST', `/api/v1/assets/${assetId}/versions/from-mattermost`, {
      token: U.pavel.token,
      body: { file_id: fileId },
    });
    assert.equal(cannotRead.status, 404, 'Pavel cannot read the HQ message the file is on');
  });
});
