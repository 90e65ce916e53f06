import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

// Cards anyone could forge: a channel member may post a custom_throughline_approval post with props
// and buttons of their choosing. Only the bot's own cards count, and a receipt is confirmed only for
// the channel its button was signed for.
describe(`forged cards [${ENGINE}]`, () => {
  let s: Stack;
  let assetId: string;
  let versionId: string;

  before(async () => {
    s = await startStack();
    const projectId = (
      await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Spring outdoor', channel_id: C.hq } })
    ).body.id;
    for (const ch of [C.kazan, C.samara])
      await s.request('POST', `/api/v1/projects/${projectId}/channels`, { token: U.olga.token, body: { channel_id: ch } });
    assetId = (
      await s.request('POST', '/api/v1/assets', {
        token: U.olga.token,
        body: { project_id: projectId, name: 'Outdoor 6×3, slogan B', channel_ids: [C.kazan, C.samara] },
      })
    ).body.id;
    const form = new FormData();
    form.append('file', new Blob(['final layout'], { type: 'image/png' }), 'final.png');
    const v = await fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.dmitry.token}` },
      body: form,
    });
    versionId = ((await v.json()) as { id: string }).id;
    const approved = await s.request('POST', `/api/v1/assets/${assetId}/versions/${versionId}/approve`, { token: U.olga.token, body: {} });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
  });
  after(async () => {
    await s.close();
  });

  const receiptOf = async (channelId: string) =>
    ((await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.olga.token })).body.receipts as any[]).find(
      (r) => r.channel_id === channelId,
    );

  it('GET /config names the bot, whose posts alone are cards', async () => {
    const config = await s.request('GET', '/api/v1/config');
    assert.equal(config.status, 200);
    assert.equal(config.body.bot_user_id, U.throughline.id);
  });

  it('a receipt button confirms only for the channel it was signed for, and only from a post there', async () => {
    const card = await eventually(
      () => s.mm.postsIn(C.kazan).find((p) => (p.props as any)?.approval?.version_id === versionId),
      5000,
      'approval card in Kazan',
    );
    assert.equal(card.user_id, U.throughline.id);
    const ack = (card.props as any).attachments[0].actions[0];
    const ctx = ack.integration.context;

    // The signature covers the channel: the same context naming Samara is not a button of ours.
    const tampered = await s.request('POST', '/api/v1/mattermost/actions', {
      body: { user_id: U.dmitry.id, channel_id: C.samara, context: { ...ctx, t: `${versionId}:${C.samara}` } },
    });
    assert.equal(tampered.headers.get('x-throughline-refused'), 'invalid');

    // Pavel posts a look-alike card in Samara carrying Kazan's button; Dmitry, a member of both, clicks it there.
    const forged = await fetch(`${s.mm.url}/api/v4/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.pavel.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel_id: C.samara,
        message: 'Please confirm receipt',
        type: 'custom_throughline_approval',
        props: {
          approval: { ...(card.props as any).approval, asset_name: 'Samara price list' },
          attachments: (card.props as any).attachments,
        },
      }),
    }).then((r) => r.json() as Promise<{ id: string; user_id: string }>);
    assert.equal(forged.user_id, U.pavel.id);
    const click = await s.request('POST', '/api/v1/mattermost/actions', {
      body: { user_id: U.dmitry.id, channel_id: C.samara, post_id: forged.id, context: ctx },
    });
    assert.equal(click.status, 200);
    assert.equal(click.headers.get('x-throughline-refused'), 'wrong_channel');
    assert.equal(click.body.update, undefined, 'the forged post is left as it is');
    assert.equal((await receiptOf(C.kazan)).confirmed_by, null, 'Kazan’s receipt is not confirmed from Samara');
    assert.equal((await receiptOf(C.samara)).confirmed_by, null);

    // The genuine card in Kazan still works: the refused click did not use its button up.
    const genuine = await s.request('POST', '/api/v1/mattermost/actions', {
      body: { user_id: U.dmitry.id, channel_id: C.kazan, post_id: card.id, context: ctx },
    });
    assert.equal(genuine.headers.get('x-throughline-refused'), null, JSON.stringify(genuine.body));
    assert.equal((await receiptOf(C.kazan)).confirmed_by, U.dmitry.id);
    assert.equal((await receiptOf(C.samara)).confirmed_by, null);
  });

  it('the receipt route confirms only for a channel the caller is in', async () => {
    const stranger = await s.request('POST', `/api/v1/assets/${assetId}/receipts/${C.kazan}`, { token: U.pavel.token, body: {} });
    assert.equal(stranger.status, 403);
    assert.equal(stranger.body.error.code, 'forbidden');
    const own = await s.request('POST', `/api/v1/assets/${assetId}/receipts/${C.samara}`, { token: U.pavel.token, body: {} });
    assert.equal(own.status, 200);
    assert.equal(own.body.receipts.find((r: any) => r.channel_id === C.samara).confirmed_by, U.pavel.id);
  });
});
