import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ServerChannel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { UserProfile } from '@mattermost/types/users';

import { fixtures } from './fixtures.js';
import { isValidId, newId } from './ids.js';
import {
  StandinError,
  addFile,
  addMember,
  canReadChannel,
  hasReadChannel,
  insertPost,
  isSystemAdmin,
  makeMember,
  memberOf,
  postList,
  postsIn,
  removeMember,
  teamMemberOf,
  userCanSee,
  wireChannel,
  wireFile,
  wireMember,
  wirePost,
  wireTeam,
  wireUser,
  type Session,
  type StandinState,
} from './state.js';

/** What the HTTP layer needs from its owner besides the data. */
export interface Controls {
  state: StandinState;
  delayMs: number;
  /** While true every /api/v4 connection is cut, as if the network to Mattermost failed. */
  down: boolean;
  counts: Map<string, number>;
  reset(): void;
}

const API = '/api/v4';
const VERSION_ID = '11.9.0.11.9.0.standin.false';
const COOKIE_MAX_AGE = 30 * 24 * 60 * 60;
// web.WriteFileResponse serves these as text/plain so a browser never runs them.
const UNSAFE_CONTENT_TYPES = [
  'application/javascript',
  'application/ecmascript',
  'text/javascript',
  'text/ecmascript',
  'application/x-javascript',
  'text/html',
];

// The en.json texts of the error ids the stand-in emits.
const MESSAGES: Record<string, string> = {
  'api.context.session_expired.app_error': 'Invalid or expired session, please login again.',
  'api.context.permissions.app_error': 'You do not have the appropriate permissions.',
  'api.context.404.app_error': 'Sorry, we could not find the page.',
  'app.channel.get.existing.app_error': 'Unable to find the existing channel.',
  'app.channel.get_member.missing.app_error': 'No channel member found for that user ID and channel ID.',
  'app.post.get.app_error': 'Unable to get the post.',
  'app.user.missing_account.const': 'Unable to find the user.',
  'app.team.get.find.app_error': 'Unable to find the existing team.',
  'app.file_info.get.app_error': 'Unable to get the file info.',
  'api.user.login.invalid_credentials_email_username': 'Enter a valid email or username and/or password.',
  'api.user.login.bot_login_forbidden.app_error': 'Bot login is forbidden.',
  'api.user.login.inactive.app_error': 'Login failed because your account has been deactivated. Please contact an administrator.',
  'api.post.create_post.root_id.app_error': 'Invalid RootId parameter.',
  'api.channel.create_direct_channel.invalid_user.app_error': 'Invalid user ID for direct channel creation.',
  'api.post.do_action.action_id.app_error': 'Invalid action id.',
};

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message?: string,
  ) {
    super(message ?? MESSAGES[id] ?? id);
  }
}

const permissionError = () => new ApiError(403, 'api.context.permissions.app_error');
const invalidUrlParam = (name: string) =>
  new ApiError(400, 'api.context.invalid_url_param.app_error', `Invalid or missing ${name} parameter in request URL.`);
const invalidBodyParam = (name: string) =>
  new ApiError(400, 'api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`);
const invalidParam = (name: string) => new ApiError(400, 'api.context.invalid_param.app_error', `Invalid ${name} parameter.`);

interface Reply {
  status?: number;
  json?: unknown;
  bytes?: Buffer;
  headers?: Record<string, string | string[]>;
}

interface Ctx {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Set on every authenticated route. */
  me: UserProfile;
  session: Session;
  body<T = unknown>(): Promise<T>;
}

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  auth: boolean;
  handle: (ctx: Ctx) => Reply | Promise<Reply>;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  // Mattermost's router only matches [A-Za-z0-9]+ ids; anything else is a 404, not a 400.
  const source = path.replace(/:([a-z_]+)/g, (_m, key: string) => {
    keys.push(key);
    return key === 'username' ? '([^/]+)' : '([A-Za-z0-9]+)';
  });
  return { pattern: new RegExp(`^${source}/?$`), keys };
}

