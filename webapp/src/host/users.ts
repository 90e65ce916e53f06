import {useEffect} from 'react';

import type {UserProfile} from '@mattermost/types/users';

import {getChannelMembers, getProfilesByIds} from '../client';
import {useAppStore} from '../hooks';
import {unasked, useResource} from '../resource';

import {receivedProfiles} from './actions';
import {getUser} from './selectors';
import type {HostStore} from './types';

// Only profiles the host lacks: older hosts replace rather than merge, and the host's copy
// (the current user's above all) may hold fields these list answers leave out.
function receiveProfiles(store: HostStore, users: UserProfile[]) {
    const state = store.getState();
    const missing = users.filter((u) => !getUser(state, u.id));
    if (missing.length) {
        store.dispatch(receivedProfiles(missing));
    }
}

const byName = (a: UserProfile, b: UserProfile) => a.username.localeCompare(b.username);

// Active members of a channel, sorted by username; also fills the host's profiles.
export function useChannelMembers(channelId: string | null) {
    const store = useAppStore();
    return useResource<UserProfile[]>(channelId && 'members:' + channelId, async (signal) => {
        const users = await getChannelMembers(channelId as string, {signal});
        receiveProfiles(store, users);
        return users.sort(byName);
    });
}

// Fetches profiles the host store does not have yet, each id at most once per page load.
export function useProfiles(ids: Array<string | null | undefined>) {
    const store = useAppStore();
    const state = store.getState();
    const key = Array.from(new Set(ids)).filter((id): id is string => Boolean(id) && !getUser(state, id as string)).sort().join(',');

    useEffect(() => {
        const list = key ? unasked(store, 'user', key.split(',')) : [];
        if (list.length) {
            // On failure names fall back to "Unknown user"; not worth a retry loop.
            getProfilesByIds(list).then((users) => receiveProfiles(store, users), () => undefined);
        }
    }, [key, store]);
}
