import React from 'react';
import {FormattedMessage} from 'react-intl';

import {useAppSelector} from '../hooks';
import {displayName, getUser} from '../host/selectors';

import messages from './messages';

// A user by display name from the host store; fetching missing profiles is the caller's job (useProfiles).
export default function UserName({userId}: {userId: string | null}) {
    const user = useAppSelector((s) => (userId ? getUser(s, userId) : undefined));
    if (!userId) {
        return <FormattedMessage {...messages.unassigned}/>;
    }
    if (!user) {
        return <FormattedMessage {...messages.unknownUser}/>;
    }
    return <>{displayName(user, user.username)}</>;
}
