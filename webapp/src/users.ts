import {useEffect} from 'react';
import {useStore} from 'react-redux';

import type {UserProfile} from '@mattermost/types/users';

import {getChannelMembers, getProfilesByIds} from './client';
import {getUser} from './selectors';
import type {HostState, HostStore} from './types';
import {useRequest} from './use_request';

// The host's own action type: profiles put here show up by name everywhere in Mattermost too.
const RECEIVED_PROFILES_LIST = 'RECEIVED_PROFILES_LIST';

// Only profiles the host lacks: older hosts replace rather than merge, and the host's copy
// (the current user's above all) may hold fields these list answers leave out.
function receiveProfiles(store: HostStore, users: UserProfile[]) {
    const state = store.getState();
    const missing = users.filter((u) => !getUser(state, u.id));
    if (missing.length) {
        store.dispatch({type: RECEIVED_PROFILES_LIST, data: missing} as {type: string});
    }
}

const byName = (a: UserProfile, b: UserProfile) => a.username.localeCompare(b.username);

// Active members of a channel, sorted by username; also fills the host's profiles.
export function useChannelMembers(channelId: string | null) {
    const store = useStore() as unknown as HostStore;
    return useRequest<UserProfile[]>(channelId, async (signal) => {
        const users = await getChannelMembers(channelId as string, {signal});
        receiveProfiles(store, users);
        return users.sort(byName);
    });
}

// Per store: a page has one; tests have many.
const askedBy = new WeakMap<object, Set<string>>();

// Fetches profiles the host store does not have yet (each id at most once per page load).
export function useProfiles(ids: Array<string | null | undefined>) {
    const store = useStore() as unknown as HostStore;
    const state: HostState = store.getState();
    const asked = askedBy.get(store) ?? new Set<string>();
    askedBy.set(store, asked);
    const missing = Array.from(new Set(ids)).filter((id): id is string => Boolean(id) && !asked.has(id as string) && !getUser(state, id as string));
    const key = missing.sort().join(',');

    useEffect(() => {
        if (!key) {
            return;
        }
        const list = key.split(',');
        list.forEach((id) => asked.add(id));

        // On failure names fall back to "Unknown user"; not worth a retry loop.
        getProfilesByIds(list).then((users) => receiveProfiles(store, users), () => undefined);
    }, [key, store, asked]);
}
