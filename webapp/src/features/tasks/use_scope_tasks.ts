import type {Task} from '@throughline/contract';
import {shallowEqual} from 'react-redux';

import {listKey, tasksReceived, tasksRequested} from '../../actions';
import {getAllTasks, type TaskScope} from '../../client';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';

const NONE: Task[] = [];

// Loads every task of a scope (all pages) into the plugin store, where new and changed tasks land too.
export function useScopeTasks(query: TaskScope | null) {
    const dispatch = useAppDispatch();
    const key = query ? listKey(query) : null;
    const req = useResource(key && 'tasks:' + key, async (signal) => {
        dispatch(tasksRequested(key as string));
        const tasks = await getAllTasks(query as TaskScope, {signal});
        dispatch(tasksReceived(key as string, tasks));
        return tasks.length;
    });

    const tasks = useAppSelector((s) => {
        const l = pluginState(s).list;
        if (!l || l.key !== key) {
            return NONE;
        }
        const byId = pluginState(s).tasks;
        return l.ids.map((id) => byId[id]).filter(Boolean);
    }, shallowEqual);

    return {tasks, status: req.status, error: req.error, reload: req.reload};
}
