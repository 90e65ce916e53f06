import {useEffect} from 'react';
import {useSelector, useStore} from 'react-redux';

import {meReceived} from './actions';
import {getMe} from './client';
import {pluginState} from './selectors';
import type {HostState, HostStore, Me} from './types';

// One question in flight per store (a page has one; tests have many).
const asking = new WeakMap<object, Promise<Me>>();

// Who the service says the user is (guest or not). Asked once per page load, then kept in the store.
// Until it answers, callers treat the user as a guest: no controls the service might refuse.
export function useMe(): Me | null {
    const store = useStore() as unknown as HostStore;
    const me = useSelector((s: HostState) => pluginState(s).me);
    useEffect(() => {
        if (me) {
            return;
        }
        let question = asking.get(store);
        if (!question) {
            question = getMe();
            asking.set(store, question);
            question.then((m) => store.dispatch(meReceived(m)), () => {
                asking.delete(store); // the next view that needs it asks again
            });
        }
    }, [me, store]);
    return me;
}

export const isStaff = (me: Me | null) => Boolean(me && !me.is_guest);
