import type { EditableField, Task, TaskStatus } from '@throughline/contract';

export { EDITABLE_FIELDS, OPEN_STATUSES, type EditableField, type HistoryEntry, type Task, type TaskStatus } from '@throughline/contract';

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
