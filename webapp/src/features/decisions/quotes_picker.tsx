import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import type {Post} from '@mattermost/types/posts';

import ErrorNotice from '../../components/error_notice';
import commonMessages from '../../components/messages';
import {useAppSelector} from '../../hooks';
import {displayName, getUser} from '../../host/selectors';
import {useProfiles} from '../../host/users';
import {useResource} from '../../resource';
import {isTaskablePost} from '../post_menu';

import {getThread} from './api';
import {DECISION_LIMITS} from './limits';
import {clip} from './text';
import messages from './view_messages';

const QUOTE_TEXT = 120;

type QuotesProps = {threadOf: string; sourcePostId: string | null; value: string[]; onChange: (ids: string[]) => void};

// The thread's other messages, any of which may be quoted as an argument.
export default function QuotesPicker({threadOf, sourcePostId, value, onChange}: QuotesProps) {
    const intl = useIntl();
    const thread = useResource<Post[]>('thread:' + threadOf, (signal) => getThread(threadOf, {signal}));
    const candidates = (thread.data ?? []).filter((p) => p.id !== sourcePostId && isTaskablePost(p));
    useProfiles(candidates.map((p) => p.user_id));
    const authors = useAppSelector((s) => candidates.map((p) => displayName(getUser(s, p.user_id), intl.formatMessage(commonMessages.unknownUser))), shallowEqual);
    const full = value.length >= DECISION_LIMITS.quotesMax;

    return (
        <fieldset className='tl-field tl-fieldset'>
            <legend className='tl-label'><FormattedMessage {...messages.fieldQuotes}/></legend>
            {thread.error && (
                <ErrorNotice
                    error={thread.error}
                    onRetry={thread.reload}
                />
            )}
            {!thread.data && !thread.error && <span className='tl-muted'><FormattedMessage {...messages.loadingThread}/></span>}
            {thread.data && candidates.length === 0 && <span className='tl-muted'><FormattedMessage {...messages.noReplies}/></span>}
            {candidates.map((p, i) => (
                <label
                    key={p.id}
                    className='tl-check'
                >
                    <input
                        type='checkbox'
                        checked={value.includes(p.id)}
                        disabled={full && !value.includes(p.id)}
                        onChange={(e) => onChange(e.target.checked ? [...value, p.id] : value.filter((id) => id !== p.id))}
                    />
                    {intl.formatMessage(messages.quoteOption, {user: authors[i], text: clip(p.message, QUOTE_TEXT)})}
                </label>
            ))}
            {full && (
                <span className='tl-muted'>
                    <FormattedMessage
                        {...messages.tooManyQuotes}
                        values={{max: DECISION_LIMITS.quotesMax}}
                    />
                </span>
            )}
        </fieldset>
    );
}
