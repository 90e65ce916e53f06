import type {Task, TaskSources} from '@throughline/contract';

import {service, type Opts} from '../../client';

// The service's TASK_SOURCES_MAX: at most this many messages per ask.
export const SOURCES_PER_ASK = 100;

export const getTaskSources = (postIds: string[], o: Opts = {}): Promise<Task[]> =>
    service<TaskSources>({method: 'POST', url: '/tasks/sources', data: {post_ids: postIds}, signal: o.signal}).then((r) => r.items);
