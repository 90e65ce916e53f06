import mmClient from '@mattermost/client';
import type { ChannelBookmark } from '@mattermost/types/channel_bookmarks';
import type { Post } from '@mattermost/types/posts';
import type { UserProfile } from '@mattermost/types/users';
import type { MattermostObserver, Membership, PluginManifest } from './gateway.js';
import { TimedClient4, checkedMembership } from './gateway.js';
import { checked, checkedList } from './answers.js';
import { TtlCache } from './cache.js';

const { ClientError } = mmClient;

export interface NamedChannel {
  id: string;
  name: string;
  display_name: string;
  /** Empty for direct and group channels. */
  team_id?: string;
}

export interface BotPost {
  channel_id: string;
  root_id?: string;
  message: string;
  type?: string;
  props?: Record<string, unknown>;
  pending_post_id?: string;
}

/**
 * The service's own Mattermost identity: it posts cards and DMs, and answers for users who arrive
 * through a slash command or a button (they bring no token of their own).
 */
export class BotClient {
  private readonly client: TimedClient4;
  private readonly users = new TtlCache<UserProfile | null>(60_000);
  private readonly channels = new TtlCache<NamedChannel | null>(60_000);
  /** A team's name changes rarely (an admin renames it): kept ten minutes. */
  private readonly teams = new TtlCache<string | null>(600_000);
  private readonly members: TtlCache<Membership | null>;
  private self: Promise<UserProfile> | null = null;

  constructor(url: string, token: string, timeoutMs: number, cacheMs: number, observe?: MattermostObserver) {
    this.client = new TimedClient4(timeoutMs, observe);
    this.client.setUrl(url);
    this.client.setToken(token);
    this.members = new TtlCache(cacheMs);
  }

  me(): Promise<UserProfile> {
    this.self ??= this.client
      .getMe()
      .then((a) => checked<UserProfile>("the bot's own user", 'user', a))
      .catch((err) => {
        this.self = null;
        throw err;
      });
    return this.self;
  }

  /** The active plugins that have a webapp part (GET /plugins/webapp), as any user may list them. */
  async webappPlugins(): Promise<PluginManifest[]> {
    return checkedList<PluginManifest>('the list of active plugins', 'plugin', await this.client.getWebappPlugins());
  }

  async createPost(p: BotPost): Promise<Post> {
    return checked<Post>('the post made', 'object', await this.client.createPost(p as Post));
  }

  /** Changes the bot's own post (PUT /posts/{id}/patch): the fields given replace the post's, props as a whole. */
  async patchPost(postId: string, patch: { message: string; props: Record<string, unknown> }): Promise<Post> {
    const a = await this.client.patchPost({ id: postId, ...patch } as Partial<Post> & { id: string });
    return checked<Post>('the post changed', 'object', a, (changed) => changed.id === postId);
  }

  /** A channel's bookmarks that are not deleted (GET /channels/{id}/bookmarks, Mattermost 9.5+). */
  async bookmarks(channelId: string): Promise<ChannelBookmark[]> {
    const a = await this.client.getChannelBookmarks(channelId);
    return checkedList<ChannelBookmark>("the channel's bookmarks", 'bookmark', a, (b) => b.channel_id === channelId);
  }

  /** A link bookmark, owned by the bot (POST /channels/{id}/bookmarks; `add_bookmark_*_channel`, which channel_user holds). */
  async addLinkBookmark(channelId: string, b: { display_name: string; link_url: string; emoji?: string }): Promise<ChannelBookmark> {
    const a = await this.client.createChannelBookmark(channelId, { ...b, type: 'link' }, '');
    return checked<ChannelBookmark>('the bookmark made', 'bookmark', a, (made) => made.channel_id === channelId);
  }

  /** Deletes a bookmark; one already gone is no error. */
  async deleteBookmark(channelId: string, bookmarkId: string): Promise<void> {
    try {
      await this.client.deleteChannelBookmark(channelId, bookmarkId, '');
    } catch (err) {
      if (err instanceof ClientError && err.status_code === 404 && err.server_error_id === 'app.channel.bookmark.get.app_error') return;
      throw err;
    }
  }

