import type {Overdue} from '@throughline/contract';
import React from 'react';
import {useIntl, type MessageDescriptor} from 'react-intl';

import type {Names} from './directory';
import Section from './section';
import messages from './view_messages';

type Line = {key: string; label: string; count: number; oldest: string};

function Bars({caption, lines}: {caption: MessageDescriptor; lines: Line[]}) {
    const intl = useIntl();
    const max = Math.max(1, ...lines.map((l) => l.count));
    return (
        <div className='tl-overdue'>
            <h3>{intl.formatMessage(caption)}</h3>
            <ul className='tl-overview__list'>
                {lines.map((l) => {
                    const text = intl.formatMessage(messages.overdueCount, {count: l.count, date: intl.formatDate(l.oldest, {day: 'numeric', month: 'short'})});
                    return (
                        <li
                            key={l.key}
                            className='tl-overdue__line'
                        >
                            <span className='tl-overdue__who'>{l.label}</span>
                            <svg
                                className='tl-overdue__bar'
                                viewBox='0 0 100 10'
                                preserveAspectRatio='none'
                                aria-hidden={true}
                            >
                                <rect
                                    width={(l.count / max) * 100}
                                    height={10}
                                />
                            </svg>
                            <span>{text}</span>
                        </li>
                    );
                })}
            </ul>
        </div>
    );
}

// Who and which region holds the overdue work.
export default function OverdueView({overdue, names}: {overdue: Overdue; names: Names}) {
    return (
        <Section
            title={messages.overdue}
            empty={messages.overdueEmpty}
            isEmpty={!overdue.by_person.length && !overdue.by_channel.length}
        >
            <div className='tl-overview__pair'>
                <Bars
                    caption={messages.byPerson}
                    lines={overdue.by_person.map((p) => ({key: p.user_id ?? '-', label: names.user(p.user_id), count: p.count, oldest: p.oldest_due_at}))}
                />
                <Bars
                    caption={messages.byRegion}
                    lines={overdue.by_channel.map((c) => ({key: c.channel_id, label: names.channel(c.channel_id), count: c.count, oldest: c.oldest_due_at}))}
                />
            </div>
        </Section>
    );
}
