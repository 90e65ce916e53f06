import type React from 'react';
import type {Action, Reducer} from 'redux';

import type {Channel, ChannelMembership} from '@mattermost/types/channels';
import type {FileInfo} from '@mattermost/types/files';
import type {PluginManifest} from '@mattermost/types/plugins';
import type {Post} from '@mattermost/types/posts';
import type {Team} from '@mattermost/types/teams';
import type {UserProfile} from '@mattermost/types/users';

// Only the parts of the host state Throughline reads; the host store holds much more.
export type HostState = {
    entities: {
        users: {currentUserId: string; profiles: Record<string, UserProfile>};
        teams?: {currentTeamId: string; teams: Record<string, Team>};
        channels: {currentChannelId: string; channels: Record<string, Channel>; myMembers?: Record<string, ChannelMembership>};
        posts: {posts: Record<string, Post>};
        files?: {files?: Record<string, FileInfo>; fileIdsByPostId?: Record<string, string[]>};
    };
    plugins?: {plugins?: Record<string, PluginManifest | undefined>};
    views?: {i18n?: {translations?: Record<string, Record<string, string> | undefined>}};
};

export type Thunk = (dispatch: HostDispatch, getState: () => unknown) => unknown;
export type HostDispatch = (action: Action | Thunk) => unknown;

export type HostStore = {
    getState(): HostState;
    dispatch: HostDispatch;
    subscribe(listener: () => void): () => void;
};

export type ReactResolvable = React.ReactNode | React.ElementType;

export type RhsRegistration = {
    id: string;
    showRHSPlugin: Action; // plain action
    hideRHSPlugin: Thunk;
    toggleRHSPlugin: Thunk;
};

export type RootComponentProps = {theme?: Record<string, string>; webSocketClient?: unknown};
export type PostTypeComponentProps = {post: Post; compactDisplay?: boolean; isRHS?: boolean; theme?: Record<string, string>};

export type SlashCommandArgs = {channel_id: string; team_id?: string; root_id?: string};
export type SlashCommandHookResult = {message: string; args: SlashCommandArgs} | {error: {message: string}} | Record<string, never>;

// The App Bar item that carries its own RHS (Mattermost 7.4+, registry.supports.globalRhs).
export type AppBarRhsItem = {
    iconUrl: string;
    tooltipText: ReactResolvable;
    rhsComponent: React.ComponentType<RootComponentProps>;
    rhsTitle: ReactResolvable;
};

type AppBarAction = (channel: Channel, member?: ChannelMembership) => void;

// The registry as MATTERMOST.md documents it; every call is positional (one object where noted).
// Calls newer than 7.0 are optional so the compiler forces a feature check.
export interface PluginRegistry {
    supports?: {globalAppBar: boolean; globalRhs: boolean};
    registerReducer(reducer: Reducer): void;
    registerTranslations(getTranslationsForLocale: (locale: string) => Record<string, string>): void;
    registerRootComponent(component: React.ComponentType<RootComponentProps>): string;
    registerPostDropdownMenuAction(
        text: ReactResolvable,
        action: (postId: string) => void,
        filter?: (postId: string) => boolean,
    ): string;
    registerFileDropdownMenuAction(match: (fileInfo: FileInfo) => boolean, text: ReactResolvable, action: (fileInfo: FileInfo) => void): string;

    // showPopout is read from Mattermost 12 on; older hosts drop the argument.
    registerRightHandSidebarComponent(component: React.ComponentType<RootComponentProps>, title: ReactResolvable, showPopout?: boolean): RhsRegistration;
    registerChannelHeaderButtonAction(
        icon: ReactResolvable,
        action: (channel: Channel, member?: ChannelMembership) => void,
        dropdownText: ReactResolvable,
        tooltipText: ReactResolvable,
    ): string;
    registerChannelHeaderMenuAction(text: ReactResolvable, action: (channelId: string) => void, shouldRender?: (state: unknown) => boolean): string;
    registerPostTypeComponent(type: `custom_${string}`, component: React.ComponentType<PostTypeComponentProps>): string;
    registerWebSocketEventHandler(event: string, handler: (msg: unknown) => void): void;
    registerReconnectHandler(handler: () => void): void;
    registerAppBarComponent?: {
        (iconUrl: string, action: AppBarAction, tooltipText: ReactResolvable, supportedProductIds?: string | null | Array<string | null>): string;
        (item: AppBarRhsItem): {id: string; rhsComponent: RhsRegistration} | string;
    };
    registerRHSPluginPopoutListener?(pluginId: string, onPopoutOpened: (teamName: string, channelName: string | undefined, listeners: unknown) => void): void;
    registerPostHeaderComponent?(component: React.ComponentType<{post: Post}>): string;
    registerChannelComposerBannerComponent?(component: React.ComponentType<{channel?: Channel; theme?: Record<string, string>}>): string;

    // A full page at /<team>/<plugin id><route> (the route may run on: /<team>/<plugin id><route>/…).
    registerNeedsTeamRoute?(route: string, component: React.ComponentType<RootComponentProps>): string;
    registerSlashCommandWillBePostedHook?(
        hook: (message: string, args: SlashCommandArgs) => SlashCommandHookResult | Promise<SlashCommandHookResult>,
    ): string;
}

export type PluginInstance = {
    initialize(registry: PluginRegistry, store: HostStore): void;
    uninitialize(): void;
};

type HistoryApi = {
    push: (path: string) => void;
    replace?: (path: string) => void;
    listen?: (listener: () => void) => () => void;
};

declare global {
    interface Window {
        registerPlugin(id: string, plugin: PluginInstance): void;

        // The site's subpath, when Mattermost is not served from the root.
        basename?: string;

        // The host's router, where the host exposes it.
        WebappUtils?: {browserHistory?: HistoryApi};
    }
}
