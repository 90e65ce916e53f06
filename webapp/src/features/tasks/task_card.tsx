import type {TaskSnapshot} from '@throughline/contract';
import React from 'react';
import {FormattedDate, FormattedMessage} from 'react-intl';

import UserName from '../../components/user_name';
import {useAppDispatch, useAppSelector} from '../../hooks';
import type {PostTypeComponentProps} from '../../host/types';
import {useProfiles} from '../../host/users';
import {pluginState} from '../../selectors';

import messages from './messages';
import {openTask} from './open_task';
import {StatusBadge} from './status';
import {isTaskStatus} from './statuses';

// What the card shows of props.task; older cards may lack the rest.
type CardTask = Pick<TaskSnapshot, 'id' | 'title' | 'status' | 'assignee_id' | 'due_at'>;

function readSummary(value: unknown): CardTask | null {
    const t = value as Partial<TaskSnapshot> | null;
    if (!t || typeof t.id !== 'string' || typeof t.title !== 'string' || !isTaskStatus(t.status)) {
        return null;
    }
    return {id: t.id, title: t.title, status: t.status, assignee_id: t.assignee_id ?? null, due_at: t.due_at ?? null};
}

// The body of a custom_throughline_task post; the post's message is the fallback where this does not run.
export default function TaskCard({post}: PostTypeComponentProps) {
    const dispatch = useAppDispatch();
    const summary = readSummary(post.props?.task);

    // A copy the sidebar changed since the card was posted is fresher than the post.
    const live = useAppSelector((s) => (summary ? pluginState(s).tasks[summary.id] : undefined));
    const task = live ?? summary;
    useProfiles([task?.assignee_id]);

    if (!task) {
        return <p>{post.message}</p>;
    }
    return (
        <div className='tl-card'>
            <span className='tl-muted'><FormattedMessage {...messages.cardLabel}/></span>
            <span className='tl-card__title'>{task.title}</span>
            <span className='tl-card__meta'>
                <StatusBadge status={task.status}/>
                <span><UserName userId={task.assignee_id}/></span>
                {task.due_at && (
                    <span>
                        <FormattedMessage
                            {...messages.cardDue}
                            values={{date: <FormattedDate value={task.due_at}/>}}
                        />
                    </span>
                )}
            </span>
            <span>
                <button
                    type='button'
                    className='tl-btn tl-btn--link'
                    onClick={() => openTask(dispatch, task.id)}
                >
                    <FormattedMessage {...messages.openInSidebar}/>
                </button>
            </span>
        </div>
    );
}
