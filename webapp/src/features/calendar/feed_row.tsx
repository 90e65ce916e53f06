import type {Feed} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import keyed from '../../components/keyed';
import When from '../../components/when';

import messages from './messages';

// One feed: what it shows, when it was made and last fetched, and Revoke (asked twice).
export default function FeedRow({feed, onRevoke}: {feed: Feed; onRevoke: () => Promise<boolean>}) {
    const intl = useIntl();
    const [asking, setAsking] = useState(false);
    const [busy, setBusy] = useState(false);
    let label = intl.formatMessage(messages.mine);
    if (feed.kind === 'project') {
        label = feed.project_name ? intl.formatMessage(messages.project, {project: feed.project_name}) : intl.formatMessage(messages.projectGone);
    }
    return (
        <li className='tl-feeds__row'>
            <strong>{label}</strong>
            <span className='tl-muted'>
                <FormattedMessage
                    {...messages.created}
                    values={keyed({when: <When at={feed.created_at}/>})}
                />
            </span>
            <span className='tl-muted'>
                {feed.last_fetched_at ? (
                    <FormattedMessage
                        {...messages.fetched}
                        values={keyed({when: <When at={feed.last_fetched_at}/>})}
                    />
                ) : <FormattedMessage {...messages.neverFetched}/>}
            </span>
            {asking ? (
                <span
                    role='group'
                    aria-label={intl.formatMessage(messages.revokeLabel, {feed: label})}
                >
                    <FormattedMessage {...messages.revokeAsk}/>
                    <button
                        type='button'
                        className='tl-btn tl-btn--primary'
                        disabled={busy}
                        onClick={async () => {
                            setBusy(true);
                            if (!(await onRevoke())) {
                                setBusy(false);
                            }
                        }}
                    >
                        <FormattedMessage {...messages.revokeConfirm}/>
                    </button>
                    <button
                        type='button'
                        className='tl-btn'
                        onClick={() => setAsking(false)}
                    >
                        <FormattedMessage {...messages.cancel}/>
                    </button>
                </span>
            ) : (
                <button
                    type='button'
                    className='tl-btn tl-btn--link'
                    aria-label={intl.formatMessage(messages.revokeLabel, {feed: label})}
                    onClick={() => setAsking(true)}
                >
                    <FormattedMessage {...messages.revoke}/>
                </button>
            )}
        </li>
    );
}
