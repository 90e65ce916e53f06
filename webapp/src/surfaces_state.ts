import type {Task} from '@throughline/contract';

import {A, type ItemLinkNotice, type PluginAction} from './actions';

const NONE: string[] = [];

function withTask(state: Record<string, string[]>, task: Task) {
    const post = task.source_post_id;
    const ids = post ? state[post] ?? NONE : NONE;
    return post && !ids.includes(task.id) ? {...state, [post]: [...ids, task.id]} : state;
}

// Per post asked about, the ids of the tasks made from it (into `tasks`, where live events land):
// an answer replaces what was known of the posts it was asked for; a task made or deleted since moves it.
export const taskSources = (state: Record<string, string[]> = {}, action: PluginAction): Record<string, string[]> => {
    switch (action.type) {
    case A.taskSourcesReceived: {
        const next = {...state};
        action.postIds.forEach((id) => {
            next[id] = NONE;
        });
        return action.tasks.reduce(withTask, next);
    }
    case A.taskCreated:
    case A.taskReceived:
    case A.taskPushed:
        return withTask(state, action.task);
    case A.taskDeleted: {
        const post = Object.keys(state).find((id) => state[id].includes(action.taskId));
        return post ? {...state, [post]: state[post].filter((id) => id !== action.taskId)} : state;
    }
    default:
        return state;
    }
};

// Per channel, how many approvals reached it: its banner of approved versions asks again when its count moves.
export const shelfStamps = (state: Record<string, number> = {}, action: PluginAction) =>
    (action.type === A.shelfChanged ? {...state, [action.channelId]: (state[action.channelId] ?? 0) + 1} : state);

// The asset the sidebar should show next in its Assets tab; a new object on every ask, so asking again shows it again.
export const openAsset = (state: {projectId: string; assetId: string} | null = null, action: PluginAction) =>
    (action.type === A.assetOpened ? {projectId: action.projectId, assetId: action.assetId} : state);

// Why the last item link opened nothing, until dismissed or another one opens.
export const itemLinkNotice = (state: ItemLinkNotice | null = null, action: PluginAction) => (action.type === A.itemLinkNoticed ? action.notice : state);
