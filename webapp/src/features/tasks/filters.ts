import type {Task, TaskStatus} from '@throughline/contract';

import {TASK_STATUSES} from './statuses';

export type Filters = {mine: boolean; overdue: boolean; assignee: string}; // assignee: '' anyone, 'none' unassigned, or a user id

export const NO_FILTERS: Filters = {mine: false, overdue: false, assignee: ''};

export const isFiltered = (f: Filters) => f.mine || f.overdue || f.assignee !== '';

const OPEN: ReadonlySet<TaskStatus> = new Set(['todo', 'in_progress', 'review']);

export const isOverdue = (task: Task, now: number) =>
    OPEN.has(task.status) && task.due_at !== null && Date.parse(task.due_at) < now;

// The whole scope is loaded, so filters run here, instantly, without another request.
export function applyFilters(tasks: Task[], f: Filters, me: string, now: number): Task[] {
    return tasks.filter((t) =>
        (!f.mine || t.assignee_id === me) &&
        (!f.overdue || isOverdue(t, now)) &&
        (f.assignee === '' || (f.assignee === 'none' ? t.assignee_id === null : t.assignee_id === f.assignee)));
}

export type Row =
    | {kind: 'group'; status: TaskStatus; count: number; collapsed: boolean}
    | {kind: 'task'; task: Task};

// One flat list for the virtual list: a header per status, then its tasks unless collapsed.
export function groupRows(tasks: Task[], collapsed: ReadonlySet<TaskStatus>): Row[] {
    const byStatus = new Map<TaskStatus, Task[]>(TASK_STATUSES.map((s) => [s, []]));
    for (const t of tasks) {
        byStatus.get(t.status)?.push(t);
    }
    const rows: Row[] = [];
    for (const status of TASK_STATUSES) {
        const group = byStatus.get(status)!;
        rows.push({kind: 'group', status, count: group.length, collapsed: collapsed.has(status)});
        if (!collapsed.has(status)) {
            for (const task of group) {
                rows.push({kind: 'task', task});
            }
        }
    }
    return rows;
}

export const assigneesOf = (tasks: Task[]) =>
    Array.from(new Set(tasks.map((t) => t.assignee_id).filter((id): id is string => id !== null)));
