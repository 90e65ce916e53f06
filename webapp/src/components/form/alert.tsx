import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import messages from '../messages';

type Props = {
    children: React.ReactNode;
    onRetry?: () => void;
    onDismiss?: () => void;
};

// Something went wrong, said at once to screen readers; optionally with a retry or a dismiss button.
export default function Alert({children, onRetry, onDismiss}: Props) {
    const intl = useIntl();
    return (
        <div
            role='alert'
            className='tl-error'
        >
            {children}
            {onRetry && (
                <button
                    type='button'
                    className='tl-btn tl-btn--link tl-error__action'
                    onClick={onRetry}
                >
                    <FormattedMessage {...messages.retry}/>
                </button>
            )}
            {onDismiss && (
                <button
                    type='button'
                    className='tl-btn tl-btn--icon tl-btn--x tl-error__action'
                    aria-label={intl.formatMessage(messages.dismiss)}
                    onClick={onDismiss}
                />
            )}
        </div>
    );
}
