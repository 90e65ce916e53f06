import type {Task} from '@throughline/contract';
import React from 'react';
import {useIntl} from 'react-intl';

import {useAppDispatch} from '../../hooks';
import {StatusBadge, openTask, statusMessages} from '../tasks';

import m from './messages';

const SHOWN = 2;

// A task's status beside the message it was made from; a click opens the task in the sidebar.
export default function SourceChips({tasks}: {tasks: Task[]}) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    return (
        <span className='tl-source'>
            {tasks.slice(0, SHOWN).map((task) => (
                <button
                    key={task.id}
                    type='button'
                    className='tl-source__chip'
                    data-task-id={task.id}
                    aria-label={intl.formatMessage(m.sourceStatus, {title: task.title, status: intl.formatMessage(statusMessages[task.status])})}
                    title={task.title}
                    onClick={() => openTask(dispatch, task.id)}
                >
                    <StatusBadge status={task.status}/>
                </button>
            ))}
            {tasks.length > SHOWN && <span className='tl-muted'>{intl.formatMessage(m.more, {count: tasks.length - SHOWN})}</span>}
        </span>
    );
}
