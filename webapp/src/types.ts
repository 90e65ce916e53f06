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

// ---- Host (Mattermost webapp): see host/types.ts ----

// Re-exported for test equipment that still imports them from here.
export type {PluginRegistry} from './host/types';
