import type {FileInfo} from '@mattermost/types/files';
import type {Post} from '@mattermost/types/posts';
import type {UserProfile} from '@mattermost/types/users';

import {pluginId} from '../manifest';

import type {HostState} from './types';

export const DEFAULT_API_BASE_PATH = '/throughline-api';

// The service's base path from the manifest props (MATTERMOST.md: the webapp cannot read settings).
export function apiBasePath(state: HostState | undefined): string {
    const base = state?.plugins?.plugins?.[pluginId]?.props?.apiBasePath;
    return typeof base === 'string' && base ? base : DEFAULT_API_BASE_PATH;
}

export const currentUserId = (state: HostState) => state.entities.users.currentUserId;
export const currentChannelId = (state: HostState) => state.entities.channels.currentChannelId;
export const getChannel = (state: HostState, id: string) => state.entities.channels.channels[id];
export const getPost = (state: HostState, id: string): Post | undefined => state.entities.posts.posts[id];
export const getUser = (state: HostState, id: string): UserProfile | undefined => state.entities.users.profiles[id];
export const getFile = (state: HostState, id: string): FileInfo | undefined => state.entities.files?.files?.[id];

export function currentLocale(state: HostState): string {
    const me = state.entities.users.profiles[state.entities.users.currentUserId];
    return me?.locale || 'en';
}

// The messages the host's IntlProvider uses for a locale (views.i18n.translations), once loaded.
export const hostTranslations = (state: HostState, locale: string) => state.views?.i18n?.translations?.[locale];

// Files attached to a post: from the files store when loaded, else from the post's metadata.
export function postFiles(state: HostState, postId: string) {
    const ids = state.entities.files?.fileIdsByPostId?.[postId];
    const files = state.entities.files?.files;
    if (ids?.length && files) {
        return ids.map((id) => files[id]).filter(Boolean);
    }
    return getPost(state, postId)?.metadata?.files ?? [];
}

export function displayName(user: UserProfile | undefined, fallback: string): string {
    if (!user) {
        return fallback;
    }
    const full = [user.first_name, user.last_name].filter(Boolean).join(' ');
    return full || user.nickname || user.username;
}

// Whether the current user is a member of a channel, as the host knows it.
export const isMyChannel = (state: HostState, channelId: string) => Boolean(state.entities.channels.myMembers?.[channelId]);

export const channelLabel = (state: HostState, channelId: string): string | null => {
    const c = getChannel(state, channelId);
    return c ? c.display_name || c.name : null;
};

// The team in view, by its URL name; else the team of `channelId`.
export function teamName(state: HostState, channelId?: string | null): string | null {
    const teams = state.entities.teams;
    const id = teams?.currentTeamId || (channelId ? getChannel(state, channelId)?.team_id : '');
    return (id && teams?.teams[id]?.name) || null;
}
