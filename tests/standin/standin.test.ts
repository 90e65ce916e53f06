// Drives the stand-in through @mattermost/client, the way the service talks to Mattermost.
//   node --import tsx --test tests/standin/standin.test.ts
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';

// @mattermost/client is CommonJS whose exports Node's ESM loader cannot name: take module.exports.
import mmClient from '@mattermost/client';

const { Client4, ClientError } = mmClient;
type Client4 = InstanceType<typeof Client4>;

import { fixtures, startStandin, type Member, type Standin } from './index.js';

const U = fixtures.users;
const C = fixtures.channels;
const P = fixtures.posts;
const F = fixtures.files;

let standin: Standin;

function client(token?: string): Client4 {
  const c = new Client4();
  c.setUrl(standin.url);
  if (token) {
    c.setToken(token);
  }
  return c;
}

/** Asserts that `call` fails with Mattermost's error for `status` (and `id`, if given). */
async function rejectsWith(call: Promise<unknown>, status: number, id?: string) {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof ClientError, `expected ClientError, got ${String(e)}`);
    assert.equal(e.status_code, status);
    if (id) {
      assert.equal(e.server_error_id, id);
    }
    return true;
  });
}

before(async () => {
  standin = await startStandin();
});
after(async () => {
  await standin.close();
});
beforeEach(() => {
  standin.reset();
  standin.resetCounts();
});

