import {taskSourcesReceived} from '../../actions';
import type {HostStore} from '../../host/types';
import {unasked} from '../../resource';

import {SOURCES_PER_ASK, getTaskSources} from './api';

// Posts that mounted since the last ask, per host store: asked about together, a screenful per request.
const pending = new WeakMap<HostStore, Set<string>>();

// Which messages tasks were made from: each post is asked about once per page load (and again after
// events were lost, `round`), batched with the other posts drawn at the same time.
export function askTaskSources(store: HostStore, postId: string, round: number) {
    if (!unasked(store, 'source#' + round, [postId]).length) {
        return;
    }
    let ids = pending.get(store);
    if (!ids) {
        const batch = new Set<string>();
        ids = batch;
        pending.set(store, batch);
        setTimeout(() => {
            pending.delete(store);
            const all = [...batch];
            for (let i = 0; i < all.length; i += SOURCES_PER_ASK) {
                const part = all.slice(i, i + SOURCES_PER_ASK);
                getTaskSources(part).then((tasks) => store.dispatch(taskSourcesReceived(part, tasks)), () => undefined);
            }
        }, 0);
    }
    ids.add(postId);
}
