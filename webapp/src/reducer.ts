import type {Asset, Decision, Me, Project, Task} from '@throughline/contract';
import {combineReducers, type Reducer} from 'redux';

import {A, listKey, type DecisionDialogTarget, type PluginAction} from './actions';
import {itemLinkNotice, openAsset, shelfStamps, taskSources} from './surfaces_state';

// The task list on show (one scope at a time) and the asset lists by project: ids into `tasks` and
// `assets`, where live events land too. Whether a load is under way is the loading view's own state.
export type TaskList = {key: string; ids: string[]};
export type AssetList = {ids: string[]};

const i18n = (state: {locale: string; messages: Record<string, string>} | null = null, action: PluginAction) =>
    (action.type === A.translationsReceived ? {locale: action.locale, messages: action.messages} : state);

const rightClick = (state = true, action: PluginAction) => (action.type === A.rightClickSet ? action.enabled : state);

const menu = (state: {postId: string; x: number; y: number} | null = null, action: PluginAction) => {
    switch (action.type) {
    case A.menuOpened:
        return {postId: action.postId, x: action.x, y: action.y};
    case A.menuClosed:
    case A.modalOpened:
    case A.assetModalOpened:
    case A.decisionDialogOpened:
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

export type AssetModal = {postId: string | null; fileId: string | null; channelId: string | null};

const assetModal = (state: AssetModal | null = null, action: PluginAction) => {
    switch (action.type) {
    case A.assetModalOpened:
        return {postId: action.postId, fileId: action.fileId, channelId: action.channelId};
    case A.assetModalClosed:
        return null;
    default:
        return state;
    }
};

const selectedTaskId = (state: string | null = null, action: PluginAction) => {
    if (action.type === A.taskSelected) {
        return action.taskId;
    }
    return action.type === A.taskDeleted && action.taskId === state ? null : state;
};

const tasks = (state: Record<string, Task> = {}, action: PluginAction) => {
    switch (action.type) {
    case A.taskSourcesReceived:
        return action.tasks.reduce((next, task) => (next[task.id] && next[task.id].version > task.version ? next : {...next, [task.id]: task}), state);
    case A.taskCreated:
    case A.taskReceived:
    case A.taskPushed: {
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
    case A.taskDeleted: {
        if (!(action.taskId in state)) {
            return state;
        }
        const next = {...state};
        delete next[action.taskId];
        return next;
    }
    default:
        return state;
    }
};

const inScope = (list: TaskList, task: Task) => list.key === listKey({channel_id: task.channel_id}) ||
    (task.project_id !== null && list.key === listKey({project_id: task.project_id}));

const list = (state: TaskList | null = null, action: PluginAction): TaskList | null => {
    switch (action.type) {
    case A.tasksRequested:
        // Keep showing the ids already loaded for this scope while refreshing.
        return {key: action.key, ids: state?.key === action.key ? state.ids : []};
    case A.tasksReceived:
        if (state?.key !== action.key) {
            return state; // a late answer for a scope no longer shown
        }
        return {key: action.key, ids: action.tasks.map((task) => task.id)};
    case A.taskCreated:
        return state && inScope(state, action.task) && !state.ids.includes(action.task.id) ? {...state, ids: [action.task.id, ...state.ids]} : state;
    case A.taskPushed: {
        // A change may move a task into this scope or out of it (another project).
        if (!state) {
            return state;
        }
        const has = state.ids.includes(action.task.id);
        if (inScope(state, action.task)) {
            return has ? state : {...state, ids: [action.task.id, ...state.ids]};
        }
        return has ? {...state, ids: state.ids.filter((id) => id !== action.task.id)} : state;
    }
    case A.taskDeleted:
        return state?.ids.includes(action.taskId) ? {...state, ids: state.ids.filter((id) => id !== action.taskId)} : state;
    default:
        return state;
    }
};

const projects = (state: Record<string, Project[]> = {}, action: PluginAction) => {
    switch (action.type) {
    case A.projectsReceived:
        return {...state, [action.channelId]: action.projects};
    case A.projectReceived: {
        const {project} = action;
        const next: Record<string, Project[]> = {};
        for (const [channelId, list] of Object.entries(state)) {
            next[channelId] = list.some((p) => p.id === project.id) ? list.map((p) => (p.id === project.id ? project : p)) : list;
        }
        return next;
    }
    default:
        return state;
    }
};

// Per rollout, how many events of its tasks arrived: its matrix refetches when its count moves.
const rolloutStamps = (state: Record<string, number> = {}, action: PluginAction) => {
    const id = action.type === A.taskPushed ? action.task.rollout_id : null;
    return id ? {...state, [id]: (state[id] ?? 0) + 1} : state;
};

const refresh = (state = 0, action: PluginAction) => (action.type === A.refreshRequested ? state + 1 : state);

// Counts the live events applied: views that gather from everywhere (My work) load again when it moves.
const liveStamp = (state = 0, action: PluginAction) => (action.type === A.liveEventApplied ? state + 1 : state);

// Per project, how many live events about it were applied: its overview loads again when its count moves.
const projectStamps = (state: Record<string, number> = {}, action: PluginAction) =>
    (action.type === A.liveEventApplied && action.projectId ? {...state, [action.projectId]: (state[action.projectId] ?? 0) + 1} : state);

// Per project, how many decision events arrived: a decision view refetches when its project's count moves.
const decisionStamps = (state: Record<string, number> = {}, action: PluginAction) =>
    (action.type === A.decisionChanged ? {...state, [action.projectId]: (state[action.projectId] ?? 0) + 1} : state);

// Decisions as the service last answered for this user (list pages, one decision, a change's answer).
const decisions = (state: Record<string, Decision> = {}, action: PluginAction) => {
    if (action.type !== A.decisionsReceived) {
        return state;
    }
    const next = {...state};
    for (const d of action.decisions) {
        const prev = state[d.id];

        // Never let an older copy (a late response) overwrite a newer one.
        if (!prev || prev.version <= d.version) {
            next[d.id] = d;
        }
    }
    return next;
};

const openDecisionId = (state: string | null = null, action: PluginAction) => (action.type === A.decisionOpened ? action.decisionId : state);

const decisionDialog = (state: DecisionDialogTarget | null = null, action: PluginAction) => {
    switch (action.type) {
    case A.decisionDialogOpened:
        return action.dialog;
    case A.decisionDialogClosed:
        return null;
    default:
        return state;
    }
};

const me = (state: Me | null = null, action: PluginAction) => (action.type === A.meReceived ? action.me : state);

// The bot's user id, from GET /config: only its posts are cards.
const botUserId = (state: string | null = null, action: PluginAction) => (action.type === A.botUserIdReceived ? action.botUserId : state);

// A list answer may carry less detail than GET /assets/:id; keep versions it leaves out.
function mergeListed(prev: Asset | undefined, next: Asset): Asset {
    if (!prev) {
        return next;
    }
    const have = new Set(next.versions.map((v) => v.id));
    const extra = prev.versions.filter((v) => !have.has(v.id));
    const keepReceipts = !next.receipts.length && prev.receipts.length > 0 && prev.approved_version_id === next.approved_version_id;
    if (!extra.length && !keepReceipts) {
        return next;
    }
    return {
        ...next,
        versions: [...next.versions, ...extra].sort((a, b) => b.number - a.number),
        receipts: keepReceipts ? prev.receipts : next.receipts,
    };
}

const assets = (state: Record<string, Asset> = {}, action: PluginAction) => {
    switch (action.type) {
    case A.assetsReceived: {
        const next = {...state};
        for (const asset of action.assets) {
            next[asset.id] = mergeListed(state[asset.id], asset);
        }
        return next;
    }
    case A.assetReceived:
        return {...state, [action.asset.id]: action.asset};
    case A.assetRemoved: {
        const next = {...state};
        delete next[action.assetId];
        return next;
    }
    default:
        return state;
    }
};

// Asset lists by project id.
const assetLists = (state: Record<string, AssetList> = {}, action: PluginAction) => {
    switch (action.type) {
    case A.assetsReceived:
        return {...state, [action.projectId]: {ids: action.assets.map((a) => a.id)}};
    case A.assetReceived: {
        const list = state[action.asset.project_id];
        return list && !list.ids.includes(action.asset.id) ? {...state, [action.asset.project_id]: {...list, ids: [action.asset.id, ...list.ids]}} : state;
    }
    case A.assetRemoved: {
        const next: Record<string, AssetList> = {};
        for (const [projectId, list] of Object.entries(state)) {
            next[projectId] = list.ids.includes(action.assetId) ? {...list, ids: list.ids.filter((id) => id !== action.assetId)} : list;
        }
        return next;
    }
    default:
        return state;
    }
};

const combined = combineReducers({
    i18n, rightClick, menu, modal, assetModal, toast, selectedTaskId, tasks, list, projects, refresh, liveStamp, projectStamps, me, botUserId, assets, assetLists, decisionStamps,
    decisions, openDecisionId, decisionDialog, rolloutStamps, taskSources, shelfStamps, openAsset, itemLinkNotice,
});

export type PluginState = ReturnType<typeof combined>;

// The host hands every action in the store to every reducer; ours only act on their own types.
const reducer: Reducer<PluginState> = (state, action) => combined(state, action as PluginAction);
export default reducer;
