import type {PatchTask, ReceiptRequired, Task} from '@throughline/contract';
import {useCallback, useReducer} from 'react';

import {taskReceived, type ErrorInfo} from '../../actions';
import {isApiError, patchTask} from '../../client';
import {useAppDispatch, useAppStore} from '../../hooks';
import {pluginState} from '../../selectors';
import {toErrorInfo} from '../../use_request';

type Changes = Omit<PatchTask, 'version'>;

// A refused change that can go through once the channel confirms receipt of the version named.
export type ReceiptNotice = {kind: 'receipt'; taskId: string; changes: Changes; required: ReceiptRequired; error: ErrorInfo};

export type Notice = {kind: 'conflict'; title: string} | {kind: 'error'; error: ErrorInfo} | ReceiptNotice;

const receiptRequired = (e: unknown) => {
    const required = isApiError(e) && e.code === 'receipt_required' ? e.details.required as ReceiptRequired | undefined : undefined;
    return required && typeof required.asset_id === 'string' && typeof required.channel_id === 'string' ? required : null;
};

type State = {pending: ReadonlySet<string>; notice: Notice | null};
type Event = {type: 'start' | 'end'; id: string} | {type: 'notice'; notice: Notice | null};

function step(state: State, e: Event): State {
    switch (e.type) {
    case 'start':
        return {notice: null, pending: new Set(state.pending).add(e.id)};
    case 'end': {
        const pending = new Set(state.pending);
        pending.delete(e.id);
        return {...state, pending};
    }
    case 'notice':
        return {...state, notice: e.notice};
    }
    return state;
}

// Changes a task with optimistic concurrency: on 409 the current task from the error replaces ours.
export function useTaskPatch() {
    const dispatch = useAppDispatch();
    const store = useAppStore();
    const [state, update] = useReducer(step, {pending: new Set<string>(), notice: null});

    const patch = useCallback(async (task: Task, changes: Changes) => {
        update({type: 'start', id: task.id});
        try {
            dispatch(taskReceived(await patchTask(task.id, {...changes, version: task.version})));
        } catch (e) {
            const current = isApiError(e) && e.code === 'version_conflict' ? e.details.current as Task | undefined : undefined;
            const required = receiptRequired(e);
            if (required) {
                update({type: 'notice', notice: {kind: 'receipt', taskId: task.id, changes, required, error: toErrorInfo(e)}});
            } else if (current?.id === task.id) {
                dispatch(taskReceived(current));
                update({type: 'notice', notice: {kind: 'conflict', title: current.title}});
            } else {
                update({type: 'notice', notice: {kind: 'error', error: toErrorInfo(e)}});
            }
        } finally {
            update({type: 'end', id: task.id});
        }
    }, [dispatch]);

    // The refused change again, on the task as it now is (a live event may have moved its version on).
    const retry = useCallback((notice: ReceiptNotice) => {
        const task = pluginState(store.getState()).tasks[notice.taskId];
        return task ? patch(task, notice.changes) : Promise.resolve();
    }, [patch, store]);

    const dismiss = useCallback(() => update({type: 'notice', notice: null}), []);
    return {patch, retry, pending: state.pending, notice: state.notice, dismiss};
}
