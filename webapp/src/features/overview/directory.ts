import type {OverviewChannel, OverviewUser} from '@throughline/contract';
import {useMemo} from 'react';
import {useIntl} from 'react-intl';

import commonMessages from '../../components/messages';

type Named = {users: OverviewUser[]; channels: OverviewChannel[]};

export type Names = {user: (id: string | null) => string; channel: (id: string) => string};

// People and channels by name from the answer's own directory (a guest gets names the host store
// may not hold); an id the answer does not name reads as unknown, never as an id.
export function useNames(answer: Named | null): Names {
    const intl = useIntl();
    return useMemo(() => {
        const users = new Map((answer?.users ?? []).map((u) => [u.id, u.display_name || u.username]));
        const channels = new Map((answer?.channels ?? []).map((c) => [c.id, c.display_name || c.name]));
        return {
            user: (id) => (id === null ? intl.formatMessage(commonMessages.unassigned) : users.get(id) || intl.formatMessage(commonMessages.unknownUser)),
            channel: (id) => channels.get(id) || intl.formatMessage(commonMessages.unknownChannel),
        };
    }, [answer, intl]);
}
