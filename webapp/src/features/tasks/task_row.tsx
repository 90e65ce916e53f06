import type {Task, TaskStatus} from '@throughline/contract';
import React from 'react';
import {FormattedDate, FormattedMessage} from 'react-intl';

import keyed from '../../components/keyed';
import UserName from '../../components/user_name';

import {isOverdue} from './filters';
import messages from './list_messages';
import {StatusSelect} from './status';

type Props = {
    task: Task;
    now: number;
    pending: boolean;
    onOpen: (id: string) => void;
    onStatus: (task: Task, status: TaskStatus) => void;
};

export default function TaskRow({task, now, pending, onOpen, onStatus}: Props) {
    const overdue = isOverdue(task, now);
    const assignee = <UserName userId={task.assignee_id}/>;
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
                    {task.due_at ? (
                        <FormattedMessage
                            {...messages.assigneeDue}
                            values={keyed({assignee, date: <FormattedDate value={task.due_at}/>})}
                        />
                    ) : assignee}
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
