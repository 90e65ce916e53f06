import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {PagedHistory} from '../use_paged_history';

import ErrorNotice from './error_notice';
import messages from './messages';

// Under a paged history: why the older page failed, or the control that asks for it while there is one.
export default function OlderEntries({history}: {history: Pick<PagedHistory<unknown>, 'hasOlder' | 'loadingOlder' | 'olderError' | 'loadOlder'>}) {
    if (history.olderError) {
        return (
            <ErrorNotice
                error={history.olderError}
                onRetry={history.loadOlder}
            />
        );
    }
    if (!history.hasOlder) {
        return null;
    }
    return (
        <button
            type='button'
            className='tl-btn tl-btn--link'
            aria-disabled={history.loadingOlder}
            onClick={history.loadOlder}
        >
            <FormattedMessage {...(history.loadingOlder ? messages.historyOlderLoading : messages.historyOlder)}/>
        </button>
    );
}
