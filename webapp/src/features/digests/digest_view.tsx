import type {Digest, DigestLine, DigestSectionKey} from '@throughline/contract';
import React from 'react';
import {FormattedDate, FormattedMessage, useIntl, type MessageDescriptor} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {decisionOpened, taskSelected} from '../../actions';
import keyed from '../../components/keyed';
import commonMessages from '../../components/messages';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useChannels} from '../../host/channels';
import {jumpToPost, postPermalink} from '../../host/navigation';
import {channelLabel, displayName, getUser} from '../../host/selectors';
import {useProfiles} from '../../host/users';

import messages from './messages';

const SECTION: Record<DigestSectionKey, MessageDescriptor> = {
    done: messages.sectionDone,
    started: messages.sectionStarted,
    new: messages.sectionNew,
    overdue: messages.sectionOverdue,
    stalled: messages.sectionStalled,
    waiting: messages.sectionWaiting,
    approved: messages.sectionApproved,
    decisions: messages.sectionDecisions,
    rollouts: messages.sectionRollouts,
};

const EVENT = {
    recorded: messages.eventRecorded,
    decided: messages.eventDecided,
    superseded: messages.eventSuperseded,
    revoked: messages.eventRevoked,
} as const;

type Props = {
    digest: Digest;

    // An asset version's line opens the Assets tab, where the asset is.
    onShowAssets: () => void;
};

// One stored digest, as it was compiled: every line opens its record in the sidebar and links its source post.
export default function DigestView({digest, onShowAssets}: Props) {
    const intl = useIntl();
    useProfiles(digest.sections.flatMap((s) => s.lines.map((l) => l.user_id)));
    useChannels(digest.channel_ids);
    const shown = digest.sections.filter((s) => s.lines.length);
    const end = new Date(Date.parse(digest.slot) - 60000).toISOString();
    return (
        <article
            className='tl-digest'
            lang={digest.locale}
        >
            <h3 className='tl-digest__title'>
                <FormattedMessage
                    {...messages.title}
                    values={keyed({
                        project: digest.project_name,
                        from: <FormattedDate value={digest.window_start}/>,
                        to: <FormattedDate value={end}/>,
                    })}
                />
            </h3>
            {!shown.length && <p className='tl-muted'><FormattedMessage {...messages.nothing}/></p>}
            {shown.map((s) => (
                <section
                    key={s.key}
                    aria-label={intl.formatMessage(SECTION[s.key])}
                    className='tl-digest__section'
                >
                    <h4>
                        <FormattedMessage
                            {...messages.sectionHead}
                            values={{title: intl.formatMessage(SECTION[s.key]), n: s.lines.length + s.more}}
                        />
                    </h4>
                    <ul>
                        {s.lines.map((l) => (
                            <Line
                                key={`${l.kind}:${l.id}:${l.event ?? ''}`}
                                section={s.key}
                                line={l}
                                onShowAssets={onShowAssets}
                            />
                        ))}
                        {s.more > 0 && (
                            <li className='tl-muted'>
                                <FormattedMessage
                                    {...messages.more}
                                    values={{n: s.more}}
                                />
                            </li>
                        )}
                    </ul>
                </section>
            ))}
        </article>
    );
}

function Line({section, line: l, onShowAssets}: {section: DigestSectionKey; line: DigestLine; onShowAssets: () => void}) {
    const dispatch = useAppDispatch();
    const open = () => {
        if (l.kind === 'task') {
            dispatch(taskSelected(l.id));
        } else if (l.kind === 'rollout' && l.parent_id) {
            dispatch(taskSelected(l.parent_id));
        } else if (l.kind === 'decision') {
            dispatch(decisionOpened(l.id));
        } else {
            onShowAssets();
        }
    };
    const title = l.kind === 'asset_version' ? (
        <FormattedMessage
            {...messages.version}
            values={{number: l.number, asset: l.title, file: l.detail}}
        />
    ) : l.title;
    return (
        <li className='tl-digest__line'>
            {l.event && <><FormattedMessage {...EVENT[l.event]}/>{': '}</>}
            <button
                type='button'
                className='tl-btn tl-btn--link'
                onClick={open}
            >
                {title}
            </button>
            <Facts
                section={section}
                line={l}
            />
            {l.post_id && (
                <>
                    {' · '}
                    <a
                        href={postPermalink(l.post_id)}
                        onClick={(e) => jumpToPost(e, l.post_id)}
                    >
                        <FormattedMessage {...messages.source}/>
                    </a>
                </>
            )}
        </li>
    );
}

function Facts({section, line: l}: {section: DigestSectionKey; line: DigestLine}) {
    const intl = useIntl();
    const pending = useAppSelector((s) => l.pending.map((id) => channelLabel(s, id) ?? id.slice(0, 8)), shallowEqual);
    const user = useAppSelector((s) => (l.user_id ? getUser(s, l.user_id) : undefined));
    const days = {days: l.days ?? 0};
    const parts: string[] = [];
    if (section !== 'waiting' && section !== 'rollouts' && (l.kind === 'task' || l.user_id)) {
        let who = intl.formatMessage(commonMessages.unassigned);
        if (l.user_id) {
            who = user ? displayName(user, user.username) : intl.formatMessage(commonMessages.unknownUser);
        }
        parts.push(who);
    }
    if (section === 'overdue') {
        parts.push(intl.formatMessage(messages.late, days));
    } else if (section === 'stalled') {
        parts.push(intl.formatMessage(messages.still, days));
    } else if (section === 'waiting') {
        parts.push(intl.formatMessage(messages.waitingFor, days));
    } else if (section === 'approved' && l.confirmed.length + l.pending.length > 0) {
        parts.push(intl.formatMessage(messages.receipts, {confirmed: l.confirmed.length, total: l.confirmed.length + l.pending.length}));
        if (pending.length) {
            parts.push(intl.formatMessage(messages.owed, {channels: pending.join(', ')}));
        }
    } else if (section === 'rollouts') {
        parts.push(intl.formatMessage(messages.rollout, {done: l.confirmed.length, total: l.total ?? 0}));
    }
    if (!parts.length) {
        return null;
    }
    return <>{intl.formatMessage(messages.facts, {facts: intl.formatList(parts, {type: 'unit', style: 'short'})})}</>;
}
