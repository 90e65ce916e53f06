import type {PatchTask, Task} from '@throughline/contract';
import {useCallback, useReducer} from 'react';

import {taskReceived, type ErrorInfo} from '../../actions';
import {isApiError, patchTask} from '../../client';
import {useAppDispatch} from '../../hooks';
import {toErrorInfo} from '../../use_request';

export type Notice = {kind: 'conflict'; title: string} | {kind: 'error'; error: ErrorInfo};

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
    const [state, update] = useReducer(step, {pending: new Set<string>(), notice: null});

    const patch = useCallback(async (task: Task, changes: Omit<PatchTask, 'version'>) => {
        update({type: 'start', id: task.id});
        try {
            dispatch(taskReceived(await patchTask(task.id, {...changes, version: task.version})));
        } catch (e) {
            const current = isApiError(e) && e.code === 'version_conflict' ? e.details.current as Task | undefined : undefined;
            if (current?.id === task.id) {
                dispatch(taskReceived(current));
                update({type: 'notice', notice: {kind: 'conflict', title: current.title}});
            } else {
                update({type: 'notice', notice: {kind: 'error', error: toErrorInfo(e)}});
            }
        } finally {
            update({type: 'end', id: task.id});
        }
    }, [dispatch]);

    const dismiss = useCallback(() => update({type: 'notice', notice: null}), []);
    return {patch, pending: state.pending, notice: state.notice, dismiss};
}
