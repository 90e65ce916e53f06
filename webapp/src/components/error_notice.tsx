import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {ErrorInfo} from '../actions';

import {Alert} from './form';
import messages from './messages';

// The service's own message, except where the browser never got one.
export function ErrorText({error}: {error: ErrorInfo}) {
    if (error.code === 'network' || error.code === 'unknown') {
        return <FormattedMessage {...messages.network}/>;
    }
    if (error.code === 'mattermost_unavailable') {
        return <FormattedMessage {...messages.unavailable}/>;
    }
    return <>{error.message}</>;
}

export default function ErrorNotice({error, onRetry}: {error: ErrorInfo; onRetry?: () => void}) {
    return (
        <Alert onRetry={onRetry}>
            <ErrorText error={error}/>
        </Alert>
    );
}