describe('authentication', () => {
  test('a fixture token identifies its user', async () => {
    const me = await client(U.olga.token).getMe();
    assert.equal(me.id, U.olga.id);
    assert.equal(me.username, 'olga');
    assert.equal(me.roles, 'system_user');
    assert.ok(!('password' in me) && !('auth_data' in me));
  });

  test('no token or a bad token is 401 session_expired', async () => {
    await rejectsWith(client('thisisnotavalidtoken000000').getMe(), 401, 'api.context.session_expired.app_error');
    await rejectsWith(client().getMe(), 401, 'api.context.session_expired.app_error');
  });

  test("error bodies have Mattermost's shape", async () => {
    const res = await fetch(`${standin.url}/api/v4/channels/${C.regionSamara.id}`, {
      headers: { Authorization: `Bearer ${U.kazan.token}` },
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['detailed_error', 'id', 'message', 'request_id', 'status_code']);
    assert.equal(body.id, 'api.context.permissions.app_error');
    assert.equal(body.status_code, 403);
    assert.equal(body.detailed_error, '');
  });

  test('login sets the token, the cookies and the Token header; logout ends that session', async () => {
    const res = await fetch(`${standin.url}/api/v4/users/login`, {
      method: 'POST',
      body: JSON.stringify({ login_id: 'Dmitry', password: 'whatever' }),
    });
    assert.equal(res.status, 200);
    const token = res.headers.get('token');
    assert.ok(token && token.length === 26);
    const cookies = res.headers.getSetCookie();
    assert.ok(cookies.some((c) => c.startsWith(`MMAUTHTOKEN=${token};`) && c.includes('HttpOnly')));
    assert.ok(cookies.some((c) => c.startsWith(`MMUSERID=${U.dmitry.id};`) && !c.includes('HttpOnly')));
    const csrf = cookies.find((c) => c.startsWith('MMCSRF='));
    assert.ok(csrf && !csrf.includes('HttpOnly'));

    // The cookie alone authenticates, as in the browser.
    const viaCookie = await fetch(`${standin.url}/api/v4/users/me`, { headers: { Cookie: `MMAUTHTOKEN=${token}` } });
    assert.equal(((await viaCookie.json()) as { username: string }).username, 'dmitry');

    const c = client();
    const me = await c.login('dmitry', 'x');
    assert.equal(me.id, U.dmitry.id);
    assert.equal((await c.getMe()).id, U.dmitry.id);
    const sessionToken = c.getToken();
    await c.logout();
    await rejectsWith(client(sessionToken).getMe(), 401);
    // Other sessions of the same user survive.
    assert.equal((await client(U.dmitry.token).getMe()).id, U.dmitry.id);
  });

  test('the bot cannot log in with a password', async () => {
    await rejectsWith(client().login('throughline', 'x'), 401, 'api.user.login.bot_login_forbidden.app_error');
  });
});

describe('channels and membership', () => {
  test('a member reads the channel and their membership', async () => {
    const olga = client(U.olga.token);
    const channel = await olga.getChannel(C.campaignHq.id);
    assert.equal(channel.display_name, 'Spring Campaign · HQ');
    assert.equal(channel.type, 'P');
    assert.equal(channel.team_id, fixtures.team.id);
    const member = (await olga.getMyChannelMember(C.campaignHq.id)) as Member;
    assert.equal(member.roles, 'channel_user channel_admin');
    assert.equal(member.scheme_admin, true);
    assert.equal(member.scheme_guest, false);
  });

  test('guest memberships are channel_guest with scheme_guest', async () => {
    const m = (await client(U.agency.token).getMyChannelMember(C.campaignHq.id)) as Member;
    assert.equal(m.roles, 'channel_guest');
    assert.equal(m.scheme_guest, true);
    assert.equal(m.scheme_user, false);
  });

  test('the Kazan franchisee (guest) cannot read Samara: channel, posts, post, files', async () => {
    const kazan = client(U.kazan.token);
    await rejectsWith(kazan.getChannel(C.regionSamara.id), 403, 'api.context.permissions.app_error');
    await rejectsWith(kazan.getPosts(C.regionSamara.id), 403);
    await rejectsWith(kazan.getPost(P.samaraQuote.id), 403);
    await rejectsWith(kazan.getFileInfosForPost(P.samaraQuote.id), 403);
    await rejectsWith(kazan.getMyChannelMember(C.regionSamara.id), 403);
    // Not even public channels: a guest has no read_public_channel.
    await rejectsWith(kazan.getChannel(C.townSquare.id), 403);
    await rejectsWith(kazan.getPost(P.welcome.id), 403);
    // Their own channel works.
    const posts = await kazan.getPosts(C.regionKazan.id);
    assert.ok(posts.order.includes(P.kazanPhoto.id));
  });

  test('pavel, not in Off-Topic (public) or Kazan (private): members/me is 403 for both, as api4 answers', async () => {
    const pavel = client(U.pavel.token);
    // read_channel comes only from channel roles; team_user lacks it, so public or
    // private, a non-member's GET /channels/{id}/members/me is a permission error.
    await rejectsWith(pavel.getMyChannelMember(C.offTopic.id), 403, 'api.context.permissions.app_error');
    await rejectsWith(pavel.getMyChannelMember(C.regionKazan.id), 403, 'api.context.permissions.app_error');
    await rejectsWith(pavel.getMyChannelMember('nosuchchannel0000000000000'), 403);
    // But a public channel and its posts are readable to a team member (read_public_channel).
    assert.equal((await pavel.getChannel(C.offTopic.id)).name, 'off-topic');
    assert.equal((await pavel.getPost(P.offTopicBoxes.id)).channel_id, C.offTopic.id);
    await rejectsWith(pavel.getChannel(C.regionKazan.id), 403);
    await rejectsWith(pavel.getChannel('nosuchchannel0000000000000'), 404, 'app.channel.get.existing.app_error');
  });

  test('asking about someone else: 403 without read access, 404 when they are not a member', async () => {
    const dmitry = client(U.dmitry.token);
    const agency = (await dmitry.getChannelMember(C.campaignHq.id, U.agency.id)) as { roles: string; last_viewed_at?: number };
    assert.equal(agency.roles, 'channel_guest');
    assert.equal(agency.last_viewed_at, undefined, "another user's read marks are sanitized away");
    await rejectsWith(dmitry.getChannelMember(C.campaignHq.id, U.pavel.id), 404, 'app.channel.get_member.missing.app_error');
    await rejectsWith(client(U.pavel.token).getChannelMember(C.campaignHq.id, U.olga.id), 403);
    await rejectsWith(client(U.admin.token).getChannelMember(C.offTopic.id, U.pavel.id), 404);
  });

  test('adding and removing a member takes effect immediately', async () => {
    const pavel = client(U.pavel.token);
    standin.addMember(C.regionKazan.id, U.pavel.id);
    assert.equal((await pavel.getMyChannelMember(C.regionKazan.id)).roles, 'channel_user');
    standin.removeMember(C.regionKazan.id, U.pavel.id);
    await rejectsWith(pavel.getMyChannelMember(C.regionKazan.id), 403);
  });

  test('my teams and my channels', async () => {
    const pavel = client(U.pavel.token);
    const teams = await pavel.getMyTeams();
    assert.deepEqual(
      teams.map((t) => t.name),
      ['retail-marketing'],
    );
    const channels = await pavel.getMyChannels(fixtures.team.id);
    assert.deepEqual(channels.map((c) => c.name).sort(), ['region-samara', 'town-square']);
    const members = await pavel.getMyChannelMembers(fixtures.team.id);
    assert.equal(members.length, 2);
  });

  test('a team by id: its URL name for a member, 404 for an id that names no team', async () => {
    const team = await client(U.throughline.token).getTeam(fixtures.team.id);
    assert.equal(team.name, 'retail-marketing');
    assert.equal(team.invite_id, '', 'no invite id for a non-admin');
    await assert.rejects(client(U.pavel.token).getTeam('x'.repeat(26)), (err: { status_code?: number }) => err.status_code === 404);
  });

  test('direct channels: created once, with both members; the bot can post there', async () => {
    const bot = client(U.throughline.token);
    const dm = await bot.createDirectChannel([U.throughline.id, U.kazan.id]);
    assert.equal(dm.type, 'D');
    assert.equal(dm.name, [U.throughline.id, U.kazan.id].sort().join('__'));
    const again = await bot.createDirectChannel([U.kazan.id, U.throughline.id]);
    assert.equal(again.id, dm.id);
    const post = await bot.createPost({ channel_id: dm.id, message: 'Please confirm you received the final 6x3 layout.' } as never);
    assert.equal(post.props.from_bot, 'true');
    assert.equal((await client(U.kazan.token).getPost(post.id)).message, 'Please confirm you received the final 6x3 layout.');
    assert.deepEqual(
      standin.postsIn(dm.id).map((p) => p.id),
      [post.id],
    );
    // A guest cannot open a DM with someone outside their channels.
    await rejectsWith(client(U.kazan.token).createDirectChannel([U.kazan.id, U.pavel.id]), 403);
  });
});

describe('users', () => {
  test('profiles in a channel need read access', async () => {
    const users = await client(U.olga.token).getProfilesInChannel(C.regionKazan.id);
    assert.deepEqual(
      users.map((u) => u.username),
      ['admin', 'dmitry', 'kazan', 'olga', 'throughline'],
    );
    const raw = users as unknown as Record<string, unknown>[];
    assert.ok(raw.every((u) => u.password === undefined));
    assert.ok(
      raw.every((u) => u.id === U.olga.id || u.notify_props === undefined),
      "other people's settings are not sent",
    );
    await rejectsWith(client(U.pavel.token).getProfilesInChannel(C.regionKazan.id), 403);
  });

  test('guests see only the people they share a channel with', async () => {
    const kazan = client(U.kazan.token);
    const users = await kazan.getProfilesByIds([U.pavel.id, U.olga.id, U.agency.id, 'nosuchuser0000000000000000']);
    assert.deepEqual(
      users.map((u) => u.username),
      ['olga'],
    );
    await rejectsWith(kazan.getUser(U.pavel.id), 403);
    assert.equal((await kazan.getUser(U.dmitry.id)).last_name, 'Volkov');
    // Regular users see everyone.
    assert.equal((await client(U.pavel.token).getProfilesByIds([U.kazan.id, U.agency.id])).length, 2);
    await rejectsWith(client(U.pavel.token).getUser('nosuchuser0000000000000000'), 404, 'app.user.missing_account.const');
  });
});

describe('posts and files', () => {
  test('the seeded campaign chatter is there', async () => {
    const olga = client(U.olga.token);
    const outdoor = await olga.getPost(P.outdoorFinal.id);
    assert.ok(outdoor.message.startsWith('Outdoor 6x3 — slogan B is final\nPlease update the layout for all regions'));
    assert.equal(outdoor.reply_count, 1);
    const thread = await olga.getPostThread(P.outdoorReply.id);
    assert.deepEqual(thread.order, [P.outdoorReply.id, P.outdoorFinal.id]);
    const list = await olga.getPosts(C.campaignHq.id);
    assert.equal(list.order[list.order.length - 1], P.kickoff.id, 'oldest last');
    const join = await client(U.pavel.token).getPost(P.pavelJoined.id);
    assert.equal(join.type, 'system_join_channel');
  });

  test('file infos and bytes', async () => {
    const olga = client(U.olga.token);
    const infos = await olga.getFileInfosForPost(P.layoutsV2.id);
    assert.deepEqual(
      infos.map((f) => f.id),
      [F.outdoorPng.id, F.flyerPdf.id],
    );
    assert.equal(infos[0]?.mime_type, 'image/png');
    assert.equal(infos[0]?.post_id, P.layoutsV2.id);
    const post = await olga.getPost(P.layoutsV2.id);
    assert.deepEqual(
      post.metadata.files?.map((f) => f.id),
      [F.outdoorPng.id, F.flyerPdf.id],
    );

    const png = await fetch(`${standin.url}/api/v4/files/${F.outdoorPng.id}`, { headers: { Authorization: `Bearer ${U.olga.token}` } });
    assert.equal(png.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    assert.equal(bytes.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(bytes.length, infos[0]?.size);
    const pdf = await fetch(`${standin.url}/api/v4/files/${F.flyerPdf.id}`, { headers: { Authorization: `Bearer ${U.olga.token}` } });
    assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment;filename="flyer-A4-v2\.pdf"/);
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('ascii'),
      '%PDF-',
    );

    const denied = await fetch(`${standin.url}/api/v4/files/${F.samaraQuote.id}/info`, {
      headers: { Authorization: `Bearer ${U.kazan.token}` },
    });
    assert.equal(denied.status, 403);
  });

  test('createPost: members only; stored for postsIn; button integrations hidden from clients', async () => {
    const bot = client(U.throughline.token);
    const props = {
      attachments: [
        {
          text: 'Task: update 6x3 for Kazan',
          actions: [{ id: 'done', name: 'Done', type: 'button', integration: { url: 'http://service/actions', context: { sig: 'abc' } } }],
        },
      ],
    };
    const created = await bot.createPost({
      channel_id: C.campaignHq.id,
      message: 'Task created: update 6x3 for Kazan',
      root_id: P.outdoorFinal.id,
      type: 'custom_throughline_task',
      props,
    } as never);
    assert.equal(created.root_id, P.outdoorFinal.id);
    const sent = (created.props.attachments as { actions: Record<string, unknown>[] }[])[0]?.actions[0];
    assert.equal(sent?.integration, undefined);

    const stored = standin.postsIn(C.campaignHq.id).at(-1);
    assert.equal(stored?.id, created.id);
    assert.deepEqual((stored?.props.attachments as { actions: { integration: unknown }[] }[])[0]?.actions[0]?.integration, {
      url: 'http://service/actions',
      context: { sig: 'abc' },
    });
    assert.equal((await bot.getPost(P.outdoorFinal.id)).reply_count, 2);

    await rejectsWith(client(U.pavel.token).createPost({ channel_id: C.campaignHq.id, message: 'hi' } as never), 403);
    await rejectsWith(client(U.pavel.token).createPost({ channel_id: C.offTopic.id, message: 'hi' } as never), 403);
  });

  test('patchPost (PUT /posts/{id}/patch): the author edits their own post, message and props replaced; others and unknown posts are 403', async () => {
    const bot = client(U.throughline.token);
    const card = await bot.createPost({
      channel_id: C.regionKazan.id,
      message: 'Decision: slogan B',
      type: 'custom_throughline_decision',
      props: { decision: { status: 'decided' }, attachments: [{ actions: [{ id: 'dack', name: 'Confirm', type: 'button' }] }] },
    } as never);
    assert.equal(card.edit_at, 0);
    const patched = await bot.patchPost({
      id: card.id,
      message: 'Superseded',
      props: { decision: { status: 'superseded' }, attachments: [] },
    });
    assert.equal(patched.message, 'Superseded');
    assert.ok(patched.edit_at > 0, 'a changed message marks the post edited');
    assert.deepEqual(patched.props.decision, { status: 'superseded' });
    assert.deepEqual(patched.props.attachments, [], 'props are replaced as a whole');
    assert.equal(patched.type, 'custom_throughline_decision', 'the type stays');
    assert.equal(standin.postsIn(C.regionKazan.id).find((p) => p.id === card.id)?.message, 'Superseded');
    const onlyPin = await bot.patchPost({ id: card.id, is_pinned: true });
    assert.equal(onlyPin.message, 'Superseded', 'omitted fields are left as they are');
    await rejectsWith(client(U.olga.token).patchPost({ id: card.id, message: 'mine now' }), 403);
    await rejectsWith(bot.patchPost({ id: 'zzzzzzzzzzzzzzzzzzzzzzzzzz', message: 'x' }), 403);
  });

  test('a button click is relayed to its integration; the answer updates the post and comes back as ephemeral text', async () => {
    const calls: Record<string, unknown>[] = [];
    let reply: { status: number; body: unknown } = {
      status: 200,
      body: { update: { message: 'Done by @kazan', props: { attachments: [] } }, ephemeral_text: 'Thanks!' },
    };
    const integration = createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        calls.push(JSON.parse(text));
        res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((r) => integration.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(integration.address() as AddressInfo).port}/actions`;
    try {
      const card = standin.createPost({
        user_id: U.throughline.id,
        channel_id: C.regionKazan.id,
        message: 'Please confirm',
        props: {
          attachments: [{ actions: [{ id: 'ack', name: 'Confirm', type: 'button', integration: { url, context: { sig: 'xyz' } } }] }],
        },
      });
      const kazan = client(U.kazan.token);
      const answer = (await kazan.doPostAction(card.id, 'ack')) as unknown as Record<string, unknown>;
      assert.equal(answer.status, 'OK');
      assert.equal(answer.ephemeral_text, 'Thanks!');
      assert.equal(calls.length, 1);
      assert.deepEqual(
        { ...calls[0], trigger_id: undefined },
        {
          user_id: U.kazan.id,
          user_name: 'kazan',
          channel_id: C.regionKazan.id,
          channel_name: C.regionKazan.name,
          team_id: fixtures.team.id,
          team_name: fixtures.team.name,
          post_id: card.id,
          trigger_id: undefined,
          type: 'button',
          data_source: '',
          context: { sig: 'xyz' },
        },
      );
      const updated = await kazan.getPost(card.id);
      assert.equal(updated.message, 'Done by @kazan');
      assert.deepEqual(updated.props.attachments, []);
      assert.equal(updated.props.from_bot, 'true', 'from_bot survives the update');

      // Not readable: 403; no such action: 404; the integration refuses: 400 and its body is dropped.
      await rejectsWith(client(U.pavel.token).doPostAction(card.id, 'ack'), 403);
      const other = standin.createPost({
        user_id: U.throughline.id,
        channel_id: C.regionKazan.id,
        message: 'again',
        props: { attachments: [{ actions: [{ id: 'ack', name: 'Confirm', type: 'button', integration: { url, context: {} } }] }] },
      });
      await rejectsWith(kazan.doPostAction(other.id, 'nope'), 404, 'api.post.do_action.action_id.app_error');
      reply = { status: 403, body: { ephemeral_text: 'not for you' } };
      await rejectsWith(kazan.doPostAction(other.id, 'ack'), 400, 'api.post.do_action.action_integration.app_error');
      assert.equal((await kazan.getPost(other.id)).message, 'again');
    } finally {
      await new Promise((r) => integration.close(r));
    }
  });

  test('posts and files added by the test helpers are served', async () => {
    const file = standin.addFile({
      user_id: U.kazan.id,
      channel_id: C.regionKazan.id,
      name: 'receipt.txt',
      mime_type: 'text/plain',
      bytes: Buffer.from('received, thanks'),
    });
    const post = standin.createPost({
      user_id: U.kazan.id,
      channel_id: C.regionKazan.id,
      message: 'Получили, спасибо!',
      file_ids: [file.id],
    });
    const kazan = client(U.kazan.token);
    assert.equal((await kazan.getPost(post.id)).message, 'Получили, спасибо!');
    assert.deepEqual(
      (await kazan.getFileInfosForPost(post.id)).map((f) => f.name),
      ['receipt.txt'],
    );
    await rejectsWith(kazan.getPost('nosuchpost0000000000000000'), 404, 'app.post.get.app_error');
  });
});

describe('channel bookmarks (9.5+)', () => {
  const link = (n: number) => ({
    display_name: `Layout v${n}`,
    type: 'link' as const,
    link_url: `http://mm.example/_redirect/pl/${'p'.repeat(25)}${n}`,
    emoji: 'pushpin',
  });

  test('the bot adds, lists, patches and deletes its own bookmark; sort_order grows; omitempty fields are left out', async () => {
    const bot = client(U.throughline.token);
    const first = await bot.createChannelBookmark(C.regionKazan.id, link(1), '');
    assert.equal(first.owner_id, U.throughline.id);
    assert.equal(first.channel_id, C.regionKazan.id);
    assert.equal(first.type, 'link');
    assert.equal(first.sort_order, 0);
    assert.equal(first.emoji, 'pushpin');
    assert.equal(first.file_id, '');
    assert.ok(!('image_url' in first) && !('original_id' in first));
    const second = await bot.createChannelBookmark(C.regionKazan.id, { ...link(2), emoji: undefined }, '');
    assert.equal(second.sort_order, 1);
    assert.ok(!('emoji' in second));
    assert.deepEqual(
      (await client(U.kazan.token).getChannelBookmarks(C.regionKazan.id)).map((b) => b.id),
      [first.id, second.id],
      'a guest member reads them',
    );
    const patched = await bot.updateChannelBookmark(C.regionKazan.id, first.id, { display_name: 'Layout v1 (old)' }, '');
    assert.equal(patched.updated.id, first.id);
    assert.equal(patched.deleted, undefined);
    const gone = await bot.deleteChannelBookmark(C.regionKazan.id, first.id, '');
    assert.ok(gone.delete_at > 0);
    assert.deepEqual(
      (await bot.getChannelBookmarks(C.regionKazan.id)).map((b) => b.id),
      [second.id],
    );
    const since = await bot.getChannelBookmarks(C.regionKazan.id, 1);
    assert.equal(since.length, 2, 'bookmarks_since includes deleted ones');
    await rejectsWith(bot.deleteChannelBookmark(C.regionKazan.id, first.id, ''), 404, 'app.channel.bookmark.get.app_error');
    await rejectsWith(client(U.pavel.token).deleteChannelBookmark(C.regionKazan.id, second.id, ''), 403);
    await rejectsWith(
      client(U.admin.token).deleteChannelBookmark(C.campaignHq.id, second.id, ''),
      400,
      'api.context.invalid_param.app_error',
    );
  });

  test("patching someone else's bookmark replaces it with one's own copy", async () => {
    const mine = await client(U.olga.token).createChannelBookmark(C.regionKazan.id, link(1), '');
    const answer = await client(U.dmitry.token).updateChannelBookmark(C.regionKazan.id, mine.id, { display_name: 'x' }, '');
    assert.equal(answer.deleted.id, mine.id);
    assert.equal(answer.updated.original_id, mine.id);
    assert.equal(answer.updated.owner_id, U.dmitry.id);
  });

  test('refusals: guests cannot add (403), non-members cannot read (403), unknown channel 404, bad link or no name 500, over 50 500', async () => {
    await rejectsWith(client(U.kazan.token).createChannelBookmark(C.regionKazan.id, link(1), ''), 403, 'api.context.permissions.app_error');
    await rejectsWith(client(U.pavel.token).getChannelBookmarks(C.regionKazan.id), 403);
    await rejectsWith(client(U.olga.token).getChannelBookmarks('x'.repeat(26)), 404, 'app.channel.get.existing.app_error');
    const olga = client(U.olga.token);
    await rejectsWith(
      olga.createChannelBookmark(C.regionKazan.id, { ...link(1), link_url: 'javascript:alert(1)' }, ''),
      500,
      'app.channel.bookmark.save.app_error',
    );
    await rejectsWith(olga.createChannelBookmark(C.regionKazan.id, { ...link(1), display_name: '' }, ''), 500);
    for (let i = 0; i < 50; i++) await olga.createChannelBookmark(C.regionKazan.id, link(i), '');
    await rejectsWith(olga.createChannelBookmark(C.regionKazan.id, link(51), ''), 500, 'app.channel.bookmark.save.app_error');
  });

  test('before 9.5 the routes do not exist (404); unlicensed they answer 501', async () => {
    standin.setVersion('9.4.3');
    await rejectsWith(client(U.olga.token).getChannelBookmarks(C.regionKazan.id), 404, 'api.context.404.app_error');
    standin.setVersion('9.5.0');
    assert.deepEqual(await client(U.olga.token).getChannelBookmarks(C.regionKazan.id), []);
    standin.setLicensed(false);
    await rejectsWith(
      client(U.olga.token).createChannelBookmark(C.regionKazan.id, link(1), ''),
      501,
      'api.channel.bookmark.channel_bookmark.license.error',
    );
  });

  test('a lost answer: the create is done, the connection breaks, and the next create answers normally', async () => {
    standin.answerWrongly({ path: `/api/v4/channels/${C.regionKazan.id}/bookmarks`, method: 'POST', lose_answer: true, times: 1 });
    const bot = client(U.throughline.token);
    await assert.rejects(bot.createChannelBookmark(C.regionKazan.id, link(1), ''), TypeError);
    assert.equal(standin.bookmarksIn(C.regionKazan.id).length, 1, 'the bookmark was made');
    await bot.createChannelBookmark(C.regionKazan.id, link(2), '');
    assert.equal(standin.bookmarksIn(C.regionKazan.id).length, 2);
  });
});

describe('test controls', () => {
  test('stop() refuses connections but keeps the state; start() brings it back', async () => {
    const olga = client(U.olga.token);
    const post = standin.createPost({ user_id: U.olga.id, channel_id: C.campaignHq.id, message: 'before the outage' });
    await olga.getMe(); // leaves a pooled keep-alive connection behind
    await standin.stop();
    await assert.rejects(olga.getMe(), (e: unknown) => e instanceof TypeError && e.message === 'fetch failed');
    await standin.start();
    assert.equal((await olga.getPost(post.id)).message, 'before the outage');
  });

  test('setDown() cuts API connections while the port stays open', async () => {
    standin.setDown(true);
    await assert.rejects(client(U.olga.token).getMe(), (e: unknown) => e instanceof TypeError && e.message === 'fetch failed');
    standin.setDown(false);
    assert.equal((await client(U.olga.token).getMe()).username, 'olga');
  });

  test('setDelay() slows every API response', async () => {
    // Bounds far apart, so a loaded machine cannot blur them: at least the delay, then well under it.
    standin.setDelay(1000);
    const t0 = performance.now();
    await client(U.olga.token).getMe();
    assert.ok(performance.now() - t0 >= 990);
    standin.setDelay(0);
    const t1 = performance.now();
    await client(U.olga.token).getMe();
    assert.ok(performance.now() - t1 < 990);
  });

  test('answerWrongly() answers matching requests with the given status, type and body until cleared, also over HTTP', async () => {
    const olga = client(U.olga.token);
    standin.answerWrongly({ path: '/api/v4/users/me', body: '<html><body>Sign in</body></html>' });
    assert.equal(await olga.getMe(), '<html><body>Sign in</body></html>', 'Client4 hands a non-JSON 200 over as text');
    assert.equal((await olga.getMyChannelMember(C.campaignHq.id)).channel_id, C.campaignHq.id, 'other paths answer as usual');
    standin.clearFaults();
    assert.equal((await olga.getMe()).username, 'olga');

    const ctl = (init: RequestInit) => fetch(`${standin.url}/__standin/faults`, init);
    const fault = { prefix: `/api/v4/channels/${C.campaignHq.id}/members/`, method: 'GET', body: { channel_id: C.regionKazan.id } };
    assert.equal((await ctl({ method: 'POST', body: JSON.stringify(fault) })).status, 201);
    assert.deepEqual(await olga.getMyChannelMember(C.campaignHq.id), { channel_id: C.regionKazan.id });
    assert.equal((await ctl({ method: 'POST', body: JSON.stringify({ body: 'no path' }) })).status, 400);
    assert.equal((await ctl({ method: 'DELETE' })).status, 200);
    assert.equal((await olga.getMyChannelMember(C.campaignHq.id)).user_id, U.olga.id);
  });

  test('requestCount() counts API requests by path prefix', async () => {
    const olga = client(U.olga.token);
    await olga.getMyChannelMember(C.campaignHq.id);
    await olga.getMyChannelMember(C.regionKazan.id);
    await olga.getMe();
    assert.equal(standin.requestCount(), 3);
    assert.equal(standin.requestCount('/channels/'), 2);
    assert.equal(standin.requestCount(`/api/v4/channels/${C.campaignHq.id}/members/me`), 1);
    assert.equal(standin.requestCount('/users/me'), 1);
    standin.resetCounts();
    assert.equal(standin.requestCount(), 0);
  });

  test('the same controls over HTTP, for a test in another process', async () => {
    const ctl = (path: string, init?: RequestInit) =>
      fetch(`${standin.url}/__standin${path}`, init).then(async (r) => ({ status: r.status, body: (await r.json()) as never }));
    const pavel = client(U.pavel.token);

    assert.equal(
      (await ctl(`/channels/${C.regionKazan.id}/members`, { method: 'POST', body: JSON.stringify({ user_id: U.pavel.id }) })).status,
      201,
    );
    assert.equal((await pavel.getMyChannelMember(C.regionKazan.id)).user_id, U.pavel.id);
    assert.equal((await ctl(`/channels/${C.regionKazan.id}/members/${U.pavel.id}`, { method: 'DELETE' })).status, 200);
    await rejectsWith(pavel.getMyChannelMember(C.regionKazan.id), 403);

    const created = await ctl('/posts', {
      method: 'POST',
      body: JSON.stringify({ user_id: U.pavel.id, channel_id: C.regionSamara.id, message: 'Самара получила макет' }),
    });
    assert.equal(created.status, 201);
    const listed = await ctl(`/posts?channel_id=${C.regionSamara.id}`);
    assert.equal((listed.body as { message: string }[]).at(-1)?.message, 'Самара получила макет');

    const counts = await ctl('/counts');
    assert.equal((counts.body as { total: number }).total, standin.requestCount());
    assert.equal(((await ctl('/fixtures')).body as typeof fixtures).users.olga.token, U.olga.token);

    await ctl('/delay', { method: 'POST', body: JSON.stringify({ ms: 1000 }) });
    const t0 = performance.now();
    await pavel.getMe();
    assert.ok(performance.now() - t0 >= 990);

    await ctl('/reset', { method: 'POST' });
    assert.equal(standin.postsIn(C.regionSamara.id).at(-1)?.id, P.samaraReply.id);
    const t1 = performance.now();
    await pavel.getMe();
    assert.ok(performance.now() - t1 < 990, 'reset also clears the delay');
  });

  test("unknown API routes are 404 with Mattermost's error", async () => {
    const res = await fetch(`${standin.url}/api/v4/no/such/route`);
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { id: string }).id, 'api.context.404.app_error');
    const ping = await fetch(`${standin.url}/api/v4/system/ping`);
    assert.deepEqual(((await ping.json()) as { status: string }).status, 'OK');
  });
});
