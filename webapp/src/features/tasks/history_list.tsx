import type {HistoryEntry, TaskStatus} from '@throughline/contract';
import React from 'react';
import {FormattedDate, FormattedMessage, type MessageDescriptor} from 'react-intl';

import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import OlderEntries from '../../components/older_entries';
import UserName from '../../components/user_name';
import When from '../../components/when';
import type {PagedHistory} from '../../use_paged_history';

import messages from './list_messages';
import {statusMessages} from './messages';
import {isTaskStatus} from './statuses';

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
    if (field === 'status' && isTaskStatus(value)) {
        return <FormattedMessage {...statusMessages[value as TaskStatus]}/>;
    }
    if (field === 'assignee_id') {
        return <UserName userId={value}/>;
    }
    if (field === 'due_at' && !Number.isNaN(Date.parse(value))) {
        return <FormattedDate value={value}/>;
    }
    return (
        <FormattedMessage
            {...messages.historyQuoted}
            values={{text: value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) + '…' : value}}
        />
    );
}

function Change({entry}: {entry: HistoryEntry}) {
    const actor = <UserName userId={entry.actor_id}/>;
    if (entry.action !== 'updated') {
        return (
            <FormattedMessage
                {...(entry.action === 'created' ? messages.historyCreated : messages.historyDeleted)}
                values={keyed({actor})}
            />
        );
    }
    const field = entry.field && FIELDS[entry.field] ? <FormattedMessage {...FIELDS[entry.field]}/> : entry.field;
    return (
        <FormattedMessage
            {...messages.historyUpdated}
            values={keyed({actor, field, from: <Value {...{field: entry.field, value: entry.from}}/>, to: <Value {...{field: entry.field, value: entry.to}}/>})}
        />
    );
}

// The history, newest first, with a control for the older changes while there are more.
export default function HistoryList({history}: {history: PagedHistory<HistoryEntry>}) {
    if (history.error) {
        return (
            <ErrorNotice
                error={history.error}
                onRetry={history.reload}
            />
        );
    }
    if (!history.entries) {
        return <p className='tl-muted'><FormattedMessage {...messages.historyLoading}/></p>;
    }
    return (
        <>
            <ol className='tl-history'>
                {history.entries.map((e) => (
                    <li key={e.id}>
                        <FormattedMessage
                            {...messages.historyEntry}
                            values={keyed({change: <Change entry={e}/>, when: <span className='tl-muted'><When at={e.at}/></span>})}
                        />
                    </li>
                ))}
            </ol>
            <OlderEntries history={history}/>
        </>
    );
}
