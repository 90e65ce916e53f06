import type {Task} from '@throughline/contract';
import {useMemo} from 'react';

import {listKey, tasksReceived, tasksRequested} from '../../actions';
import {getAllTasks, type TaskScope} from '../../client';
import {useAppDispatch, useAppSelector} from '../../hooks';
import type {PluginState} from '../../reducer';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';

const NONE: Task[] = [];

// The scope's tasks, in list order; the same array until the list or a task changes. Every change to
// the host's store runs a selector, so with thousands of tasks it must not map them each time.
function scopeTasksSelector(key: string | null) {
    let list: PluginState['list'] | undefined;
    let byId: PluginState['tasks'] | undefined;
    let out: Task[] = NONE;
    return (s: unknown): Task[] => {
        const state = pluginState(s);
        if (state.list === list && state.tasks === byId) {
            return out;
        }
        list = state.list;
        byId = state.tasks;
        const next = list && list.key === key ? list.ids.map((id) => state.tasks[id]).filter(Boolean) : NONE;

        // A change to a task of another scope leaves this one's array as it was.
        if (next.length !== out.length || next.some((t, i) => t !== out[i])) {
            out = next;
        }
        return out;
    };
}

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

    const select = useMemo(() => scopeTasksSelector(key), [key]);
    const tasks = useAppSelector(select);

    return {tasks, status: req.status, error: req.error, reload: req.reload};
}
