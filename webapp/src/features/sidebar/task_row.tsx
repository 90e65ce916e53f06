import React from 'react';
import {FormattedDate, FormattedMessage} from 'react-intl';

import UserName from '../../components/user_name';
import {StatusSelect} from '../tasks';
import type {Task, TaskStatus} from '../../types';

import {isOverdue} from './filters';
import messages from './messages';

type Props = {
    task: Task;
    now: number;
    pending: boolean;
    onOpen: (id: string) => void;
    onStatus: (task: Task, status: TaskStatus) => void;
};

export default function TaskRow({task, now, pending, onOpen, onStatus}: Props) {
    const overdue = isOverdue(task, now);
    return (
        <div className='tl-row'>
            <div className='tl-row__main'>
                <button
                    type='button'
                    className='tl-btn tl-btn--link tl-row__title'
                    onClick={() => onOpen(task.id)}
                >
                    {task.title}
                </button>
                <span className={overdue ? 'tl-muted tl-overdue' : 'tl-muted'}>
                    <UserName userId={task.assignee_id}/>
                    {task.due_at && (
                        <>
                            {' · '}
                            <FormattedMessage
                                {...messages.dueOn}
                                values={{date: <FormattedDate value={task.due_at}/>}}
                            />
                        </>
                    )}
                </span>
            </div>
            <StatusSelect
                value={task.status}
                title={task.title}
                disabled={pending}
                onChange={(status) => onStatus(task, status)}
            />
        </div>
    );
}
