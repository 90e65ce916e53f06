import type {Task, TaskStatus} from '@throughline/contract';
import React, {useMemo} from 'react';
import {FormattedMessage} from 'react-intl';

import ErrorNotice, {ErrorText} from '../../components/error_notice';
import {Alert} from '../../components/form';
import {useProfiles} from '../../host/users';

import {applyFilters, assigneesOf, groupRows, isFiltered, type Filters} from './filters';
import messages from './list_messages';
import TaskList from './task_list';
import type {useScopeTasks} from './use_scope_tasks';
import type {Notice} from './use_task_patch';

type Props = {
    list: ReturnType<typeof useScopeTasks>;
    me: string;
    filters: Filters;
    collapsed: ReadonlySet<TaskStatus>;
    pending: ReadonlySet<string>;
    onOpen: (id: string) => void;
    onStatus: (task: Task, status: TaskStatus) => void;
    onToggleGroup: (status: TaskStatus) => void;
    onClearFilters: () => void;
};

const MINUTE = 60000;

// A scope's tasks by status, filtered; or why there are none to show.
export default function TasksPanel({list, me, filters, collapsed, pending, onOpen, onStatus, onToggleGroup, onClearFilters}: Props) {
    // Overdue is judged to the minute, so the filtered list is not recomputed on every render.
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const visible = useMemo(() => applyFilters(list.tasks, filters, me, now), [list.tasks, filters, me, now]);
    const rows = useMemo(() => groupRows(visible, collapsed), [visible, collapsed]);
    useProfiles(useMemo(() => assigneesOf(list.tasks), [list.tasks]));

    if (list.status === 'error' && list.error) {
        return (
            <div className='tl-state'>
                <ErrorNotice
                    error={list.error}
                    onRetry={list.reload}
                />
            </div>
        );
    }
    if (list.status === 'loading' && !list.tasks.length) {
        return <p className='tl-state tl-muted'><FormattedMessage {...messages.loading}/></p>;
    }
    if (!list.tasks.length) {
        return <p className='tl-state'><FormattedMessage {...messages.empty}/></p>;
    }
    if (!visible.length && isFiltered(filters)) {
        return (
            <div className='tl-state'>
                <p><FormattedMessage {...messages.noMatch}/></p>
                <button
                    type='button'
                    className='tl-btn'
                    onClick={onClearFilters}
                >
                    <FormattedMessage {...messages.clearFilters}/>
                </button>
            </div>
        );
    }
    return (
        <TaskList
            rows={rows}
            now={now}
            pending={pending}
            onOpen={onOpen}
            onStatus={onStatus}
            onToggleGroup={onToggleGroup}
        />
    );
}

// What became of the last change: someone else's newer version, or the service's refusal.
export function PatchNotice({notice, onDismiss}: {notice: Notice | null; onDismiss: () => void}) {
    if (!notice) {
        return null;
    }
    return (
        <Alert onDismiss={onDismiss}>
            {notice.kind === 'conflict' ? (
                <FormattedMessage
                    {...messages.conflict}
                    values={{title: notice.title}}
                />
            ) : <ErrorText error={notice.error}/>}
        </Alert>
    );
}
