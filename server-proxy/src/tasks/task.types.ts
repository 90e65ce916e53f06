export const TASK_STATUSES = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const OPEN_STATUSES: TaskStatus[] = ['todo', 'in_progress', 'review'];

export interface TaskFile {
  id: string;
  name: string;
  size: number;
  mime_type: string;
  extension: string;
}

export interface Task {
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
}

export interface HistoryEntry {
  id: string;
  task_id: string;
  actor_id: string;
  action: 'created' | 'updated' | 'deleted';
  field: string | null;
  from: string | null;
  to: string | null;
  at: string;
}

/** Fields a PATCH may change, and so the fields history speaks of. */
export const EDITABLE_FIELDS = ['title', 'description', 'status', 'assignee_id', 'due_at', 'project_id'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type TaskChanges = Partial<Pick<Task, EditableField>>;

export interface TaskFilter {
  channelIds: string[];
  projectId?: string;
  status?: TaskStatus;
  assigneeId?: string;
  overdueAt?: string;
  q?: string;
  before?: string;
  limit: number;
}
