/** Row shapes of every table. They stay inside repositories; services speak domain types. */
export interface ProjectsTable {
  id: string;
  name: string;
  home_channel_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ProjectChannelsTable {
  project_id: string;
  channel_id: string;
  added_by: string;
  added_at: string;
}

export interface TasksTable {
  id: string;
  title: string;
  description: string;
  /** Lower-cased title and description: SQLite's LOWER() folds ASCII only, so folding happens in code. */
  search_text: string;
  status: string;
  assignee_id: string | null;
  due_at: string | null;
  channel_id: string;
  project_id: string | null;
  source_post_id: string | null;
  permalink: string | null;
  files: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface TaskHistoryTable {
  id: string;
  task_id: string;
  actor_id: string;
  action: string;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  at: string;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  task_id: string;
  created_at: string;
}

export interface Database {
  projects: ProjectsTable;
  project_channels: ProjectChannelsTable;
  tasks: TasksTable;
  task_history: TaskHistoryTable;
  idempotency_keys: IdempotencyKeysTable;
}
