import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {ErrorInfo} from '../actions';

import {errorMessages, isErrorCode} from './error_messages';
import {Alert} from './form';
import messages from './messages';

// The user's own language for every code the service answers with; the service's text only for a
// code this build does not know (a newer service), or Mattermost's own errors.
export function ErrorText({error}: {error: ErrorInfo}) {
    if (error.code === 'network' || error.code === 'unknown') {
        return <FormattedMessage {...messages.network}/>;
    }
    if (isErrorCode(error.code)) {
        return <FormattedMessage {...errorMessages[error.code]}/>;
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
