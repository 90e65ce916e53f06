import type {Task, TaskSnapshot} from '@throughline/contract';
import React from 'react';
import {FormattedDate, FormattedMessage} from 'react-intl';

import {taskReceived} from '../../actions';
import {getTask} from '../../client';
import {useGenuineCard} from '../../components/card_guard';
import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import {useAppDispatch, useAppSelector} from '../../hooks';
import type {PostTypeComponentProps} from '../../host/types';
import {useProfiles} from '../../host/users';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';

import messages from './messages';
import {openTask} from './open_task';
import {StatusBadge} from './status';

// What the card takes from props.task: which task, and the channel the card says it is about. Everything
// shown comes from the task as the service answers it, never from props, which whoever posted chose.
type CardRef = Pick<TaskSnapshot, 'id' | 'channel_id'>;

function readRef(value: unknown): CardRef | null {
    const t = value as Partial<TaskSnapshot> | null;
    if (!t || typeof t.id !== 'string' || typeof t.channel_id !== 'string') {
        return null;
    }
    return {id: t.id, channel_id: t.channel_id};
}

// The body of a custom_throughline_task post; the post's message is the fallback where this does not run,
// and what is shown for a post the bot did not write.
export default function TaskCard({post}: PostTypeComponentProps) {
    const ref = readRef(post.props?.task);

    // The bot sends task cards to a channel and, for reminders and assignments, to its direct messages.
    const genuine = useGenuineCard(post, ref?.channel_id, true);
    if (!ref || !genuine) {
        return <p>{post.message}</p>;
    }
    return (
        <Card
            taskId={ref.id}
            message={post.message}
        />
    );
}

function Card({taskId, message}: {taskId: string; message: string}) {
    const dispatch = useAppDispatch();

    // The copy in the plugin store came from the service and live events keep it current; without one, ask.
    const task = useAppSelector((s) => pluginState(s).tasks[taskId]);
    const req = useResource<Task>(task ? null : 'task:' + taskId, async (signal) => {
        const t = await getTask(taskId, {signal});
        dispatch(taskReceived(t));
        return t;
    });
    useProfiles([task?.assignee_id]);

    if (!task) {
        return (
            <>
                <p>{message}</p>
                {req.error && req.error.code !== 'not_found' && (
                    <ErrorNotice
                        error={req.error}
                        onRetry={req.reload}
                    />
                )}
            </>
        );
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
                            values={keyed({date: <FormattedDate value={task.due_at}/>})}
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
