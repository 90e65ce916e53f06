import type {Overview} from '@throughline/contract';
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {Names} from './directory';
import {formatDuration} from './format';
import Section from './section';
import messages from './view_messages';

// Versions and decisions waiting for a decision, oldest first, with how long and for whom.
export default function Stalls({stalls, names}: {stalls: Overview['stalls']; names: Names}) {
    const intl = useIntl();
    return (
        <Section
            title={messages.stalls}
            empty={messages.stallsEmpty}
            isEmpty={!stalls.items.length}
        >
            <ol className='tl-overview__list'>
                {stalls.items.map((s) => {
                    const whom = s.waiting_for.user_id ? names.user(s.waiting_for.user_id) : intl.formatMessage(messages.stallAnyone, {channels: s.waiting_for.channel_ids.map(names.channel).join(', ')});
                    return (
                        <li key={s.kind + s.id}>
                            {intl.formatMessage(messages.stallWaiting, {what: s.kind === 'version' ? intl.formatMessage(messages.stallVersion, {number: s.version_number, asset: s.title}) : intl.formatMessage(messages.stallDecision, {statement: s.title}), age: formatDuration(intl, s.age_seconds), whom})}
                        </li>
                    );
                })}
            </ol>
            {stalls.total > stalls.items.length && (
                <p className='tl-muted'>
                    <FormattedMessage
                        {...messages.stallsMore}
                        values={{count: stalls.total - stalls.items.length}}
                    />
                </p>
            )}
        </Section>
    );
}