  /** A post as the bot sees it (the bot must be in its channel), or null. */
  post(postId: string): Promise<Post | null> {
    return orNull(this.client.getPost(postId), (a) => checked<Post>('the message asked for', 'post', a, (p) => p.id === postId));
  }

  /** A channel as the bot sees it (it must be able to read it), or null; names change rarely, so answers are kept a minute. */
  channel(channelId: string): Promise<NamedChannel | null> {
    return this.channels.get(channelId, () =>
      orNull(this.client.getChannel(channelId), (a) =>
        checked<NamedChannel>('the channel asked for', 'channel', a, (c) => c.id === channelId),
      ),
    );
  }

  /**
   * The name of the team a channel belongs to, as its addresses spell it (`<site>/<team>/…`), or null
   * when the bot cannot read the channel or its team, or the channel has none (a direct message).
   */
  async teamNameOf(channelId: string): Promise<string | null> {
    const teamId = (await this.channel(channelId))?.team_id;
    if (!teamId) return null;
    return this.teams.get(teamId, () =>
      orNull(
        this.client.getTeam(teamId),
        (a) => checked<{ id: string; name: string }>('the team asked for', 'team', a, (t) => t.id === teamId).name,
      ),
    );
  }

  /** Several channels by id, a few questions at a time; a channel the bot cannot read is missing from the map. */
  async channelsById(channelIds: Iterable<string>): Promise<Map<string, NamedChannel>> {
    const ids = [...new Set(channelIds)];
    const out = new Map<string, NamedChannel>();
    for (let i = 0; i < ids.length; i += 16) {
      const found = await Promise.all(ids.slice(i, i + 16).map((id) => this.channel(id)));
      for (const c of found) if (c) out.set(c.id, c);
    }
    return out;
  }

  async directChannelWith(userId: string): Promise<string> {
    const bot = await this.me();
    const channel = checked<{ id: string }>('a direct channel', 'object', await this.client.createDirectChannel([bot.id, userId]));
    return channel.id;
  }

  user(userId: string): Promise<UserProfile | null> {
    return this.users.get(userId, () =>
      orNull(this.client.getUser(userId), (a) => checked<UserProfile>('the user asked for', 'user', a, (u) => u.id === userId)),
    );
  }

  /**
   * Several users in one request (POST /users/ids) for those not cached; the rest come from the
   * cache. Someone Mattermost does not return is missing from the map.
   */
  async usersById(userIds: Iterable<string>): Promise<Map<string, UserProfile>> {
    const missing: string[] = [];
    let batch: Promise<Map<string, UserProfile>> | null = null;
    // The cache calls a loader for each miss, synchronously: they are collected first, then asked for together.
    const load = (id: string) => {
      missing.push(id);
      batch ??= Promise.resolve().then(async () => {
        const asked = new Set(missing);
        const answer = await this.client.getProfilesByIds(missing);
        const found = checkedList<UserProfile>('the users asked for', 'user', answer, (u) => asked.has(u.id));
        return new Map(found.map((u) => [u.id, u]));
      });
      return batch.then((found) => found.get(id) ?? null);
    };
    const ids = [...new Set(userIds)];
    const answers = await Promise.all(ids.map((id) => this.users.get(id, () => load(id))));
    return new Map(answers.flatMap((u) => (u ? [[u.id, u] as const] : [])));
  }

  /** A user's membership of a channel, as the bot sees it (the bot must be in the channel). */
  membership(channelId: string, userId: string): Promise<Membership | null> {
    return this.members.get(`${channelId}:${userId}`, () =>
      orNull(this.client.getChannelMember(channelId, userId), (a) => checkedMembership(a, channelId, userId)),
    );
  }
}

/** The checked answer, or null for Mattermost's 403/404. */
async function orNull<T>(p: Promise<unknown>, check: (answer: unknown) => T): Promise<T | null> {
  let answer: unknown;
  try {
    answer = await p;
  } catch (err) {
    if (err instanceof ClientError && (err.status_code === 403 || err.status_code === 404)) return null;
    throw err;
  }
  return check(answer);
}
