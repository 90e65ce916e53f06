import type {Decision, Project} from '@throughline/contract';
import React, {useEffect, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {decisionOpened} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import keyed from '../../components/keyed';
import When from '../../components/when';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useChannels} from '../../host/channels';
import {channelLabel, displayName} from '../../host/selectors';
import {useChannelMembers} from '../../host/users';
import {pluginState} from '../../selectors';

import DecisionDetail from './decision_detail';
import {DECISION_STATUS_LIST} from './limits';
import {decisionStatusMessages} from './messages';
import {DecisionStatusBadge} from './status';
import {NO_LOG_FILTERS, useDecisionLog, type LogFilters} from './use_decision_log';
import messages from './view_messages';

type Props = {
    project: Project | undefined; // none: the channel is in no project, only an opened decision shows
    channelId: string;
};

const TYPING_MS = 300;
const ROW_TEXT = 160;

// The Decisions tab of the sidebar: the project's decision log, and one decision in detail.
export default function DecisionsPanel({project, channelId}: Props) {
    const dispatch = useAppDispatch();
    const openId = useAppSelector((s) => pluginState(s).openDecisionId);
    if (openId) {
        return (
            <DecisionDetail
                key={openId}
                decisionId={openId}
                onBack={() => dispatch(decisionOpened(null))}
            />
        );
    }
    return project ? (
        <Log
            project={project}
            channelId={channelId}
        />
    ) : null;
}

function Log({project, channelId}: {project: Project; channelId: string}) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const [filters, setFilters] = useState<LogFilters>(NO_LOG_FILTERS);
    const [text, setText] = useState('');
    const log = useDecisionLog(project.id, filters);
    const members = useChannelMembers(channelId);
    useChannels(project.channel_ids);
    const channelNames = useAppSelector((s) => project.channel_ids.map((id) => channelLabel(s, id) ?? intl.formatMessage(messages.unknownChannel)), shallowEqual);
    const filtered = Boolean(filters.status || filters.channelId || filters.personId || filters.q.trim());

    // The text filter applies once typing pauses, not on every key.
    useEffect(() => {
        if (text === filters.q) {
            return undefined;
        }
        const timer = setTimeout(() => setFilters((f) => ({...f, q: text})), TYPING_MS);
        return () => clearTimeout(timer);
    }, [text, filters.q]);

    const set = (changes: Partial<LogFilters>) => setFilters((f) => ({...f, ...changes}));
    const any = intl.formatMessage(messages.any);

    let body: React.ReactNode;
    if (log.error && !log.decisions.length) {
        body = (
            <ErrorNotice
                error={log.error}
                onRetry={log.reload}
            />
        );
    } else if (!log.loaded) {
        body = <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>;
    } else if (!log.decisions.length) {
        body = filtered ? (
            <p className='tl-card__meta'>
                <FormattedMessage {...messages.emptyFiltered}/>
                <button
                    type='button'
                    className='tl-btn tl-btn--link'
                    onClick={() => {
                        setText('');
                        setFilters(NO_LOG_FILTERS);
                    }}
                >
                    <FormattedMessage {...messages.clearFilters}/>
                </button>
            </p>
        ) : <p><FormattedMessage {...messages.empty}/></p>;
    } else {
        body = (
            <>
                <ul
                    className='tl-assets'
                    aria-label={intl.formatMessage(messages.listLabel)}
                    aria-busy={log.status === 'loading' || undefined}
                >
                    {log.decisions.map((d) => (
                        <Row
                            key={d.id}
                            decision={d}
                            onOpen={() => dispatch(decisionOpened(d.id))}
                        />
                    ))}
                </ul>
                {log.error && (
                    <ErrorNotice
                        error={log.error}
                        onRetry={log.reload}
                    />
                )}
                {log.hasMore && (
                    <p>
                        <button
                            type='button'
                            className='tl-btn'
                            aria-disabled={log.status === 'loading'}
                            onClick={() => log.status !== 'loading' && log.loadMore()}
                        >
                            <FormattedMessage {...(log.status === 'loading' ? messages.loadingMore : messages.loadMore)}/>
                        </button>
                    </p>
                )}
            </>
        );
    }

    return (
        <div className='tl-detail'>
            <div className='tl-filters'>
                <Field
                    label={messages.filterStatus}
                    inline={true}
                >
                    {(control) => (
                        <select
                            {...control}
                            className='tl-input'
                            value={filters.status}
                            onChange={(e) => set({status: e.target.value as LogFilters['status']})}
                        >
                            <option value=''>{any}</option>
                            {DECISION_STATUS_LIST.map((s) => (
                                <option
                                    key={s}
                                    value={s}
                                >
                                    {intl.formatMessage(decisionStatusMessages[s])}
                                </option>
                            ))}
                        </select>
                    )}
                </Field>
                <Field
                    label={messages.filterChannel}
                    inline={true}
                >
                    {(control) => (
                        <select
                            {...control}
                            className='tl-input'
                            value={filters.channelId}
                            onChange={(e) => set({channelId: e.target.value})}
                        >
                            <option value=''>{any}</option>
                            {project.channel_ids.map((id, i) => (
                                <option
                                    key={id}
                                    value={id}
                                >
                                    {channelNames[i]}
                                </option>
                            ))}
                        </select>
                    )}
                </Field>
                <Field
                    label={messages.filterPerson}
                    inline={true}
                >
                    {(control) => (
                        <select
                            {...control}
                            className='tl-input'
                            value={filters.personId}
                            onChange={(e) => set({personId: e.target.value})}
                        >
                            <option value=''>{any}</option>
                            {(members.data ?? []).map((u) => (
                                <option
                                    key={u.id}
                                    value={u.id}
                                >
                                    {displayName(u, u.username)}
                                </option>
                            ))}
                        </select>
                    )}
                </Field>
                <Field
                    label={messages.filterText}
                    inline={true}
                >
                    {(control) => (
                        <input
                            {...control}
                            type='search'
                            className='tl-input'
                            value={text}
                            onChange={(e) => setText(e.target.value)}
                        />
                    )}
                </Field>
            </div>
            {body}
        </div>
    );
}

function Row({decision, onOpen}: {decision: Decision; onOpen: () => void}) {
    const chars = Array.from(decision.statement);
    const text = chars.length > ROW_TEXT ? chars.slice(0, ROW_TEXT).join('') + '…' : decision.statement;
    return (
        <li className='tl-asset'>
            <div className='tl-asset__main'>
                <button
                    type='button'
                    className='tl-btn tl-btn--link tl-row__title'
                    onClick={onOpen}
                >
                    {text}
                </button>
                <span className='tl-card__meta'>
                    <DecisionStatusBadge status={decision.status}/>
                    <span className='tl-muted'>
                        <FormattedMessage
                            {...(decision.decided_at ? messages.rowDecided : messages.rowRecorded)}
                            values={keyed({when: <When at={decision.decided_at ?? decision.created_at}/>})}
                        />
                    </span>
                </span>
            </div>
        </li>
    );
}
