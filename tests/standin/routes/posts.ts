// Posts: create (with pending_post_id dedup), read, thread, files, edits, and interactive button
// clicks relayed to their integration (api4/post.go, app/post.go, app/integration_action.go).
import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { Post } from '@mattermost/types/posts';

import { ApiError, invalidBodyParam, invalidParam, notFound, permissionError } from '../errors.js';
import { newId } from '../ids.js';
import { canReadChannel, insertPost, isSystemAdmin, memberOf, postList, wireFile, wirePost, type StandinState } from '../state.js';

type Edit = { id?: string; message?: string; props?: Record<string, unknown>; is_pinned?: boolean };
type Action = { id?: string; type?: string; data_source?: string; integration?: { url?: string; context?: Record<string, unknown> } };
type Answer = { update?: { message?: string; props?: Record<string, unknown> | null } | null; ephemeral_text?: string };

const postId = (req: FastifyRequest) => (req.params as { post_id: string }).post_id;

function applyEdit(post: Post, patch: Edit): Post {
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
}

export function postRoutes(api: FastifyInstance, s: StandinState): void {
  /** GetSinglePost + read check, as getPost does: missing → 404, unreadable → 403. */
  const readablePost = (req: FastifyRequest): Post => {
    const post = s.posts.get(postId(req));
    const channel = post && s.channels.get(post.channel_id);
    if (!post || post.delete_at) {
      throw notFound('app.post.get.app_error');
    }
    if (!channel) {
      throw notFound('app.channel.get.existing.app_error');
    }
    if (!canReadChannel(s, req.me, channel)) {
      throw permissionError();
    }
    return post;
  };
  /** updatePost/patchPost: a post you cannot find is reported as a permission error. */
  const editablePost = (req: FastifyRequest): Post => {
    const post = s.posts.get(postId(req));
    if (!post || post.delete_at) {
      throw permissionError();
    }
    if (!isSystemAdmin(req.me) && !(post.user_id === req.me.id && memberOf(s, post.channel_id, req.me.id))) {
      throw permissionError();
    }
    return post;
  };
  // Like Mattermost's seenPendingPostIdsCache: a retried create with the same pending_post_id
  // within 30 s answers with the post already made instead of making a second one.
  const seenPendingPostIds = new Map<string, { postId: string; at: number }>();

  api.post('/posts', async (req, reply) => {
    const body = req.body as Partial<Post> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw invalidBodyParam('post');
    }
    const channelId = body.channel_id ?? '';
    // SessionHasPermissionToChannel(create_post) is false for unknown channels too: 403, not 404.
    if (!s.channels.has(channelId) || (!memberOf(s, channelId, req.me.id) && !isSystemAdmin(req.me))) {
      throw permissionError();
    }
    if (body.type?.startsWith('system_')) {
      throw invalidParam('post.type');
    }
    const pendingKey = body.pending_post_id ? `${req.me.id}:${body.pending_post_id}` : '';
    const seen = pendingKey ? seenPendingPostIds.get(pendingKey) : undefined;
    const earlier = seen && Date.now() - seen.at < 30_000 ? s.posts.get(seen.postId) : undefined;
    const post =
      earlier ??
      insertPost(s, {
        user_id: req.me.id,
        channel_id: channelId,
        message: body.message ?? '',
        root_id: body.root_id || undefined,
        type: body.type,
        props: body.props,
        file_ids: body.file_ids,
        pending_post_id: body.pending_post_id,
      });
    if (pendingKey && !earlier) {
      seenPendingPostIds.set(pendingKey, { postId: post.id, at: Date.now() });
    }
    return reply.code(201).send(wirePost(s, post));
  });

  api.get('/posts/:post_id', async (req) => wirePost(s, readablePost(req)));

  api.get('/posts/:post_id/thread', async (req) => {
    const post = readablePost(req);
    const rootId = post.root_id || post.id;
    const thread = [...s.posts.values()]
      .filter((p) => (p.id === rootId || p.root_id === rootId) && !p.delete_at)
      .sort((a, b) => b.create_at - a.create_at);
    return postList(s, thread);
  });

  // SessionHasPermissionToReadPost: an unknown post has no channel to read, so it is a 403.
  api.get('/posts/:post_id/files/info', async (req) => {
    const post = s.posts.get(postId(req));
    const channel = post && s.channels.get(post.channel_id);
    if (!post || !channel) {
      if (!isSystemAdmin(req.me)) {
        throw permissionError();
      }
      return [];
    }
    if (!canReadChannel(s, req.me, channel)) {
      throw permissionError();
    }
    return [...s.files.values()]
      .map((f) => f.info)
      .filter((f) => f.post_id === post.id && f.delete_at === 0)
      .sort((a, b) => a.create_at - b.create_at)
      .map(wireFile);
  });

  api.put('/posts/:post_id', async (req) => {
    const body = req.body as Edit | null;
    if (!body || body.id !== postId(req)) {
      throw invalidParam('id');
    }
    return wirePost(s, applyEdit(editablePost(req), body));
  });
  api.put('/posts/:post_id/patch', async (req) => wirePost(s, applyEdit(editablePost(req), (req.body as Edit | null) ?? {})));

  // api4 doPostActionWithCookie + App.DoPostActionWithCookie: a click on an interactive button is
  // relayed to the action's integration.url with what Mattermost vouches for; a 200 answer may
  // replace the post (`update`) and tell the clicker something (`ephemeral_text`).
  api.post('/posts/:post_id/actions/:action_id', async (req) => {
    const actionId = (req.params as { action_id: string }).action_id;
    const body = req.body as { selected_option?: unknown };
    const stored = s.posts.get(postId(req));
    const channel = stored && s.channels.get(stored.channel_id);
    // SessionHasPermissionToChannelByPost(read_channel_content): no post, no permission.
    if (!stored || !channel || !canReadChannel(s, req.me, channel)) {
      throw permissionError();
    }
    if (stored.delete_at) {
      throw notFound('app.post.get.app_error');
    }
    const attachments = (stored.props as { attachments?: Array<{ actions?: Action[] }> }).attachments;
    const action = Array.isArray(attachments)
      ? attachments.flatMap((a) => (Array.isArray(a?.actions) ? a.actions : [])).find((a) => a?.id === actionId)
      : undefined;
    if (!action?.integration?.url) {
      throw notFound('api.post.do_action.action_id.app_error');
    }
    const context: Record<string, unknown> = { ...(action.integration.context ?? {}) };
    if (action.type === 'select' && typeof body.selected_option === 'string' && body.selected_option) {
      context.selected_option = body.selected_option;
    }
    const triggerId = newId();
    let answer: Answer;
    try {
      const res = await fetch(action.integration.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          user_id: req.me.id,
          user_name: req.me.username,
          channel_id: channel.id,
          channel_name: channel.name,
          team_id: channel.team_id,
          team_name: s.teams.get(channel.team_id)?.name ?? '',
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
      throw new ApiError(400, 'api.post.do_action.action_integration.app_error', `Action integration error. ${(e as Error).message ?? e}`);
    }
    if (answer.update && typeof answer.update === 'object') {
      const kept = ['from_webhook', 'override_username', 'override_icon_url', 'from_bot'].filter((k) => k in stored.props);
      applyEdit(stored, {
        message: typeof answer.update.message === 'string' ? answer.update.message : stored.message,
        props: answer.update.props ? { ...answer.update.props, ...Object.fromEntries(kept.map((k) => [k, stored.props[k]])) } : undefined,
      });
    }
    // Mattermost sends the ephemeral text over the WebSocket as a post only the clicker sees;
    // the stand-in has none, so it rides along in the answer for the host to show.
    const ephemeral = typeof answer.ephemeral_text === 'string' && answer.ephemeral_text ? { ephemeral_text: answer.ephemeral_text } : {};
    return { status: 'OK', trigger_id: triggerId, ...ephemeral };
  });
}
