import type {DecisionStatus, SearchKind, TaskStatus, VersionState} from '@throughline/contract';

// The contract's search limits and lists the views apply (types only come from the contract, so the
// bundle carries no schema code; a test checks these against it).
export const SEARCH_LIMITS = {queryMax: 200, pageSize: 20} as const;

// Every kind in the order the filter offers them: a Record, so a kind the contract adds fails to compile until it is here.
const KIND_ORDER: Record<SearchKind, number> = {task: 0, decision: 1, asset: 2, version: 3};
export const SEARCH_KIND_LIST = Object.keys(KIND_ORDER) as SearchKind[];

// Statuses of every kind that has one (tasks, decisions, versions), in the filter's order; a Record for the same reason.
export type SearchStatus = TaskStatus | DecisionStatus | VersionState;
const STATUS_ORDER: Record<SearchStatus, number> = {
    todo: 0, in_progress: 1, review: 2, done: 3, cancelled: 4,
    proposed: 5, decided: 6, approved: 7, rejected: 8, superseded: 9, revoked: 10,
};
export const SEARCH_STATUS_LIST = Object.keys(STATUS_ORDER) as SearchStatus[];
