import type { ChannelBookmark } from '@mattermost/types/channel_bookmarks';
import type { ChannelMembership, ServerChannel } from '@mattermost/types/channels';
import type { FileInfo } from '@mattermost/types/files';
import type { Post, PostList, PostMetadata, PostType } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';

import { StandinError } from './errors.js';
import { newId } from './ids.js';
import { pngSize } from './media.js';

/** ChannelMembership as the server sends it; the TS type lacks scheme_guest and explicit_roles. */
export type Member = ChannelMembership & { scheme_guest: boolean; explicit_roles: string };

export type TeamMember = Pick<Member, 'user_id' | 'roles' | 'scheme_guest' | 'scheme_user' | 'scheme_admin'> & {
  team_id: string;
  delete_at: number;
};
export type StoredFile = { info: FileInfo; bytes: Buffer };
export type Session = { token: string; user_id: string; csrf: string; create_at: number };

/** Everything the stand-in knows. Mutable on purpose: tests may edit it directly. */
export interface StandinState {
  users: Map<string, UserProfile>;
  teams: Map<string, Team>;
  /** team id → user id → membership */
  teamMembers: Map<string, Map<string, TeamMember>>;
  channels: Map<string, ServerChannel>;
  /** channel id → user id → membership */
  members: Map<string, Map<string, Member>>;
  posts: Map<string, Post>;
  files: Map<string, StoredFile>;
  /** token → session; fixture users' tokens behave like personal access tokens. */
  sessions: Map<string, Session>;
  /** Channel bookmarks by id, deleted ones kept (delete_at set), as the store keeps them. */
  bookmarks: Map<string, ChannelBookmark>;
}

const STATE_KEYS = ['users', 'teams', 'teamMembers', 'channels', 'members', 'posts', 'files', 'sessions', 'bookmarks'] as const;

export const emptyState = () => Object.fromEntries(STATE_KEYS.map((k) => [k, new Map()])) as unknown as StandinState;

// ---------------------------------------------------------------------------
// Roles and permissions, reduced from Mattermost's default role definitions
// (model/role.go MakeDefaultRoles) and app/authorization.go.

export function hasRole(roles: string, role: string): boolean {
  return roles.split(/\s+/).includes(role);
}

export const isSystemAdmin = (u: UserProfile) => hasRole(u.roles, 'system_admin');
export const isGuest = (u: UserProfile) => hasRole(u.roles, 'system_guest');

export function memberOf(s: StandinState, channelId: string, userId: string): Member | undefined {
  return s.members.get(channelId)?.get(userId);
}

export function teamMemberOf(s: StandinState, teamId: string, userId: string): TeamMember | undefined {
  const m = s.teamMembers.get(teamId)?.get(userId);
  return m && m.delete_at === 0 ? m : undefined;
}

/**
 * The `read_channel` permission. Only channel roles grant it (channel_user,
 * channel_guest), team_user does not, so a team member who is not in a public
 * channel lacks it too. Used by GET /channels/:id/members/:uid and
 * GET /users?in_channel.
 */
export function hasReadChannel(s: StandinState, user: UserProfile, channelId: string): boolean {
  return isSystemAdmin(user) || Boolean(memberOf(s, channelId, user.id));
}

/**
 * App.HasPermissionToReadChannel: members, plus team members holding
 * read_public_channel (team_user, not team_guest) for open channels.
 * Used for posts, files, and GET /channels/:id.
 */
export function canReadChannel(s: StandinState, user: UserProfile, channel: ServerChannel): boolean {
  if (hasReadChannel(s, user, channel.id)) {
    return true;
  }
  if (channel.type !== 'O' || !channel.team_id) {
    return false;
  }
  const tm = teamMemberOf(s, channel.team_id, user.id);
  return Boolean(tm && hasRole(tm.roles, 'team_user'));
}

