import {combineReducers, type Reducer} from 'redux';

import {A, listKey, type ErrorInfo, type PluginAction} from './actions';
import type {Project, Task} from './types';

export type TaskList = {key: string; ids: string[]; status: 'loading' | 'ready' | 'error'; error: ErrorInfo | null};

const i18n = (state: {locale: string; messages: Record<string, string>} | null = null, action: PluginAction) =>
    (action.type === A.translationsReceived ? {locale: action.locale, messages: action.messages} : state);

const rightClick = (state = true, action: PluginAction) => (action.type === A.rightClickSet ? action.enabled : state);

const menu = (state: {postId: string; x: number; y: number} | null = null, action: PluginAction) => {
    switch (action.type) {
    case A.menuOpened:
        return {postId: action.postId, x: action.x, y: action.y};
    case A.menuClosed:
    case A.modalOpened:
        return null;
    default:
        return state;
    }
};

const modal = (state: {postId: string} | null = null, action: PluginAction) => {
    switch (action.type) {
    case A.modalOpened:
        return {postId: action.postId};
    case A.modalClosed:
    case A.taskCreated:
        return null;
    default:
        return state;
    }
};

const toast = (state: {taskId: string; title: string} | null = null, action: PluginAction) => {
    switch (action.type) {
    case A.taskCreated:
        return {taskId: action.task.id, title: action.task.title};
    case A.toastClosed:
        return null;
    default:
        return state;
    }
};

const selectedTaskId = (state: string | null = null, action: PluginAction) =>
    (action.type === A.taskSelected ? action.taskId : state);

const tasks = (state: Record<string, Task> = {}, action: PluginAction) => {
    switch (action.type) {
    case A.taskCreated:
    case A.taskReceived: {
        const prev = state[action.task.id];

        // Never let an older copy (e.g. a late response) overwrite a newer one.
        if (prev && prev.version > action.task.version) {
            return state;
        }
        return {...state, [action.task.id]: action.task};
    }
    case A.tasksReceived: {
        const next = {...state};
        for (const task of action.tasks) {
            next[task.id] = task;
        }
        return next;
    }
    default:
        return state;
    }
};

const list = (state: TaskList | null = null, action: PluginAction): TaskList | null => {
    switch (action.type) {
    case A.tasksRequested:
        // Keep showing the ids already loaded for this scope while refreshing.
        return {key: action.key, ids: state?.key === action.key ? state.ids : [], status: 'loading', error: null};
    case A.tasksReceived:
        if (state?.key !== action.key) {
            return state; // a late answer for a scope no longer shown
        }
        return {key: action.key, ids: action.tasks.map((task) => task.id), status: 'ready', error: null};
    case A.tasksFailed:
        return state?.key === action.key ? {...state, status: 'error', error: action.error} : state;
    case A.taskCreated: {
        const {task} = action;
        const inScope = state && (state.key === listKey({channel_id: task.channel_id}) ||
            (task.project_id !== null && state.key === listKey({project_id: task.project_id})));
        return inScope && !state.ids.includes(task.id) ? {...state, ids: [task.id, ...state.ids]} : state;
    }
    default:
        return state;
    }
};

const projects = (state: Record<string, Project[]> = {}, action: PluginAction) =>
    (action.type === A.projectsReceived ? {...state, [action.channelId]: action.projects} : state);

const combined = combineReducers({i18n, rightClick, menu, modal, toast, selectedTaskId, tasks, list, projects});

export type PluginState = ReturnType<typeof combined>;

// The host hands every action in the store to every reducer; ours only act on their own types.
const reducer: Reducer<PluginState> = (state, action) => combined(state, action as PluginAction);
export default reducer;
