import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {ErrorInfo} from '../actions';

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
        <div
            role='alert'
            className='tl-error'
        >
            <ErrorText error={error}/>
            {onRetry && (
                <>
                    {' '}
                    <button
                        type='button'
                        className='tl-btn tl-btn--link'
                        onClick={onRetry}
                    >
                        <FormattedMessage {...messages.retry}/>
                    </button>
                </>
            )}
        </div>
    );
}
