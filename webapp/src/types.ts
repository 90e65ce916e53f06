import type React from 'react';
import type {Action, Reducer} from 'redux';

import type {Channel, ChannelMembership} from '@mattermost/types/channels';
import type {FileInfo} from '@mattermost/types/files';
import type {PluginManifest} from '@mattermost/types/plugins';
import type {Post} from '@mattermost/types/posts';
import type {UserProfile} from '@mattermost/types/users';

// ---- Service API (docs/api.md) ----

export type TaskStatus = 'todo' | 'in_progress' | 'review' | 'done' | 'cancelled';
export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'review', 'done', 'cancelled'];

export type TaskFile = {id: string; name: string; size: number; mime_type: string; extension: string};

export type Task = {
    id: string;
    title: string;
    description: string;
    status: TaskStatus;
    assignee_id: string | null;
    due_at: string | null;
    channel_id: string;
    project_id: string | null;
    source_post_id: string | null;
    permalink: string | null;
    files: TaskFile[];
    created_by: string;
    created_at: string;
    updated_at: string;
    version: number;
};

export type Project = {
    id: string;
    name: string;
    channel_id: string;
    channel_ids: string[];
    created_by: string;
    created_at: string;
    updated_at: string;
};

export type HistoryEntry = {
    id: string;
    task_id: string;
    actor_id: string;
    action: 'created' | 'updated' | 'deleted';
    field: string | null;
    from: string | null;
    to: string | null;
    at: string;
};

export type NewTaskFromPost = {
    post_id: string;
    title?: string;
    description?: string;
    assignee_id?: string;
    due_at?: string;
    project_id?: string;
};

export type TaskPatch = Partial<Pick<Task, 'title' | 'description' | 'status' | 'assignee_id' | 'due_at' | 'project_id'>> & {version: number};

export type TaskQuery = {project_id?: string; channel_id?: string};

// The summary the service's bot puts in a card post's props.task.
export type TaskSummary = Pick<Task, 'id' | 'title' | 'status' | 'assignee_id' | 'due_at'>;

export type Me = {user_id: string; username: string; is_guest: boolean};

export type VersionState = 'proposed' | 'approved' | 'rejected' | 'superseded';

export type AssetVersion = {
    id: string;
    asset_id: string;
    number: number;
    file_name: string;
    mime_type: string;
    size: number;
    sha256: string;
    source_post_id: string | null;
    source_file_id: string | null;
    added_by: string;
    added_at: string;
    state: VersionState;
    decided_by: string | null;
    decided_at: string | null;
    decision_comment: string | null;
};

export type Receipt = {channel_id: string; confirmed_by: string | null; confirmed_at: string | null};

export type Asset = {
    id: string;
    project_id: string;
    name: string;
    channel_ids: string[];
    created_by: string;
    created_at: string;
    updated_at: string;
    approved_version_id: string | null;
    versions: AssetVersion[]; // newest first
    receipts: Receipt[]; // for the approved version, one per shared channel
};

export type NewAsset = {project_id: string; name: string; channel_ids: string[]};

// What the bot puts in an approval card's props.approval.
export type ApprovalSummary = {
    asset_id: string;
    version_id: string;
    channel_id: string;
    version_number: number;
    asset_name: string;
    file_name: string;
};

// ---- Host (Mattermost webapp) ----

// Only the parts of the host state Throughline reads; the host store holds much more.
export type HostState = {
    entities: {
        users: {currentUserId: string; profiles: Record<string, UserProfile>};
        channels: {currentChannelId: string; channels: Record<string, Channel>; myMembers?: Record<string, ChannelMembership>};
        posts: {posts: Record<string, Post>};
        files?: {files?: Record<string, FileInfo>; fileIdsByPostId?: Record<string, string[]>};
    };
    plugins?: {plugins?: Record<string, PluginManifest | undefined>};
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

// The registry as MATTERMOST.md documents it; every call is positional.
// Calls newer than 7.0 are optional so the compiler forces a feature check.
export interface PluginRegistry {
    registerReducer(reducer: Reducer): void;
    registerTranslations(getTranslationsForLocale: (locale: string) => Record<string, string>): void;
    registerRootComponent(component: React.ComponentType<RootComponentProps>): string;
    registerPostDropdownMenuAction(
        text: ReactResolvable,
        action: (postId: string) => void,
        filter?: (postId: string) => boolean,
    ): string;
    registerFileDropdownMenuAction(match: (fileInfo: FileInfo) => boolean, text: ReactResolvable, action: (fileInfo: FileInfo) => void): string;
    registerRightHandSidebarComponent(component: React.ComponentType<RootComponentProps>, title: ReactResolvable): RhsRegistration;
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
    registerAppBarComponent?(
        iconUrl: string,
        action: (channel: Channel, member?: ChannelMembership) => void,
        tooltipText: ReactResolvable,
        supportedProductIds?: string | null | Array<string | null>,
    ): string | {id: string};
    registerSlashCommandWillBePostedHook?(
        hook: (message: string, args: SlashCommandArgs) => SlashCommandHookResult | Promise<SlashCommandHookResult>,
    ): string;
}

export type PluginInstance = {
    initialize(registry: PluginRegistry, store: HostStore): void;
    uninitialize(): void;
};

declare global {
    interface Window {
        registerPlugin(id: string, plugin: PluginInstance): void;
        basename?: string;
    }
}
