import type {Decision, DecisionHistoryEntry} from '@throughline/contract';
import React, {useCallback} from 'react';
import {FormattedMessage, useIntl, type MessageDescriptor} from 'react-intl';
import {shallowEqual} from 'react-redux';

import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import OlderEntries from '../../components/older_entries';
import UserName from '../../components/user_name';
import When from '../../components/when';
import {useAppSelector} from '../../hooks';
import {channelLabel} from '../../host/selectors';
import {useProfiles} from '../../host/users';
import {usePagedHistory} from '../../use_paged_history';

import {getDecisionHistory} from './api';
import {useDecisionStamp} from './use_decision';
import messages from './view_messages';

const ACTIONS: Record<DecisionHistoryEntry['action'], MessageDescriptor> = {
    recorded: messages.historyRecorded,
    updated: messages.historyUpdated,
    decided: messages.historyDecided,
    superseded: messages.historySuperseded,
    revoked: messages.historyRevoked,
    receipt_confirmed: messages.historyReceipt,
    linked: messages.historyLinked,
    unlinked: messages.historyUnlinked,
};

const FIELDS: Record<string, MessageDescriptor> = {
    statement: messages.fieldStatement,
    rationale: messages.fieldRationale,
    approver_id: messages.fieldApprover,
    channel_ids: messages.fieldChannels,
    quote_post_ids: messages.fieldQuotes,
    task_ids: messages.fieldTasks,
    asset_version_ids: messages.fieldVersions,
};

// Everything that happened to the decision, newest first, a page at a time; the newest page is loaded again whenever the decision changes.
export default function DecisionHistory({decision}: {decision: Decision}) {
    const intl = useIntl();
    const stamp = useDecisionStamp(decision.project_id);
    const confirmed = decision.receipts.filter((r) => r.confirmed_at).length;
    const fetchPage = useCallback((o: {cursor?: string | null; signal: AbortSignal}) => getDecisionHistory(decision.id, o), [decision.id]);
    const history = usePagedHistory(`decision-history:${decision.id}:${decision.version}:${confirmed}#${stamp}`, fetchPage);
    const entries = history.entries ?? [];
    useProfiles(entries.map((e) => e.actor_id));
    const channels = useAppSelector((s) => entries.map((e) => (e.channel_id ? channelLabel(s, e.channel_id) ?? intl.formatMessage(messages.unknownChannel) : '')), shallowEqual);

    if (history.error && !history.entries) {
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
                {entries.map((e, i) => {
                    const field = e.field && FIELDS[e.field] ? intl.formatMessage(FIELDS[e.field]) : e.field ?? '';
                    return (
                        <li key={e.id}>
                            <FormattedMessage
                                {...messages.historyEntry}
                                values={keyed({
                                    change: (
                                        <FormattedMessage
                                            {...ACTIONS[e.action]}
                                            values={keyed({actor: <UserName userId={e.actor_id}/>, field, channel: channels[i]})}
                                        />
                                    ),
                                    when: <span className='tl-muted'><When at={e.at}/></span>,
                                })}
                            />
                        </li>
                    );
                })}
            </ol>
            <OlderEntries history={history}/>
        </>
    );
}
