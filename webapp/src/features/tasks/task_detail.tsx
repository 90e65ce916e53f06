import type {Task, TaskStatus} from '@throughline/contract';
import React, {useCallback} from 'react';
import {FormattedDate, FormattedMessage} from 'react-intl';

import {taskReceived, taskSelected} from '../../actions';
import {fileUrl, getTask, getTaskHistory} from '../../client';
import ErrorNotice from '../../components/error_notice';
import UserName from '../../components/user_name';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {jumpToPost, postPermalink} from '../../host/navigation';
import {useProfiles} from '../../host/users';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';
import {usePagedHistory} from '../../use_paged_history';

import HistoryList from './history_list';
import messages from './list_messages';
import {StatusSelect} from './status';

type Props = {
    taskId: string;
    pending: boolean;
    onStatus: (task: Task, status: TaskStatus) => void;

    // What another feature shows of this task under its fields (its rollout).
    aside?: (task: Task) => React.ReactNode;
};

export default function TaskDetail({taskId, pending, onStatus, aside}: Props) {
    const dispatch = useAppDispatch();
    const task = useAppSelector((s) => pluginState(s).tasks[taskId]);

    // Always ask for the latest copy: the card or toast that opened this may be old.
    const fresh = useResource<Task>('task:' + taskId, async (signal) => {
        const t = await getTask(taskId, {signal});
        dispatch(taskReceived(t));
        return t;
    });
    const fetchHistory = useCallback((o: {cursor?: string | null; signal: AbortSignal}) => getTaskHistory(taskId, o), [taskId]);
    const history = usePagedHistory(task ? `history:${taskId}@${task.version}` : null, fetchHistory);
    useProfiles([task?.assignee_id, ...(history.entries ?? []).map((e) => e.actor_id)]);

    const back = (
        <button
            type='button'
            className='tl-btn tl-btn--link'
            onClick={() => dispatch(taskSelected(null))}
        >
            <FormattedMessage {...messages.back}/>
        </button>
    );

    if (!task) {
        return (
            <div className='tl-detail'>
                {back}
                {fresh.error ? (
                    <ErrorNotice
                        error={fresh.error}
                        onRetry={fresh.reload}
                    />
                ) : <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>}
            </div>
        );
    }

    const link = task.source_post_id ? postPermalink(task.source_post_id) : task.permalink;
    return (
        <div className='tl-detail'>
            {back}
            <h3>{task.title}</h3>
            <dl>
                <dt><FormattedMessage {...messages.detailStatus}/></dt>
                <dd>
                    <StatusSelect
                        value={task.status}
                        title={task.title}
                        disabled={pending}
                        onChange={(status) => onStatus(task, status)}
                    />
                </dd>
                <dt><FormattedMessage {...messages.detailAssignee}/></dt>
                <dd><UserName userId={task.assignee_id}/></dd>
                <dt><FormattedMessage {...messages.detailDue}/></dt>
                <dd>{task.due_at ? <FormattedDate value={task.due_at}/> : <FormattedMessage {...messages.noDue}/>}</dd>
            </dl>
            {aside?.(task)}
            {task.description && (
                <>
                    <h4><FormattedMessage {...messages.detailDescription}/></h4>
                    <p className='tl-desc'>{task.description}</p>
                </>
            )}
            {task.files.length > 0 && (
                <>
                    <h4><FormattedMessage {...messages.detailFiles}/></h4>
                    <ul className='tl-files'>
                        {task.files.map((f) => (
                            <li key={f.id}>
                                <a href={fileUrl(f.id)}>{f.name}</a>
                            </li>
                        ))}
                    </ul>
                </>
            )}
            {link && (
                <p>
                    <a
                        href={link}
                        onClick={(e) => jumpToPost(e, task.source_post_id)}
                    >
                        <FormattedMessage {...messages.jump}/>
                    </a>
                </p>
            )}
            <h4><FormattedMessage {...messages.detailHistory}/></h4>
            <HistoryList history={history}/>
        </div>
    );
}
