import type {TaskStatus} from '@throughline/contract';

// The order statuses are listed and grouped in. A Record, so a status the contract adds fails to compile here.
const ORDER: Record<TaskStatus, true> = {todo: true, in_progress: true, review: true, done: true, cancelled: true};

export const TASK_STATUSES = Object.keys(ORDER) as readonly TaskStatus[];

export const isTaskStatus = (value: unknown): value is TaskStatus => typeof value === 'string' && Object.prototype.hasOwnProperty.call(ORDER, value);
