import {useEffect} from 'react';

import {getChannelById} from '../client';
import {useAppStore} from '../hooks';
import {unasked} from '../resource';

import {receivedChannel} from './actions';
import {getChannel} from './selectors';

// Loads channels the host store lacks (another team's, say), each at most once per page load.
// A channel the user may not read stays unnamed.
export function useChannels(ids: string[]) {
    const store = useAppStore();
    const state = store.getState();
    const key = Array.from(new Set(ids)).filter((id) => !getChannel(state, id)).sort().join(',');

    useEffect(() => {
        for (const id of key ? unasked(store, 'channel', key.split(',')) : []) {
            getChannelById(id).then((data) => store.dispatch(receivedChannel(data)), () => undefined);
        }
    }, [key, store]);
}
