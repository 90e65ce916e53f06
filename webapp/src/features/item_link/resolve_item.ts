import {assetOpened, decisionOpened, taskReceived, taskSelected, type ItemLinkNotice, type PluginAction} from '../../actions';
import {getAsset, getDecision, getProject, getTask, isApiError} from '../../client';
import {getRollout} from '../rollouts';

import {isItemKind} from './address';

// Where an item opens: the channel to show, and what to put in the sidebar once there.
export type ItemTarget = {channelId: string; actions: PluginAction[]};

class ItemLinkError extends Error {
    constructor(readonly notice: ItemLinkNotice) {
        super(notice);
    }
}

// The service answers 404 alike for what does not exist and for what the reader may not see.
export function noticeFor(err: unknown): ItemLinkNotice {
    if (err instanceof ItemLinkError) {
        return err.notice;
    }
    return isApiError(err) && err.status >= 400 && err.status < 500 ? 'not_found' : 'unavailable';
}

const orNull = <T>(p: Promise<T>) => p.catch((err) => {
    if (noticeFor(err) === 'not_found') {
        return null;
    }
    throw err;
});

// A project-wide record (a decision, an asset) shows from the project's home channel, else from the
// first of its channels the reader is in.
async function projectChannel(projectId: string, own: string[], signal: AbortSignal): Promise<string> {
    const project = await getProject(projectId, {signal});
    const channelId = project.channel_id ?? own[0] ?? project.channel_ids[0];
    if (!channelId) {
        throw new ItemLinkError('not_found');
    }
    return channelId;
}

// Asks the service for the item (as the reader: it answers only what they may see) and where to show it.
export async function resolveItem(kind: string | null, id: string | null, signal: AbortSignal): Promise<ItemTarget> {
    if (!isItemKind(kind)) {
        throw new ItemLinkError('unknown_kind');
    }
    if (!id) {
        throw new ItemLinkError('not_found');
    }
    switch (kind) {
    case 'task': {
        const task = await getTask(id, {signal});
        return {channelId: task.channel_id, actions: [taskReceived(task), taskSelected(task.id)]};
    }
    case 'rollout': {
        // The matrix is beside the parent task; a reader outside its channel opens their own channel's task.
        const rollout = await getRollout(id, {signal});
        const task = (await orNull(getTask(rollout.task_id, {signal}))) ?? rollout.rows[0]?.task;
        if (!task) {
            throw new ItemLinkError('not_found');
        }
        return {channelId: task.channel_id, actions: [taskReceived(task), taskSelected(task.id)]};
    }
    case 'decision': {
        const decision = await getDecision(id, {signal});
        const channelId = await projectChannel(decision.project_id, decision.channel_ids, signal);
        return {channelId, actions: [taskSelected(null), decisionOpened(decision.id)]};
    }
    case 'asset': {
        const asset = await getAsset(id, {signal});
        const channelId = await projectChannel(asset.project_id, asset.channel_ids, signal);
        return {channelId, actions: [taskSelected(null), assetOpened(asset.project_id, asset.id)]};
    }
    }
}
