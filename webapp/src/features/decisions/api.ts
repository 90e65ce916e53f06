import type {CreateDecision, Decision, DecisionHistoryPage, DecisionPage, FollowUpTask, ListDecisionsQuery, PatchDecision, Task} from '@throughline/contract';

import type {Post, PostList} from '@mattermost/types/posts';

import {decisionPath, HISTORY_PAGE, mattermost, service, type Opts} from '../../client';

// The decision calls only the log, the detail and the dialog make (the decisions chunk); the card's
// two (read one, confirm a receipt) are in client.ts.
export const createDecision = (body: CreateDecision) => service<Decision>({method: 'POST', url: '/decisions', data: body});

export const listDecisions = (query: ListDecisionsQuery, o: Opts = {}) => service<DecisionPage>({url: '/decisions', params: query, signal: o.signal});

export const patchDecision = (id: string, patch: PatchDecision) => service<Decision>({method: 'PATCH', url: decisionPath(id), data: patch});

export const decide = (id: string, version: number) => service<Decision>({method: 'POST', url: decisionPath(id) + '/decide', data: {version}});

export const revokeDecision = (id: string, version: number, reason: string) =>
    service<Decision>({method: 'POST', url: decisionPath(id) + '/revoke', data: {version, reason}});

export const getDecisionHistory = (id: string, o: Opts & {cursor?: string | null} = {}) =>
    service<DecisionHistoryPage>({url: decisionPath(id) + '/history', params: {limit: HISTORY_PAGE, ...(o.cursor ? {cursor: o.cursor} : {})}, signal: o.signal});

export const createFollowUpTask = (id: string, body: FollowUpTask) => service<Task>({method: 'POST', url: decisionPath(id) + '/tasks', data: body});

// A thread: its root and every reply, oldest first.
export async function getThread(rootId: string, o: Opts = {}): Promise<Post[]> {
    const list = await mattermost<PostList>({url: '/posts/' + encodeURIComponent(rootId) + '/thread', signal: o.signal});
    return Object.values(list.posts ?? {}).sort((a, b) => a.create_at - b.create_at);
}