/** App.UserCanSeeOtherUser: system_user holds view_members; guests see only people they share a channel with. */
export function userCanSee(s: StandinState, viewer: UserProfile, targetId: string): boolean {
  if (viewer.id === targetId || !isGuest(viewer)) {
    return true;
  }
  for (const members of s.members.values()) {
    if (members.has(viewer.id) && members.has(targetId)) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Wire shapes: what Mattermost's JSON encoders actually emit.

type PrivateUserFields =
  | 'password'
  | 'auth_data'
  | 'notify_props'
  | 'last_password_update'
  | 'failed_attempts'
  | 'terms_of_service_id'
  | 'terms_of_service_create_at';
export type WireUser = Omit<UserProfile, PrivateUserFields> & Partial<Pick<UserProfile, 'notify_props' | 'last_password_update'>>;

/** Password and auth data never leave; other people's settings are cleared (User.Sanitize / ClearNonProfileFields). */
export function wireUser(u: UserProfile, viewer: UserProfile): WireUser {
  const {
    password: _p,
    auth_data: _a,
    failed_attempts: _f,
    terms_of_service_id: _t,
    terms_of_service_create_at: _tc,
    notify_props,
    last_password_update,
    ...rest
  } = u;
  if (viewer.id === u.id) {
    return { ...rest, notify_props, last_password_update };
  }
  return rest;
}

/** Go's *string / *bool fields encode as null when unset. */
export function wireChannel(c: ServerChannel): ServerChannel {
  return {
    ...c,
    scheme_id: (c.scheme_id || null) as unknown as string,
    group_constrained: (c.group_constrained || null) as unknown as boolean,
    props: c.props ?? (null as unknown as undefined),
    shared: c.shared ?? (null as unknown as undefined),
    policy_id: c.policy_id ?? null,
  };
}

/** ChannelMember.SanitizeForCurrentUser: someone else's read marks are omitted. */
export function wireMember(m: Member, viewerId: string): Member {
  if (m.user_id === viewerId) {
    return { ...m };
  }
  const { last_viewed_at: _v, last_update_at: _u, ...rest } = m;
  return rest as Member;
}

export function wireTeam(t: Team, viewer: UserProfile): Team {
  return isSystemAdmin(viewer) ? { ...t } : { ...t, email: '', invite_id: '' };
}

export function wireFile(f: FileInfo): FileInfo {
  const { clientId: _c, ...rest } = f;
  return { ...rest, remote_id: '' } as unknown as FileInfo;
}

/**
 * App.PreparePostForClient: files go into metadata, empty file_ids are
 * omitted, and interactive buttons lose their `integration` (url + context),
 * which only the server may see.
 */
export function wirePost(s: StandinState, p: Post): Post {
  const post = structuredClone(p) as Post & { participants?: unknown };
  const attachments = (post.props as { attachments?: unknown }).attachments;
  if (Array.isArray(attachments)) {
    for (const a of attachments) {
      const actions = (a as { actions?: unknown }).actions;
      if (Array.isArray(actions)) {
        for (const action of actions) {
          delete (action as { integration?: unknown }).integration;
        }
      }
    }
  }
  const metadata: Partial<PostMetadata> = {};
  const files = (post.file_ids ?? []).map((id) => s.files.get(id)?.info).filter((f): f is FileInfo => Boolean(f && f.delete_at === 0));
  if (files.length) {
    metadata.files = files.map(wireFile);
  }
  post.metadata = metadata as PostMetadata;
  if (!post.file_ids?.length) {
    delete post.file_ids;
  }
  if (!post.last_reply_at) {
    delete post.last_reply_at;
  }
  post.participants = null;
  return post;
}

/** PostList with `order` newest first, as model.PostList.SortByCreateAt leaves it. */
export function postList(
  s: StandinState,
  ordered: Post[],
  extra: Post[] = [],
  cursors: { next?: string; prev?: string; hasNext?: boolean } = {},
): PostList & { has_next: boolean } {
  const posts: Record<string, Post> = {};
  for (const p of [...ordered, ...extra]) {
    posts[p.id] = wirePost(s, p);
  }
  return {
    order: ordered.map((p) => p.id),
    posts,
    next_post_id: cursors.next ?? '',
    prev_post_id: cursors.prev ?? '',
    has_next: cursors.hasNext ?? false,
    first_inaccessible_post_time: 0,
  };
}

// ---------------------------------------------------------------------------
// Mutations shared by the seed, the API and the test controls.

/** A channel as App.CreateChannel stores it, added to the state. */
export function addChannel(
  s: StandinState,
  c: Pick<ServerChannel, 'id' | 'team_id' | 'type' | 'name' | 'display_name' | 'creator_id'> & { purpose?: string; at: number },
): ServerChannel {
  const { at, purpose, ...named } = c;
  const channel: ServerChannel = {
    ...named,
    create_at: at,
    update_at: at,
    delete_at: 0,
    header: '',
    purpose: purpose ?? '',
    last_post_at: at,
    last_root_post_at: at,
    scheme_id: '',
    group_constrained: false,
    total_msg_count: 0,
    total_msg_count_root: 0,
  };
  s.channels.set(channel.id, channel);
  return channel;
}

export function channelRoles(user: UserProfile, admin = false): string {
  if (isGuest(user)) {
    return 'channel_guest';
  }
  return admin ? 'channel_user channel_admin' : 'channel_user';
}

export function makeMember(channelId: string, userId: string, roles: string, at: number): Member {
  return {
    channel_id: channelId,
    user_id: userId,
    roles,
    last_viewed_at: at,
    msg_count: 0,
    msg_count_root: 0,
    mention_count: 0,
    mention_count_root: 0,
    urgent_mention_count: 0,
    notify_props: {
      desktop: 'default',
      email: 'default',
      ignore_channel_mentions: 'default',
      mark_unread: 'all',
      push: 'default',
      channel_auto_follow_threads: 'off',
    },
    last_update_at: at,
    scheme_guest: hasRole(roles, 'channel_guest'),
    scheme_user: hasRole(roles, 'channel_user'),
    scheme_admin: hasRole(roles, 'channel_admin'),
    explicit_roles: '',
    autotranslation_disabled: false,
  };
}

export function addMember(s: StandinState, channelId: string, userId: string, roles?: string, at = Date.now()): Member {
  const channel = s.channels.get(channelId);
  const user = s.users.get(userId);
  if (!channel) {
    throw new StandinError(404, `unknown channel ${channelId}`);
  }
  if (!user) {
    throw new StandinError(404, `unknown user ${userId}`);
  }
  let members = s.members.get(channelId);
  if (!members) {
    members = new Map();
    s.members.set(channelId, members);
  }
  const member = makeMember(channelId, userId, roles ?? channelRoles(user), at);
  members.set(userId, member);
  return member;
}

export function removeMember(s: StandinState, channelId: string, userId: string): void {
  if (!s.channels.has(channelId)) {
    throw new StandinError(404, `unknown channel ${channelId}`);
  }
  s.members.get(channelId)?.delete(userId);
}

const EXTENSION_MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  zip: 'application/zip',
};

export interface NewFile {
  user_id: string;
  channel_id: string;
  name: string;
  mime_type?: string;
  bytes: Buffer;
  id?: string;
  create_at?: number;
}

/** A FileInfo not yet attached to a post, as POST /files leaves it. */
export function addFile(s: StandinState, f: NewFile): FileInfo {
  if (!s.users.has(f.user_id)) {
    throw new StandinError(404, `unknown user ${f.user_id}`);
  }
  if (!s.channels.has(f.channel_id)) {
    throw new StandinError(404, `unknown channel ${f.channel_id}`);
  }
  const at = f.create_at ?? Date.now();
  const dot = f.name.lastIndexOf('.');
  const extension = dot >= 0 ? f.name.slice(dot + 1).toLowerCase() : '';
  const mime = f.mime_type || EXTENSION_MIME[extension] || 'application/octet-stream';
  const size = pngSize(f.bytes);
  const info: FileInfo = {
    id: f.id ?? newId(),
    user_id: f.user_id,
    channel_id: f.channel_id,
    post_id: '',
    create_at: at,
    update_at: at,
    delete_at: 0,
    name: f.name,
    extension,
    size: f.bytes.length,
    mime_type: mime,
    width: size?.width ?? 0,
    height: size?.height ?? 0,
    has_preview_image: mime.startsWith('image/'),
    clientId: '',
    archived: false,
  };
  s.files.set(info.id, { info, bytes: Buffer.from(f.bytes) });
  return info;
}

export interface NewPost {
  user_id: string;
  channel_id: string;
  message: string;
  file_ids?: string[];
  root_id?: string;
  type?: string;
  props?: Record<string, unknown>;
  pending_post_id?: string;
  id?: string;
  create_at?: number;
}

const UNCOUNTED_TYPES = new Set([
  'system_join_channel',
  'system_leave_channel',
  'system_join_leave',
  'system_add_to_channel',
  'system_remove_from_channel',
]);

/**
 * Stores a post the way App.CreatePost does: attaches only the author's own
 * unattached files from the same channel, marks bot posts, bumps the thread
 * and the channel counters. Validation of who may post lives in the API layer.
 */
export function insertPost(s: StandinState, p: NewPost): Post {
  const channel = s.channels.get(p.channel_id);
  const user = s.users.get(p.user_id);
  if (!channel) {
    throw new StandinError(404, `unknown channel ${p.channel_id}`);
  }
  if (!user) {
    throw new StandinError(404, `unknown user ${p.user_id}`);
  }
  let root: Post | undefined;
  if (p.root_id) {
    root = s.posts.get(p.root_id);
    if (!root || root.channel_id !== p.channel_id || root.root_id || root.delete_at) {
      throw new StandinError(400, 'Invalid RootId parameter.', 'api.post.create_post.root_id.app_error');
    }
  }
  // Never earlier than the newest post in the channel, so ordering by create_at stays stable.
  let at = p.create_at ?? Date.now();
  if (p.create_at === undefined && at <= channel.last_post_at) {
    at = channel.last_post_at + 1;
  }
  const fileIds = (p.file_ids ?? [])
    .filter((id) => {
      const f = s.files.get(id)?.info;
      return f && f.user_id === p.user_id && f.channel_id === p.channel_id && !f.post_id && f.delete_at === 0;
    })
    .slice(0, 10);
  const props: Record<string, unknown> = { ...(p.props ?? {}) };
  if (user.is_bot) {
    props.from_bot = 'true';
  }
  const post: Post = {
    id: p.id ?? newId(),
    create_at: at,
    update_at: at,
    edit_at: 0,
    delete_at: 0,
    is_pinned: false,
    user_id: p.user_id,
    channel_id: p.channel_id,
    root_id: root?.id ?? '',
    original_id: '',
    message: p.message,
    type: (p.type ?? '') as PostType,
    props,
    hashtags: '',
    pending_post_id: p.pending_post_id ?? '',
    reply_count: root ? root.reply_count + 1 : 0,
    file_ids: fileIds,
    metadata: {} as PostMetadata,
  };
  for (const id of fileIds) {
    const info = s.files.get(id)?.info;
    if (info) {
      info.post_id = post.id;
      info.update_at = at;
    }
  }
  if (root) {
    // Every post of a thread carries the thread's reply count, as Mattermost returns it.
    for (const q of s.posts.values()) {
      if (q.id === root.id || q.root_id === root.id) {
        q.reply_count = post.reply_count;
        q.last_reply_at = at;
      }
    }
    post.last_reply_at = at;
  }
  s.posts.set(post.id, post);
  channel.last_post_at = Math.max(channel.last_post_at, at);
  if (!root) {
    channel.last_root_post_at = Math.max(channel.last_root_post_at, at);
  }
  if (!UNCOUNTED_TYPES.has(post.type)) {
    channel.total_msg_count += 1;
    if (!root) {
      channel.total_msg_count_root += 1;
    }
  }
  return post;
}

/** All posts of a channel, oldest first, deleted ones included. */
export function postsIn(s: StandinState, channelId: string): Post[] {
  return [...s.posts.values()].filter((p) => p.channel_id === channelId).sort((a, b) => a.create_at - b.create_at);
}
