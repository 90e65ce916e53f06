import {useEffect} from 'react';
import {useStore} from 'react-redux';

import {getChannelById} from './client';
import {getChannel} from './selectors';
import type {HostStore} from './types';

// The host's own action type: a channel put here shows up by name in Mattermost too.
const RECEIVED_CHANNEL = 'RECEIVED_CHANNEL';

// Per store: a page has one; tests have many.
const askedBy = new WeakMap<object, Set<string>>();

// Loads channels the host store lacks (another team's, say), each at most once per page load.
// A channel the user may not read stays unnamed.
export function useChannels(ids: string[]) {
    const store = useStore() as unknown as HostStore;
    const state = store.getState();
    const asked = askedBy.get(store) ?? new Set<string>();
    askedBy.set(store, asked);
    const missing = Array.from(new Set(ids)).filter((id) => !asked.has(id) && !getChannel(state, id));
    const key = missing.sort().join(',');

    useEffect(() => {
        if (!key) {
            return;
        }
        for (const id of key.split(',')) {
            asked.add(id);
            getChannelById(id).then((data) => store.dispatch({type: RECEIVED_CHANNEL, data} as {type: string}), () => undefined);
        }
    }, [key, store, asked]);
}
