// Channels, memberships and a channel's posts (api4/channel.go, api4/post.go getPostsForChannel).
import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { ServerChannel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';

import { ApiError, invalidBodyParam, invalidParam, notFound, permissionError } from '../errors.js';
import { isValidId, newId } from '../ids.js';
import {
  addChannel,
  canReadChannel,
  hasReadChannel,
  isSystemAdmin,
  makeMember,
  memberOf,
  postList,
  postsIn,
  userCanSee,
} from '../state.js';
import { wireChannel, wireMember, type StandinState } from '../state.js';
import { page, userParam } from './users.js';

export function channelRoutes(api: FastifyInstance, s: StandinState): void {
  const readableChannel = (req: FastifyRequest): ServerChannel => {
    const channel = s.channels.get((req.params as { channel_id: string }).channel_id);
    if (!channel) {
      throw notFound('app.channel.get.existing.app_error');
    }
    if (!canReadChannel(s, req.me, channel)) {
      throw permissionError();
    }
    return channel;
  };

  api.post('/channels/direct', async (req, reply) => {
    const body = req.body;
    if (!Array.isArray(body) || body.some((id) => typeof id !== 'string')) {
      throw invalidBodyParam('user_ids');
    }
    let ids = [...new Set(body as string[])];
    if (ids.length === 1 && ids[0] === req.me.id) {
      ids = [req.me.id, req.me.id];
    }
    if (ids.length !== 2) {
      throw invalidParam('user_ids');
    }
    if (ids.some((id) => !isValidId(id))) {
      throw invalidParam('user_id');
    }
    if (!ids.includes(req.me.id) && !isSystemAdmin(req.me)) {
      throw permissionError();
    }
    if (!userCanSee(s, req.me, ids[0] === req.me.id ? ids[1]! : ids[0]!)) {
      throw permissionError();
    }
    if (ids.some((id) => !s.users.has(id))) {
      throw new ApiError(400, 'api.channel.create_direct_channel.invalid_user.app_error');
    }
    const [a, b] = [...ids].sort() as [string, string];
    const name = `${a}__${b}`;
    let channel = [...s.channels.values()].find((c) => c.type === 'D' && c.name === name);
    if (!channel) {
      const now = Date.now();
      channel = addChannel(s, { id: newId(), team_id: '', type: 'D', name, display_name: '', creator_id: req.me.id, at: now });
      s.members.set(channel.id, new Map([a, b].map((u) => [u, makeMember(channel!.id, u, 'channel_user', now)])));
    }
    // api4 createDirectChannel answers 201 whether it created the channel or found it.
    return reply.code(201).send(wireChannel(channel));
  });

  api.get('/channels/:channel_id', async (req) => wireChannel(readableChannel(req)));

  // Permission before existence, as api4 getChannelMember does: without read_channel (i.e. not a
  // member, public channel or not) the answer is 403; a reader asking about a non-member gets 404.
  api.get('/channels/:channel_id/members/:user_id', async (req) => {
    const channelId = (req.params as { channel_id: string }).channel_id;
    if (!s.channels.has(channelId) || !hasReadChannel(s, req.me, channelId)) {
      throw permissionError();
    }
    const member = memberOf(s, channelId, userParam(req));
    if (!member) {
      throw notFound('app.channel.get_member.missing.app_error');
    }
    return wireMember(member, req.me.id);
  });

  api.get('/channels/:channel_id/posts', async (req) => {
    const channel = readableChannel(req);
    const query = req.query as { since?: string };
    const newestFirst = postsIn(s, channel.id).reverse();
    const rootsOf = (list: Post[]) => {
      const ids = new Set(list.map((p) => p.id));
      return [...new Set(list.filter((p) => p.root_id && !ids.has(p.root_id)).map((p) => p.root_id))]
        .map((id) => s.posts.get(id))
        .filter((p): p is Post => Boolean(p && !p.delete_at));
    };
    const since = Number(query.since ?? 0);
    if (since > 0) {
      // Deleted posts included, so a client can drop them from its cache.
      const list = newestFirst.filter((p) => p.update_at > since);
      return postList(s, list, rootsOf(list));
    }
    const live = newestFirst.filter((p) => !p.delete_at);
    const { page: p, perPage } = page(req);
    const [start, end] = [p * perPage, (p + 1) * perPage];
    const list = live.slice(start, end);
    return postList(s, list, rootsOf(list), { next: start > 0 ? live[start - 1]?.id : '', prev: live[end]?.id ?? '', hasNext: start > 0 });
  });
}
