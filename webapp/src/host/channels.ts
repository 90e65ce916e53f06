import {useEffect} from 'react';
import {shallowEqual} from 'react-redux';

import {getChannelById} from '../client';
import {useAppSelector, useAppStore} from '../hooks';
import {unasked} from '../resource';

import {receivedChannel} from './actions';
import {getChannel, isMyChannel} from './selectors';

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

// Those of `ids` the user is a member of (the service lets a person share or roll out only to those), loading any the store lacks.
export function useMyChannels(ids: string[]): string[] {
    useChannels(ids);
    return useAppSelector((s) => ids.filter((id) => isMyChannel(s, id)), shallowEqual);
}