export function createHandler(ctl: Controls): (req: IncomingMessage, res: ServerResponse) => void {
  const routes: Route[] = [];
  const on = (method: string, path: string, handle: Route['handle'], auth = true) =>
    routes.push({ method, ...compile(path), auth, handle });
  const s = () => ctl.state;

  // --- lookups that raise Mattermost's errors -----------------------------

  const userParam = (ctx: Ctx, key = 'user_id'): string => {
    const id = ctx.params[key] ?? '';
    if (id === 'me') {
      return ctx.me.id;
    }
    if (!isValidId(id)) {
      throw invalidUrlParam(key);
    }
    return id;
  };
  const idParam = (ctx: Ctx, key: string): string => {
    const id = ctx.params[key] ?? '';
    if (!isValidId(id)) {
      throw invalidUrlParam(key);
    }
    return id;
  };
  const getChannel = (id: string): ServerChannel => {
    const c = s().channels.get(id);
    if (!c) {
      throw new ApiError(404, 'app.channel.get.existing.app_error');
    }
    return c;
  };
  const getUser = (id: string): UserProfile => {
    const u = s().users.get(id);
    if (!u) {
      throw new ApiError(404, 'app.user.missing_account.const');
    }
    return u;
  };
  /** GetSinglePost + read check, as getPost does: missing → 404, unreadable → 403. */
  const readablePost = (ctx: Ctx, id: string): Post => {
    const post = s().posts.get(id);
    if (!post || post.delete_at) {
      throw new ApiError(404, 'app.post.get.app_error');
    }
    if (!canReadChannel(s(), ctx.me, getChannel(post.channel_id))) {
      throw permissionError();
    }
    return post;
  };
  const page = (ctx: Ctx): { page: number; perPage: number } => {
    const p = Number.parseInt(ctx.query.get('page') ?? '0', 10);
    const pp = Number.parseInt(ctx.query.get('per_page') ?? '60', 10);
    return { page: Number.isFinite(p) && p > 0 ? p : 0, perPage: Number.isFinite(pp) && pp > 0 ? Math.min(pp, 200) : 60 };
  };
  const usersSorted = (ids: Iterable<string>, viewer: UserProfile) =>
    [...ids]
      .map((id) => s().users.get(id))
      .filter((u): u is UserProfile => Boolean(u && userCanSee(s(), viewer, u.id)))
      .sort((a, b) => a.username.localeCompare(b.username));
  const myChannelsInTeam = (userId: string, teamId: string) =>
    [...s().channels.values()].filter(
      (c) => (c.team_id === teamId || c.team_id === '') && c.delete_at === 0 && memberOf(s(), c.id, userId),
    );

  // --- users ---------------------------------------------------------------

  on(
    'POST',
    '/users/login',
    async (ctx) => {
      const body = await ctx.body<{ login_id?: string; id?: string; password?: string }>();
      const login = (body.login_id ?? '').toLowerCase();
      const user = [...s().users.values()].find(
        (u) => (body.id && u.id === body.id) || (login && (u.username === login || u.email.toLowerCase() === login)),
      );
      if (!user) {
        throw new ApiError(401, 'api.user.login.invalid_credentials_email_username');
      }
      if (user.is_bot) {
        throw new ApiError(401, 'api.user.login.bot_login_forbidden.app_error');
      }
      if (user.delete_at) {
        throw new ApiError(401, 'api.user.login.inactive.app_error');
      }
      const session: Session = { token: newId(), user_id: user.id, csrf: newId(), create_at: Date.now() };
      s().sessions.set(session.token, session);
      const expires = new Date(Date.now() + COOKIE_MAX_AGE * 1000).toUTCString();
      const cookie = (name: string, value: string, httpOnly: boolean) =>
        `${name}=${value}; Path=/; Expires=${expires}; Max-Age=${COOKIE_MAX_AGE}${httpOnly ? '; HttpOnly' : ''}; SameSite=Lax`;
      return {
        json: wireUser(user, user),
        headers: {
          Token: session.token,
          'Set-Cookie': [
            cookie('MMAUTHTOKEN', session.token, true),
            cookie('MMUSERID', user.id, false),
            cookie('MMCSRF', session.csrf, false),
          ],
        },
      };
    },
    false,
  );

  // Logout needs no session: it ends the one it is given, if any.
  on(
    'POST',
    '/users/logout',
    (ctx) => {
      const token = tokenOf(ctx.req, ctx.url)?.token;
      if (token) {
        s().sessions.delete(token);
      }
      const gone = (name: string) => `${name}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
      return { json: { status: 'OK' }, headers: { 'Set-Cookie': [gone('MMAUTHTOKEN'), gone('MMUSERID'), gone('MMCSRF')] } };
    },
    false,
  );

  on('POST', '/users/ids', async (ctx) => {
    const ids = await ctx.body<unknown>();
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
      throw invalidBodyParam('user_ids');
    }
    const seen = new Set<string>();
    const out = [];
    for (const id of ids as string[]) {
      const u = s().users.get(id);
      // GetUsersByIds applies the view restrictions by leaving people out, not by failing.
      if (u && !seen.has(id) && userCanSee(s(), ctx.me, id)) {
        seen.add(id);
        out.push(wireUser(u, ctx.me));
      }
    }
    return { json: out };
  });

  on('GET', '/users', (ctx) => {
    const { page: p, perPage } = page(ctx);
    const inChannel = ctx.query.get('in_channel');
    const inTeam = ctx.query.get('in_team');
    let ids: Iterable<string>;
    if (inChannel) {
      // SessionHasPermissionToChannel is false for an unknown channel, even for an admin.
      if (!s().channels.has(inChannel) || !hasReadChannel(s(), ctx.me, inChannel)) {
        throw permissionError();
      }
      ids = s().members.get(inChannel)?.keys() ?? [];
    } else if (inTeam) {
      if (!teamMemberOf(s(), inTeam, ctx.me.id) && !isSystemAdmin(ctx.me)) {
        throw permissionError();
      }
      ids = [...(s().teamMembers.get(inTeam)?.values() ?? [])].filter((m) => m.delete_at === 0).map((m) => m.user_id);
    } else {
      ids = s().users.keys();
    }
    const users = usersSorted(ids, ctx.me).filter((u) => u.delete_at === 0);
    return { json: users.slice(p * perPage, (p + 1) * perPage).map((u) => wireUser(u, ctx.me)) };
  });

  on('GET', '/users/username/:username', (ctx) => {
    const name = decodeURIComponent(ctx.params.username ?? '').toLowerCase();
    const u = [...s().users.values()].find((x) => x.username === name);
    if (!u) {
      throw new ApiError(404, 'app.user.missing_account.const');
    }
    if (!userCanSee(s(), ctx.me, u.id)) {
      throw permissionError();
    }
    return { json: wireUser(u, ctx.me) };
  });

  on('GET', '/users/:user_id', (ctx) => {
    const id = userParam(ctx);
    // Visibility first: a guest learns nothing, not even whether the id exists.
    if (!userCanSee(s(), ctx.me, id)) {
      throw permissionError();
    }
    return { json: wireUser(getUser(id), ctx.me) };
  });

  on('GET', '/users/:user_id/teams', (ctx) => {
    const id = userParam(ctx);
    if (id !== ctx.me.id && !isSystemAdmin(ctx.me)) {
      throw permissionError();
    }
    const teams = [...s().teams.values()].filter((t) => t.delete_at === 0 && teamMemberOf(s(), t.id, id));
    return { json: teams.map((t) => wireTeam(t, ctx.me)) };
  });

  const requireTeamAccess = (ctx: Ctx, userId: string, teamId: string) => {
    if (!s().teams.has(teamId) && !isSystemAdmin(ctx.me)) {
      throw permissionError();
    }
    if (!teamMemberOf(s(), teamId, ctx.me.id) && !isSystemAdmin(ctx.me)) {
      throw permissionError();
    }
    if (userId !== ctx.me.id && !isSystemAdmin(ctx.me)) {
      throw permissionError();
    }
  };

  on('GET', '/users/:user_id/teams/:team_id/channels', (ctx) => {
    const userId = userParam(ctx);
    const teamId = idParam(ctx, 'team_id');
    requireTeamAccess(ctx, userId, teamId);
    return { json: myChannelsInTeam(userId, teamId).map(wireChannel) };
  });

  on('GET', '/users/:user_id/teams/:team_id/channels/members', (ctx) => {
    const userId = userParam(ctx);
    const teamId = idParam(ctx, 'team_id');
    requireTeamAccess(ctx, userId, teamId);
    const members = myChannelsInTeam(userId, teamId)
      .map((c) => memberOf(s(), c.id, userId))
      .filter((m) => m !== undefined);
    return { json: members.map((m) => wireMember(m, ctx.me.id)) };
  });

  // --- teams ---------------------------------------------------------------

  on('GET', '/teams/:team_id', (ctx) => {
    const team = s().teams.get(idParam(ctx, 'team_id'));
    if (!team) {
      throw new ApiError(404, 'app.team.get.find.app_error');
    }
    const open = team.allow_open_invite && team.type === 'O';
    if (!open && !teamMemberOf(s(), team.id, ctx.me.id) && !isSystemAdmin(ctx.me)) {
      throw permissionError();
    }
    return { json: wireTeam(team, ctx.me) };
  });

  // --- channels ------------------------------------------------------------

  on('POST', '/channels/direct', async (ctx) => {
    const body = await ctx.body<unknown>();
    if (!Array.isArray(body) || body.some((id) => typeof id !== 'string')) {
      throw invalidBodyParam('user_ids');
    }
    let ids = [...new Set(body as string[])];
    if (ids.length === 1 && ids[0] === ctx.me.id) {
      ids = [ctx.me.id, ctx.me.id];
    }
    if (ids.length !== 2) {
      throw invalidParam('user_ids');
    }
    if (ids.some((id) => !isValidId(id))) {
      throw invalidParam('user_id');
    }
    if (!ids.includes(ctx.me.id) && !isSystemAdmin(ctx.me)) {
      throw permissionError();
    }
    const other = ids[0] === ctx.me.id ? ids[1]! : ids[0]!;
    if (!userCanSee(s(), ctx.me, other)) {
      throw permissionError();
    }
    if (ids.some((id) => !s().users.has(id))) {
      throw new ApiError(400, 'api.channel.create_direct_channel.invalid_user.app_error');
    }
    const [a, b] = [...ids].sort() as [string, string];
    const name = `${a}__${b}`;
    let channel = [...s().channels.values()].find((c) => c.type === 'D' && c.name === name);
    if (!channel) {
      const now = Date.now();
      channel = {
        id: newId(),
        create_at: now,
        update_at: now,
        delete_at: 0,
        team_id: '',
        type: 'D',
        display_name: '',
        name,
        header: '',
        purpose: '',
        last_post_at: now,
        last_root_post_at: now,
        creator_id: ctx.me.id,
        scheme_id: '',
        group_constrained: false,
        total_msg_count: 0,
        total_msg_count_root: 0,
      };
      s().channels.set(channel.id, channel);
      const members = new Map([[a, makeMember(channel.id, a, 'channel_user', now)]]);
      members.set(b, makeMember(channel.id, b, 'channel_user', now));
      s().members.set(channel.id, members);
    }
    // api4 createDirectChannel answers 201 whether it created the channel or found it.
    return { status: 201, json: wireChannel(channel) };
  });

  on('GET', '/channels/:channel_id', (ctx) => {
    const channel = getChannel(idParam(ctx, 'channel_id'));
    if (!canReadChannel(s(), ctx.me, channel)) {
      throw permissionError();
    }
    return { json: wireChannel(channel) };
  });

  on('GET', '/channels/:channel_id/members', (ctx) => {
    const channelId = idParam(ctx, 'channel_id');
    if (!s().channels.has(channelId) || !hasReadChannel(s(), ctx.me, channelId)) {
      throw permissionError();
    }
    const { page: p, perPage } = page(ctx);
    const members = [...(s().members.get(channelId)?.values() ?? [])];
    return { json: members.slice(p * perPage, (p + 1) * perPage).map((m) => wireMember(m, ctx.me.id)) };
  });

  // Permission before existence, as api4 getChannelMember does: without read_channel
  // (i.e. not a member, public channel or not) the answer is 403; a reader asking
  // about a non-member gets 404.
  on('GET', '/channels/:channel_id/members/:user_id', (ctx) => {
    const channelId = idParam(ctx, 'channel_id');
    const userId = userParam(ctx);
    if (!s().channels.has(channelId) || !hasReadChannel(s(), ctx.me, channelId)) {
      throw permissionError();
    }
    const member = memberOf(s(), channelId, userId);
    if (!member) {
      throw new ApiError(404, 'app.channel.get_member.missing.app_error');
    }
    return { json: wireMember(member, ctx.me.id) };
  });

  on('GET', '/channels/:channel_id/posts', (ctx) => {
    const channel = getChannel(idParam(ctx, 'channel_id'));
    if (!canReadChannel(s(), ctx.me, channel)) {
      throw permissionError();
    }
    const newestFirst = postsIn(s(), channel.id).reverse();
    const rootsOf = (list: Post[]) => {
      const ids = new Set(list.map((p) => p.id));
      return [...new Set(list.filter((p) => p.root_id && !ids.has(p.root_id)).map((p) => p.root_id))]
        .map((id) => s().posts.get(id))
        .filter((p): p is Post => Boolean(p && !p.delete_at));
    };
    const since = Number(ctx.query.get('since') ?? 0);
    if (since > 0) {
      // Deleted posts included, so a client can drop them from its cache.
      const list = newestFirst.filter((p) => p.update_at > since);
      return { json: postList(s(), list, rootsOf(list)) };
    }
    const live = newestFirst.filter((p) => !p.delete_at);
    const { page: p, perPage } = page(ctx);
    let start = p * perPage;
    let end = start + perPage;
    const before = ctx.query.get('before');
    const after = ctx.query.get('after');
    if (before) {
      const i = live.findIndex((q) => q.id === before);
      start = (i < 0 ? live.length : i + 1) + p * perPage;
      end = start + perPage;
    } else if (after) {
      const i = live.findIndex((q) => q.id === after);
      end = Math.max(0, (i < 0 ? 0 : i) - p * perPage);
      start = Math.max(0, end - perPage);
    }
    const list = live.slice(start, end);
    return {
      json: postList(s(), list, rootsOf(list), {
        next: start > 0 ? live[start - 1]?.id : '',
        prev: live[end]?.id ?? '',
        hasNext: start > 0,
      }),
    };
  });

  // --- posts ---------------------------------------------------------------

  const seenPendingPostIds = new Map<string, { postId: string; at: number }>();

  on('POST', '/posts', async (ctx) => {
    const body = await ctx.body<{
      channel_id?: string;
      message?: string;
      root_id?: string;
      type?: string;
      props?: Record<string, unknown>;
      file_ids?: string[];
      pending_post_id?: string;
    }>();
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw invalidBodyParam('post');
    }
    const channelId = body.channel_id ?? '';
    const channel = s().channels.get(channelId);
    // SessionHasPermissionToChannel(create_post) is false for unknown channels too: 403, not 404.
    if (!channel || (!memberOf(s(), channelId, ctx.me.id) && !isSystemAdmin(ctx.me))) {
      throw permissionError();
    }
    if (body.type?.startsWith('system_')) {
      throw invalidParam('post.type');
    }
    // Like Mattermost's seenPendingPostIdsCache: a retried create with the same pending_post_id
    // within 30 s answers with the post already made instead of making a second one.
    const pendingKey = body.pending_post_id ? `${ctx.me.id}:${body.pending_post_id}` : '';
    const seen = pendingKey ? seenPendingPostIds.get(pendingKey) : undefined;
    if (seen && Date.now() - seen.at < 30_000 && s().posts.get(seen.postId)) {
      return { status: 201, json: wirePost(s(), s().posts.get(seen.postId)!) };
    }
    try {
      const post = insertPost(s(), {
        user_id: ctx.me.id,
        channel_id: channelId,
        message: body.message ?? '',
        root_id: body.root_id || undefined,
        type: body.type,
        props: body.props,
        file_ids: body.file_ids,
        pending_post_id: body.pending_post_id,
      });
      if (pendingKey) {
        seenPendingPostIds.set(pendingKey, { postId: post.id, at: Date.now() });
      }
      return { status: 201, json: wirePost(s(), post) };
    } catch (e) {
      if (e instanceof StandinError) {
        throw new ApiError(e.status, e.id, e.message);
      }
      throw e;
    }
  });

  on('GET', '/posts/:post_id', (ctx) => ({ json: wirePost(s(), readablePost(ctx, idParam(ctx, 'post_id'))) }));

  on('GET', '/posts/:post_id/thread', (ctx) => {
    const post = readablePost(ctx, idParam(ctx, 'post_id'));
    const rootId = post.root_id || post.id;
    const thread = [...s().posts.values()]
      .filter((p) => (p.id === rootId || p.root_id === rootId) && !p.delete_at)
      .sort((a, b) => b.create_at - a.create_at);
    return { json: postList(s(), thread) };
  });

  // SessionHasPermissionToReadPost: an unknown post has no channel to read, so it is a 403.
  on('GET', '/posts/:post_id/files/info', (ctx) => {
    const id = idParam(ctx, 'post_id');
    const post = s().posts.get(id);
    const channel = post && s().channels.get(post.channel_id);
    if (!post || !channel) {
      if (!isSystemAdmin(ctx.me)) {
        throw permissionError();
      }
      return { json: [] };
    }
    if (!canReadChannel(s(), ctx.me, channel)) {
      throw permissionError();
    }
    const infos = [...s().files.values()]
      .map((f) => f.info)
      .filter((f) => f.post_id === post.id && f.delete_at === 0)
      .sort((a, b) => a.create_at - b.create_at);
    return { json: infos.map(wireFile) };
  });

  /** updatePost/patchPost/deletePost: a post you cannot find is reported as a permission error. */
  const editablePost = (ctx: Ctx, id: string, action: 'edit' | 'delete'): Post => {
    const post = s().posts.get(id);
    if (!post || post.delete_at) {
      throw permissionError();
    }
    const member = memberOf(s(), post.channel_id, ctx.me.id);
    const own = post.user_id === ctx.me.id;
    // channel_guest may edit its posts but not delete them.
    const mayOwn = member && (action === 'edit' || !member.scheme_guest);
    if (!isSystemAdmin(ctx.me) && !(own && mayOwn)) {
      throw permissionError();
    }
    return post;
  };
  const applyEdit = (
    post: Post,
    patch: { message?: string; props?: Record<string, unknown>; file_ids?: string[]; is_pinned?: boolean },
  ) => {
    const now = Date.now();
    if (typeof patch.message === 'string' && patch.message !== post.message) {
      post.message = patch.message;
      post.edit_at = now;
    }
    if (patch.props && typeof patch.props === 'object') {
      post.props = { ...patch.props, ...(post.props.from_bot ? { from_bot: 'true' } : {}) };
    }
    if (typeof patch.is_pinned === 'boolean') {
      post.is_pinned = patch.is_pinned;
    }
    post.update_at = now;
    return post;
  };

  on('PUT', '/posts/:post_id', async (ctx) => {
    const id = idParam(ctx, 'post_id');
    const body = await ctx.body<{ id?: string; message?: string; props?: Record<string, unknown>; is_pinned?: boolean }>();
    if (!body || body.id !== id) {
      throw invalidParam('id');
    }
    return { json: wirePost(s(), applyEdit(editablePost(ctx, id, 'edit'), body)) };
  });

  on('PUT', '/posts/:post_id/patch', async (ctx) => {
    const id = idParam(ctx, 'post_id');
    const body = await ctx.body<{ message?: string; props?: Record<string, unknown>; is_pinned?: boolean }>();
    return { json: wirePost(s(), applyEdit(editablePost(ctx, id, 'edit'), body ?? {})) };
  });

  on('DELETE', '/posts/:post_id', (ctx) => {
    const post = editablePost(ctx, idParam(ctx, 'post_id'), 'delete');
    const now = Date.now();
    for (const p of s().posts.values()) {
      if (p.id === post.id || p.root_id === post.id) {
        p.delete_at = now;
        p.update_at = now;
      }
    }
    return { json: { status: 'OK' } };
  });

  // api4 doPostActionWithCookie + App.DoPostActionWithCookie: a click on an interactive button is
  // relayed to the action's integration.url with what Mattermost vouches for; a 200 answer may
  // replace the post (`update`) and tell the clicker something (`ephemeral_text`).
  on('POST', '/posts/:post_id/actions/:action_id', async (ctx) => {
    const postId = idParam(ctx, 'post_id');
    const actionId = ctx.params.action_id ?? '';
    const body = await ctx.body<{ selected_option?: unknown }>();
    const stored = s().posts.get(postId);
    const channel = stored && s().channels.get(stored.channel_id);
    // SessionHasPermissionToChannelByPost(read_channel_content): no post, no permission.
    if (!stored || !channel || !canReadChannel(s(), ctx.me, channel)) {
      throw permissionError();
    }
    if (stored.delete_at) {
      throw new ApiError(404, 'app.post.get.app_error');
    }
    type Action = { id?: string; type?: string; data_source?: string; integration?: { url?: string; context?: Record<string, unknown> } };
    const attachments = (stored.props as { attachments?: Array<{ actions?: Action[] }> }).attachments;
    const action = Array.isArray(attachments)
      ? attachments.flatMap((a) => (Array.isArray(a?.actions) ? a.actions : [])).find((a) => a?.id === actionId)
      : undefined;
    if (!action?.integration?.url) {
      throw new ApiError(404, 'api.post.do_action.action_id.app_error');
    }
    const team = s().teams.get(channel.team_id);
    const context: Record<string, unknown> = { ...(action.integration.context ?? {}) };
    if (action.type === 'select' && typeof body.selected_option === 'string' && body.selected_option) {
      context.selected_option = body.selected_option;
    }
    const triggerId = newId();
    let answer: { update?: { message?: string; props?: Record<string, unknown> | null } | null; ephemeral_text?: string };
    try {
      const res = await fetch(action.integration.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          user_id: ctx.me.id,
          user_name: ctx.me.username,
          channel_id: channel.id,
          channel_name: channel.name,
          team_id: channel.team_id,
          team_name: team?.name ?? '',
          post_id: stored.id,
          trigger_id: triggerId,
          type: action.type ?? '',
          data_source: action.data_source ?? '',
          context,
        }),
        signal: AbortSignal.timeout(30_000), // OutgoingIntegrationRequestsTimeout
      });
      const text = await res.text();
      // DoActionRequest: anything but a 200 is an error and its body is never read.
      if (res.status !== 200) {
        throw new Error(`status=${res.status}`);
      }
      answer = text ? JSON.parse(text) : {};
    } catch (e) {
      throw new ApiError(
        400,
        'api.post.do_action.action_integration.app_error',
        `Action integration error. ${String((e as Error).message ?? e)}`,
      );
    }
    if (answer.update && typeof answer.update === 'object') {
      const retained = Object.fromEntries(
        ['from_webhook', 'override_username', 'override_icon_url', 'from_bot']
          .filter((k) => k in stored.props)
          .map((k) => [k, stored.props[k]]),
      );
      applyEdit(stored, {
        message: typeof answer.update.message === 'string' ? answer.update.message : stored.message,
        props: answer.update.props ? { ...answer.update.props, ...retained } : undefined,
      });
    }
    // Mattermost sends the ephemeral text over the WebSocket as a post only the clicker sees;
    // the stand-in has no socket, so it rides along in the answer for the host to show.
    const ephemeral = typeof answer.ephemeral_text === 'string' && answer.ephemeral_text ? { ephemeral_text: answer.ephemeral_text } : {};
    return { json: { status: 'OK', trigger_id: triggerId, ...ephemeral } };
  });

  // --- files ---------------------------------------------------------------

  const readableFile = (ctx: Ctx) => {
    const file = s().files.get(idParam(ctx, 'file_id'));
    if (!file || file.info.delete_at) {
      throw new ApiError(404, 'app.file_info.get.app_error');
    }
    const channel = getChannel(file.info.channel_id);
    // The uploader may always read their own file, attached or not.
    if (file.info.user_id !== ctx.me.id && !canReadChannel(s(), ctx.me, channel)) {
      throw permissionError();
    }
    return file;
  };

  on('GET', '/files/:file_id/info', (ctx) => ({ json: wireFile(readableFile(ctx).info) }));

  on('GET', '/files/:file_id', (ctx) => {
    const { info, bytes } = readableFile(ctx);
    let type = info.mime_type || 'application/octet-stream';
    if (UNSAFE_CONTENT_TYPES.some((t) => type.startsWith(t))) {
      type = 'text/plain';
    }
    const forceDownload = ['1', 'true'].includes(ctx.query.get('download') ?? '');
    const media = /^(image|video|audio)\//.test(type);
    const name = encodeURIComponent(info.name);
    return {
      bytes,
      headers: {
        'Content-Type': type,
        'Content-Disposition': `${forceDownload || !media ? 'attachment' : 'inline'};filename="${name}"; filename*=UTF-8''${name}`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "Frame-ancestors 'none'",
        'Cache-Control': 'max-age=2592000, private',
        'Last-Modified': new Date(info.update_at).toUTCString(),
      },
    };
  });

  // --- system --------------------------------------------------------------

  on('GET', '/system/ping', () => ({ json: { status: 'OK', ActiveSearchBackend: 'database' } }), false);

  // --- dispatch ------------------------------------------------------------

  const dispatchApi = async (req: IncomingMessage, url: URL): Promise<Reply> => {
    const path = url.pathname.slice(API.length) || '/';
    const method = req.method ?? 'GET';
    let pathMatched = false;
    for (const route of routes) {
      const m = route.pattern.exec(path);
      if (!m) {
        continue;
      }
      pathMatched = true;
      if (route.method !== method) {
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => {
        params[k] = m[i + 1] ?? '';
      });
      const ctx = { req, url, params, query: url.searchParams, body: () => readJson(req) } as Ctx;
      if (route.auth) {
        const auth = authenticate(ctl.state, req, url);
        ctx.me = auth.user;
        ctx.session = auth.session;
      }
      return route.handle(ctx);
    }
    if (pathMatched) {
      // gorilla/mux answers a known path with the wrong method with a bare 405.
      return { status: 405, bytes: Buffer.alloc(0), headers: { 'Content-Type': 'text/plain' } };
    }
    throw new ApiError(404, 'api.context.404.app_error');
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin.local');
    if (url.pathname === API || url.pathname.startsWith(API + '/')) {
      void serveApi(ctl, req, res, url, dispatchApi);
    } else if (url.pathname.startsWith('/__standin/')) {
      void serveControl(ctl, req, res, url);
    } else {
      send(
        res,
        404,
        { 'Content-Type': 'text/plain; charset=utf-8' },
        Buffer.from('Not a Mattermost stand-in path. The API is under /api/v4, test controls under /__standin/.\n'),
      );
    }
  };
}

async function serveApi(
  ctl: Controls,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  dispatch: (req: IncomingMessage, url: URL) => Promise<Reply>,
) {
  ctl.counts.set(url.pathname, (ctl.counts.get(url.pathname) ?? 0) + 1);
  if (ctl.down) {
    // A reset connection, which fetch reports as TypeError('fetch failed').
    req.socket.destroy();
    return;
  }
  if (ctl.delayMs > 0) {
    await new Promise((r) => setTimeout(r, ctl.delayMs));
  }
  const requestId = newId();
  const base = { 'X-Request-Id': requestId, 'X-Version-Id': VERSION_ID };
  try {
    const reply = await dispatch(req, url);
    const headers = { ...base, ...reply.headers };
    if (reply.bytes) {
      send(res, reply.status ?? 200, headers, reply.bytes);
    } else {
      // Exactly "application/json": Client4 only parses a body whose Content-Type equals it.
      send(res, reply.status ?? 200, { ...headers, 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify(reply.json ?? null)));
    }
  } catch (e) {
    const err =
      e instanceof ApiError
        ? e
        : e instanceof StandinError
          ? new ApiError(e.status, e.id, e.message)
          : new ApiError(500, 'api.context.unknown.app_error', String(e));
    if (!(e instanceof ApiError) && !(e instanceof StandinError)) {
      console.error('[standin] handler failed', e);
    }
    const body = { id: err.id, message: err.message, detailed_error: '', request_id: requestId, status_code: err.status };
    send(res, err.status, { ...base, 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify(body)));
  }
}

/** The test controls; not part of Mattermost's API, never counted or delayed. */
async function serveControl(ctl: Controls, req: IncomingMessage, res: ServerResponse, url: URL) {
  const s = ctl.state;
  const path = url.pathname.slice('/__standin'.length);
  const method = req.method ?? 'GET';
  const json = (status: number, body: unknown) =>
    send(res, status, { 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify(body)));
  try {
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/reset') {
      ctl.reset();
      return json(200, { status: 'OK' });
    }
    if (method === 'POST' && path === '/delay') {
      const { ms } = await readJson<{ ms?: number }>(req);
      ctl.delayMs = Math.max(0, Number(ms) || 0);
      return json(200, { ms: ctl.delayMs });
    }
    if (method === 'POST' && path === '/down') {
      const { down } = await readJson<{ down?: boolean }>(req);
      ctl.down = Boolean(down);
      return json(200, { down: ctl.down });
    }
    if (method === 'GET' && path === '/counts') {
      const prefix = url.searchParams.get('prefix') ?? undefined;
      return json(200, {
        total: countRequests(ctl.counts),
        count: countRequests(ctl.counts, prefix),
        paths: Object.fromEntries(ctl.counts),
      });
    }
    if (method === 'DELETE' && path === '/counts') {
      ctl.counts.clear();
      return json(200, { status: 'OK' });
    }
    if (method === 'GET' && path === '/fixtures') {
      return json(200, fixtures);
    }
    if ((m = /^\/channels\/([A-Za-z0-9]+)\/members$/.exec(path)) && method === 'POST') {
      const body = await readJson<{ user_id?: string; roles?: string }>(req);
      return json(201, addMember(s, m[1] ?? '', body.user_id ?? '', body.roles));
    }
    if ((m = /^\/channels\/([A-Za-z0-9]+)\/members\/([A-Za-z0-9]+)$/.exec(path)) && method === 'DELETE') {
      removeMember(s, m[1] ?? '', m[2] ?? '');
      return json(200, { status: 'OK' });
    }
    if (method === 'POST' && path === '/posts') {
      const body = await readJson<{
        user_id: string;
        channel_id: string;
        message: string;
        file_ids?: string[];
        root_id?: string;
        type?: string;
        props?: Record<string, unknown>;
      }>(req);
      return json(201, insertPost(s, body));
    }
    if (method === 'GET' && path === '/posts') {
      return json(200, postsIn(s, url.searchParams.get('channel_id') ?? ''));
    }
    if (method === 'POST' && path === '/files') {
      const body = await readJson<{ user_id: string; channel_id: string; name: string; mime_type?: string; base64: string }>(req);
      return json(201, addFile(s, { ...body, bytes: Buffer.from(body.base64 ?? '', 'base64') }));
    }
    return json(404, { error: `no control ${method} ${url.pathname}` });
  } catch (e) {
    return json(e instanceof StandinError ? e.status : 400, { error: e instanceof Error ? e.message : String(e) });
  }
}

export function countRequests(counts: Map<string, number>, prefix?: string): number {
  let full = '';
  if (prefix) {
    full = prefix.startsWith(API) ? prefix : API + (prefix.startsWith('/') ? prefix : '/' + prefix);
  }
  let n = 0;
  for (const [path, c] of counts) {
    if (path.startsWith(full)) {
      n += c;
    }
  }
  return n;
}

// --- authentication ---------------------------------------------------------

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    }
  }
  return out;
}

/** Where Mattermost looks for a token: Authorization (Bearer or Token, any case), the MMAUTHTOKEN cookie, ?access_token. */
function tokenOf(req: IncomingMessage, url: URL): { token: string; fromCookie: boolean } | undefined {
  const header = req.headers.authorization;
  const m = header && /^(bearer|token)\s+(\S+)/i.exec(header);
  if (m?.[2]) {
    return { token: m[2], fromCookie: false };
  }
  const cookie = parseCookies(req.headers.cookie).MMAUTHTOKEN;
  if (cookie) {
    return { token: cookie, fromCookie: true };
  }
  const query = url.searchParams.get('access_token');
  return query ? { token: query, fromCookie: false } : undefined;
}

function authenticate(s: StandinState, req: IncomingMessage, url: URL): { user: UserProfile; session: Session } {
  const found = tokenOf(req, url);
  const session = found && s.sessions.get(found.token);
  const user = session && s.users.get(session.user_id);
  if (!found || !session || !user || user.delete_at) {
    throw new ApiError(401, 'api.context.session_expired.app_error');
  }
  // Cookie-authenticated writes need the CSRF token, or (with strict enforcement off, the
  // default) the X-Requested-With header; a failed check is reported as an expired session.
  if (found.fromCookie && req.method !== 'GET') {
    const csrfOk = req.headers['x-csrf-token'] === session.csrf;
    const xhr = req.headers['x-requested-with'] === 'XMLHttpRequest';
    if (!csrfOk && !xhr) {
      throw new ApiError(401, 'api.context.session_expired.app_error');
    }
  }
  return { user, session };
}

// --- plumbing ---------------------------------------------------------------

async function readJson<T>(req: IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const c of req) {
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) {
    return {} as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(400, 'api.context.invalid_body_param.app_error', 'Invalid or missing body in request body.');
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer) {
  if (res.destroyed || res.headersSent) {
    return;
  }
  try {
    res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
    res.end(body);
  } catch {
    // The connection went away (e.g. stop() during a delay); nothing to tell.
  }
}
