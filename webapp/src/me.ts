import type {Me, Permission} from '@throughline/contract';

import {meReceived} from './actions';
import {getMe} from './client';
import {useAppDispatch, useAppSelector} from './hooks';
import {useResource} from './resource';
import {pluginState} from './selectors';

// Who the service says the user is and what they may do. Asked once per page load, then kept in the store.
function useMe(): Me | null {
    const dispatch = useAppDispatch();
    const me = useAppSelector((s) => pluginState(s).me);
    useResource(me ? null : 'me', async (signal) => {
        const answer = await getMe({signal});
        dispatch(meReceived(answer));
        return answer;
    });
    return me;
}

// Whether the service says the user may do this somewhere; false until /me answers, so no control it might refuse shows.
// On a project or an asset, ask its own `permissions` instead.
export function useMay(permission: Permission): boolean {
    const me = useMe();
    return Boolean(me?.permissions.includes(permission));
}
