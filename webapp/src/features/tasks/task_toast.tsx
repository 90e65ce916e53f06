import React, {useEffect} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {toastClosed} from '../../actions';
import commonMessages from '../../components/messages';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {pluginState} from '../../selectors';

import messages from './messages';
import {openTask} from './open_task';

const SHOW_MS = 8000;

// The confirmation after a task is created, with a way into the sidebar.
export default function TaskToast() {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const toast = useAppSelector((s) => pluginState(s).toast);

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
                    openTask(dispatch, toast.taskId);
                    dispatch(toastClosed());
                }}
            >
                <FormattedMessage {...messages.openInSidebar}/>
            </button>
            <button
                type='button'
                className='tl-btn tl-btn--icon tl-btn--x'
                aria-label={intl.formatMessage(commonMessages.dismiss)}
                onClick={() => dispatch(toastClosed())}
            />
        </div>
    );
}
