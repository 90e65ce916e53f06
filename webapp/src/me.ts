import {meReceived} from './actions';
import {getMe} from './client';
import {useAppDispatch, useAppSelector} from './hooks';
import {useResource} from './resource';
import {pluginState} from './selectors';
import type {Me} from './types';

// Who the service says the user is (guest or not). Asked once per page load, then kept in the store.
// Until it answers, callers treat the user as a guest: no controls the service might refuse.
export function useMe(): Me | null {
    const dispatch = useAppDispatch();
    const me = useAppSelector((s) => pluginState(s).me);
    useResource(me ? null : 'me', async (signal) => {
        const answer = await getMe({signal});
        dispatch(meReceived(answer));
        return answer;
    });
    return me;
}

export const isStaff = (me: Me | null) => Boolean(me && !me.is_guest);
