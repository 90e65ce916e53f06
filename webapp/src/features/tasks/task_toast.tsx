import React, {useEffect} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useDispatch, useSelector} from 'react-redux';

import {toastClosed} from '../../actions';
import {openSidebar} from '../../rhs';
import {pluginState} from '../../selectors';
import type {HostDispatch, HostState} from '../../types';

import messages from './messages';

const SHOW_MS = 8000;

// The confirmation after a task is created, with a way into the sidebar.
export default function TaskToast() {
    const intl = useIntl();
    const dispatch = useDispatch() as HostDispatch;
    const toast = useSelector((s: HostState) => pluginState(s).toast);

    useEffect(() => {
        if (!toast) {
            return undefined;
        }
        const timer = window.setTimeout(() => dispatch(toastClosed()), SHOW_MS);
        return () => window.clearTimeout(timer);
    }, [toast, dispatch]);

    if (!toast) {
        return null;
    }
    return (
        <div
            role='status'
            className='tl-toast'
        >
            <span>
                <FormattedMessage
                    {...messages.created}
                    values={{title: toast.title}}
                />
            </span>
            <button
                type='button'
                className='tl-btn tl-btn--link'
                onClick={() => {
                    openSidebar(dispatch, toast.taskId);
                    dispatch(toastClosed());
                }}
            >
                <FormattedMessage {...messages.openInSidebar}/>
            </button>
            <button
                type='button'
                className='tl-btn tl-btn--icon'
                aria-label={intl.formatMessage(messages.dismiss)}
                onClick={() => dispatch(toastClosed())}
            >
                {'×'}
            </button>
        </div>
    );
}
