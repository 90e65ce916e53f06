// Fills the mattermost-redux store from the stand-in through Client4, with the same action types
// Mattermost's own loaders dispatch, so plugin selectors read real shapes.
import { ChannelTypes, FileTypes, GeneralTypes, PostTypes, TeamTypes, UserTypes } from 'mattermost-redux/action_types';
import { receivedPosts, receivedPostsInChannel, receivedPostsInThread } from 'mattermost-redux/actions/posts';
import { Client4 } from 'mattermost-redux/client';

import type { HostStore } from './store';

type Post = { id: string; user_id: string; channel_id: string; root_id: string; file_ids?: string[]; metadata?: { files?: unknown[] } };
type PostList = { order: string[]; posts: Record<string, Post>; prev_post_id?: string };

/** The client config the webapp needs: the stand-in serves none, nor preferences or team members. */
export function loadConfig(store: HostStore): void {
  const data = {
    SiteURL: window.location.origin,
    PluginsEnabled: 'true',
    EnableAppBar: new URLSearchParams(window.location.search).get('appbar') === '0' ? 'false' : 'true',
    FeatureFlagAppsEnabled: 'false',
    DefaultClientLocale: 'en',
    AvailableLocales: 'en,ru',
    Version: '10.0.0',
    BuildNumber: 'sandbox',
  };
  store.dispatch({ type: GeneralTypes.CLIENT_CONFIG_RECEIVED, data });
}

async function optional<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    console.warn(`sandbox: could not load ${what}`, err);
    return undefined;
  }
}

/** Who is logged in (by cookie), or null. */
export async function loadMe(store: HostStore): Promise<any | null> {
  try {
    const me = await Client4.getMe();
    store.dispatch({ type: UserTypes.RECEIVED_ME, data: me });
    return me;
  } catch {
    return null;
  }
}

export async function loadTeamsAndChannels(store: HostStore): Promise<{ teams: any[] }> {
  const teams = (await optional('teams', () => Client4.getMyTeams())) ?? [];
  store.dispatch({ type: TeamTypes.RECEIVED_TEAMS_LIST, data: teams });
  for (const team of teams) {
    const channels = (await optional(`channels of ${team.name}`, () => Client4.getMyChannels(team.id))) ?? [];
    store.dispatch({ type: ChannelTypes.RECEIVED_CHANNELS, teamId: team.id, data: channels });
    const members = await optional(`channel members of ${team.name}`, () => Client4.getMyChannelMembers(team.id));
    if (members) {
      store.dispatch({ type: ChannelTypes.RECEIVED_MY_CHANNEL_MEMBERS, data: members });
    }
  }
  return { teams };
}

export function selectTeam(store: HostStore, teamId: string): void {
  store.dispatch({ type: TeamTypes.SELECT_TEAM, data: teamId });
}

async function loadMissingProfiles(store: HostStore, userIds: string[]): Promise<void> {
  const known = (store.getState() as any).entities.users.profiles;
  const missing = [...new Set(userIds)].filter((id) => id && !known[id]);
  if (!missing.length) {
    return;
  }
  const profiles = await optional('profiles', () => Client4.getProfilesByIds(missing));
  if (profiles) {
    store.dispatch({ type: UserTypes.RECEIVED_PROFILES_LIST, data: profiles });
  }
}

/** Posts that name files but arrived without metadata.files get their file infos fetched. */
async function loadMissingFiles(store: HostStore, posts: Post[]): Promise<void> {
  await Promise.all(
    posts
      .filter((p) => p.file_ids?.length && !p.metadata?.files?.length)
      .map(async (post) => {
        const infos = await optional(`files of ${post.id}`, () => Client4.getFileInfosForPost(post.id));
        if (infos) {
          store.dispatch({ type: FileTypes.RECEIVED_FILES_FOR_POST, data: infos, postId: post.id });
        }
      }),
  );
}

export async function loadChannel(store: HostStore, channelId: string): Promise<void> {
  store.dispatch({ type: ChannelTypes.SELECT_CHANNEL, data: channelId });
  const member = await optional('my channel member', () => Client4.getMyChannelMember(channelId));
  if (member) {
    store.dispatch({ type: ChannelTypes.RECEIVED_MY_CHANNEL_MEMBER, data: member });
  }
  const list = (await optional('posts', () => Client4.getPosts(channelId, 0, 60))) as PostList | undefined;
  if (!list) {
    return;
  }
  store.dispatch(receivedPosts(list as any));
  store.dispatch(receivedPostsInChannel(list as any, channelId, true, !list.prev_post_id));
  await completePosts(store, Object.values(list.posts));
}

export async function loadThread(store: HostStore, rootId: string): Promise<void> {
  const list = (await optional('thread', () => Client4.getPostThread(rootId, false))) as PostList | undefined;
  if (!list) {
    return;
  }
  store.dispatch(receivedPosts(list as any));
  store.dispatch(receivedPostsInThread(list as any, rootId));
  await completePosts(store, Object.values(list.posts));
}

/** Posts' authors and files, if the store lacks them. */
async function completePosts(store: HostStore, posts: Post[]): Promise<void> {
  await loadMissingProfiles(
    store,
    posts.map((p) => p.user_id),
  );
  await loadMissingFiles(store, posts);
}

export function receivedOwnPost(store: HostStore, post: Post): void {
  store.dispatch({ type: PostTypes.RECEIVED_NEW_POST, data: post, features: { crtEnabled: false } });
}

export async function login(loginId: string, password: string): Promise<void> {
  await Client4.login(loginId, password);
}

export async function logout(): Promise<void> {
  try {
    await Client4.logout();
  } catch {
    // Logged out already, or the stand-in has no logout: the cookies go with the reload anyway.
  }
}
