import {useCallback, useEffect, useReducer} from 'react';
import {shallowEqual, useDispatch, useSelector} from 'react-redux';

import {listKey, tasksFailed, tasksReceived, tasksRequested} from '../../actions';
import {getAllTasks} from '../../client';
import {pluginState} from '../../selectors';
import type {HostDispatch, HostState, Task, TaskQuery} from '../../types';
import {toErrorInfo} from '../../use_request';

const NONE: Task[] = [];

// Loads every task of a scope (all pages) into the plugin store, where new and changed tasks land too.
export function useScopeTasks(query: TaskQuery | null) {
    const dispatch = useDispatch() as HostDispatch;
    const key = query ? listKey(query) : null;
    const [attempt, reload] = useReducer((n: number) => n + 1, 0);
    const refresh = useSelector((s: HostState) => pluginState(s).refresh);

    useEffect(() => {
        if (!query || !key) {
            return undefined;
        }
        const controller = new AbortController();
        dispatch(tasksRequested(key));
        getAllTasks(query, {signal: controller.signal}).then(
            (tasks) => dispatch(tasksReceived(key, tasks)),
            (e) => !controller.signal.aborted && dispatch(tasksFailed(key, toErrorInfo(e))),
        );
        return () => controller.abort();
    }, [key, attempt, refresh, dispatch]); // `key` stands for `query`

    const list = useSelector((s: HostState) => {
        const l = pluginState(s).list;
        return l && l.key === key ? l : null;
    });
    const tasks = useSelector((s: HostState) => {
        const l = pluginState(s).list;
        if (!l || l.key !== key) {
            return NONE;
        }
        const byId = pluginState(s).tasks;
        return l.ids.map((id) => byId[id]).filter(Boolean);
    }, shallowEqual);

    return {
        tasks,
        status: list?.status ?? 'loading',
        error: list?.error ?? null,
        reload: useCallback(() => reload(), []),
    };
}
