import React from 'react';
import {FormattedDate, FormattedMessage, FormattedTime, type MessageDescriptor} from 'react-intl';

import ErrorNotice from '../../components/error_notice';
import UserName from '../../components/user_name';
import {statusMessages} from '../tasks';
import {TASK_STATUSES, type HistoryEntry, type TaskStatus} from '../../types';
import type {RequestState} from '../../use_request';

import messages from './messages';

const FIELDS: Record<string, MessageDescriptor> = {
    title: messages.fieldTitle,
    description: messages.fieldDescription,
    status: messages.fieldStatus,
    assignee_id: messages.fieldAssignee,
    due_at: messages.fieldDue,
    project_id: messages.fieldProject,
};

const MAX_TEXT = 80;

function Value({field, value}: {field: string | null; value: string | null}) {
    if (value === null || value === '' || value === 'null') {
        return <FormattedMessage {...messages.historyEmptyValue}/>;
    }
    if (field === 'status' && TASK_STATUSES.includes(value as TaskStatus)) {
        return <FormattedMessage {...statusMessages[value as TaskStatus]}/>;
    }
    if (field === 'assignee_id') {
        return <UserName userId={value}/>;
    }
    if (field === 'due_at' && !Number.isNaN(Date.parse(value))) {
        return <FormattedDate value={value}/>;
    }
    return <>{'“' + (value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) + '…' : value) + '”'}</>;
}

function Entry({entry}: {entry: HistoryEntry}) {
    const actor = <UserName userId={entry.actor_id}/>;
    let text: React.ReactNode;
    if (entry.action === 'updated') {
        const field = entry.field && FIELDS[entry.field] ? <FormattedMessage {...FIELDS[entry.field]}/> : entry.field;
        text = (
            <FormattedMessage
                {...messages.historyUpdated}
                values={{actor, field, from: <Value {...{field: entry.field, value: entry.from}}/>, to: <Value {...{field: entry.field, value: entry.to}}/>}}
            />
        );
    } else {
        text = (
            <FormattedMessage
                {...(entry.action === 'created' ? messages.historyCreated : messages.historyDeleted)}
                values={{actor}}
            />
        );
    }
    return (
        <li>
            {text}
            {' '}
            <span className='tl-muted'>
                <FormattedDate value={entry.at}/>
                {' '}
                <FormattedTime value={entry.at}/>
            </span>
        </li>
    );
}

export default function HistoryList({history}: {history: RequestState<HistoryEntry[]> & {reload: () => void}}) {
    if (history.error) {
        return (
            <ErrorNotice
                error={history.error}
                onRetry={history.reload}
            />
        );
    }
    if (!history.data) {
        return <p className='tl-muted'><FormattedMessage {...messages.historyLoading}/></p>;
    }
    return (
        <ol className='tl-history'>
            {history.data.map((e) => (
                <Entry
                    key={e.id}
                    entry={e}
                />
            ))}
        </ol>
    );
}
