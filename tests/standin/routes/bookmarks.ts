// Channel bookmarks, Mattermost 9.5+ (api4/channel_bookmark.go, app/channel_bookmark.go,
// sqlstore/channel_bookmark_store.go, model/channel_bookmark.go). Before 9.5 the routes do not
// exist (the router's 404); an unlicensed server answers 501.
import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { ChannelBookmark } from '@mattermost/types/channel_bookmarks';
import type { ServerChannel } from '@mattermost/types/channels';

import type { Controls } from '../app.js';
import { ApiError, invalidParam, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { canReadChannel, hasRole, isGuest, isSystemAdmin, memberOf, type StandinState } from '../state.js';

/** model.MaxBookmarksPerChannel */
export const MAX_BOOKMARKS_PER_CHANNEL = 50;

type Params = { channel_id: string; bookmark_id?: string };
type Op = 'create' | 'update' | 'delete';
type Body = Partial<Pick<ChannelBookmark, 'display_name' | 'link_url' | 'image_url' | 'emoji' | 'file_id' | 'type' | 'sort_order'>>;

export const bookmarksSupported = (version: string): boolean => {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 9 || (major === 9 && minor >= 5);
};

/** model.IsValidHTTPURL: an absolute http(s) URL. */
const validHttpUrl = (u: string | undefined): boolean => {
  try {
    return Boolean(u) && /^https?:$/.test(new URL(u!).protocol);
  } catch {
    return false;
  }
};

/** ChannelBookmark as encoded: link_url, image_url, emoji, original_id, parent_id are omitempty. */
export function wireBookmark(b: ChannelBookmark): ChannelBookmark {
  const out: Record<string, unknown> = { ...b };
  for (const k of ['link_url', 'image_url', 'emoji', 'original_id', 'parent_id']) {
    if (!out[k]) {
      delete out[k];
    }
  }
  return out as ChannelBookmark;
}

/** The store's IsValid and limit checks fail inside App.CreateChannelBookmark, which answers 500. */
const saveError = () => new ApiError(500, 'app.channel.bookmark.save.app_error', 'Unable to save the channel bookmark.');

export function bookmarkRoutes(api: FastifyInstance, ctl: Controls): void {
  const s: StandinState = ctl.state;
  const live = (channelId: string) =>
    [...s.bookmarks.values()].filter((b) => b.channel_id === channelId && b.delete_at === 0).sort((a, b) => a.sort_order - b.sort_order);

  /** The version gate, the license, then the channel (404) as every handler starts. */
  const channelOf = (req: FastifyRequest): ServerChannel => {
    if (!bookmarksSupported(ctl.version)) {
      throw notFound('api.context.404.app_error');
    }
    if (!ctl.licensed) {
      throw new ApiError(501, 'api.channel.bookmark.channel_bookmark.license.error', 'Channel bookmarks need a license.');
    }
    const channel = s.channels.get((req.params as Params).channel_id);
    if (!channel) {
      throw notFound('app.channel.get.existing.app_error');
    }
    return channel;
  };

  /** add/edit/delete_bookmark_{public,private}_channel: channel_user and channel_admin hold them, channel_guest does not. */
  const mayManage = (req: FastifyRequest, channel: ServerChannel, op: Op): void => {
    if (channel.delete_at !== 0) {
      throw new ApiError(403, `api.channel.bookmark.${op}_channel_bookmark.deleted_channel.forbidden.app_error`);
    }
    const member = memberOf(s, channel.id, req.me.id);
    if (channel.type === 'D' || channel.type === 'G') {
      if (!member || isGuest(req.me)) {
        throw new ApiError(403, `api.channel.bookmark.${op}_channel_bookmark.direct_or_group_channels.forbidden.app_error`);
      }
      return;
    }
    if (isSystemAdmin(req.me)) {
      return;
    }
    if (!member || !(hasRole(member.roles, 'channel_user') || hasRole(member.roles, 'channel_admin'))) {
      throw new ApiError(403, 'api.context.permissions.app_error');
    }
  };

  const existing = (req: FastifyRequest, channel: ServerChannel): ChannelBookmark => {
    const b = s.bookmarks.get((req.params as Params).bookmark_id ?? '');
    if (!b || b.delete_at !== 0) {
      throw notFound('app.channel.bookmark.get.app_error');
    }
    if (b.channel_id !== channel.id) {
      throw invalidParam('channel_id');
    }
    return b;
  };

  const valid = (b: ChannelBookmark): boolean =>
    Boolean(b.display_name) &&
    (b.type === 'link' || b.type === 'file') &&
    (b.type !== 'link' || validHttpUrl(b.link_url)) &&
    (!b.image_url || validHttpUrl(b.image_url)) &&
    (b.type !== 'file' || /^[a-z0-9]{26}$/.test(b.file_id ?? ''));

  api.get('/channels/:channel_id/bookmarks', async (req) => {
    const channel = channelOf(req);
    if (!canReadChannel(s, req.me, channel)) {
      throw new ApiError(403, 'api.context.permissions.app_error');
    }
    const since = Number((req.query as { bookmarks_since?: string }).bookmarks_since ?? 0);
    const list =
      since > 0
        ? [...s.bookmarks.values()]
            .filter((b) => b.channel_id === channel.id && (b.update_at >= since || b.delete_at >= since))
            .sort((a, b) => a.sort_order - b.sort_order || a.delete_at - b.delete_at)
        : live(channel.id);
    return list.slice(0, MAX_BOOKMARKS_PER_CHANNEL * 2).map(wireBookmark);
  });

  api.post('/channels/:channel_id/bookmarks', async (req, reply) => {
    const channel = channelOf(req);
    const body = req.body as Body | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw invalidParam('channelBookmark');
    }
    mayManage(req, channel, 'create');
    const now = Date.now();
    const current = live(channel.id);
    const bookmark: ChannelBookmark = {
      id: newId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      channel_id: channel.id,
      owner_id: req.me.id,
      file_id: typeof body.file_id === 'string' ? body.file_id : '',
      display_name: typeof body.display_name === 'string' ? body.display_name : '',
      sort_order: current.length ? Math.max(...current.map((b) => b.sort_order)) + 1 : 0,
      link_url: typeof body.link_url === 'string' ? body.link_url : '',
      image_url: typeof body.image_url === 'string' ? body.image_url : '',
      emoji: typeof body.emoji === 'string' ? body.emoji : '',
      type: body.type as ChannelBookmark['type'],
    };
    if (!valid(bookmark) || current.length >= MAX_BOOKMARKS_PER_CHANNEL) {
      throw saveError();
    }
    s.bookmarks.set(bookmark.id, bookmark);
    return reply.code(201).send(wireBookmark(bookmark));
  });

  api.patch('/channels/:channel_id/bookmarks/:bookmark_id', async (req) => {
    const channel = channelOf(req);
    const patch = req.body as Body | null;
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
      throw invalidParam('channelBookmarkPatch');
    }
    mayManage(req, channel, 'update');
    const original = existing(req, channel);
    const fields = ['file_id', 'display_name', 'sort_order', 'link_url', 'image_url', 'emoji'] as const;
    const patched = {
      ...original,
      ...Object.fromEntries(fields.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]])),
    } as ChannelBookmark;
    if (!valid(patched)) {
      throw new ApiError(500, 'app.channel.bookmark.update.app_error', 'Unable to update the channel bookmark.');
    }
    const now = Date.now();
    if (original.owner_id === req.me.id) {
      s.bookmarks.set(original.id, { ...patched, update_at: now });
      return { updated: wireBookmark(s.bookmarks.get(original.id)!) };
    }
    // Someone else's bookmark is replaced by a copy of one's own that remembers the original.
    original.delete_at = now;
    original.update_at = now;
    const copy: ChannelBookmark = {
      ...patched,
      id: newId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      original_id: original.id,
      owner_id: req.me.id,
    };
    s.bookmarks.set(copy.id, copy);
    return { updated: wireBookmark(copy), deleted: wireBookmark(original) };
  });

  api.delete('/channels/:channel_id/bookmarks/:bookmark_id', async (req) => {
    const channel = channelOf(req);
    mayManage(req, channel, 'delete');
    const b = existing(req, channel);
    const now = Date.now();
    b.delete_at = now;
    b.update_at = now;
    return wireBookmark(b);
  });
}
