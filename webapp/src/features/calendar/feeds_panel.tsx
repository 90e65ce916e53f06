import type {CreateFeed, CreatedFeed, Feed, Project} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {ErrorInfo} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import {useUniqueId} from '../../components/unique_id';
import {toErrorInfo, useRequest} from '../../use_request';

import {createFeed, listFeeds, revokeFeed} from './api';
import entryMessages from './entry_messages';
import FeedRow from './feed_row';
import messages from './messages';
import NewFeed from './new_feed';

// Calendar feeds: make one (of the person's tasks, or of the project in view), see its address
// once, list the person's feeds and revoke them.
export default function FeedsPanel({project}: {project?: Project}) {
    const intl = useIntl();
    const headingId = useUniqueId('tl-feeds');
    const list = useRequest<Feed[]>('feeds', (signal) => listFeeds({signal}));
    const [feeds, setFeeds] = useState<Feed[] | null>(null);
    const [created, setCreated] = useState<CreatedFeed | null>(null);
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<ErrorInfo | null>(null);
    const shown = feeds ?? list.data;

    const make = async (body: CreateFeed) => {
        setBusy(true);
        setError(null);
        try {
            const made = await createFeed(body);
            setCreated(made);
            setFeeds([made.feed, ...(shown ?? [])]);
        } catch (e) {
            setError(toErrorInfo(e));
        } finally {
            setBusy(false);
        }
    };

    // True once revoked: the row is then gone from the list.
    const revoke = async (id: string) => {
        setError(null);
        try {
            await revokeFeed(id);
        } catch (e) {
            setError(toErrorInfo(e));
            return false;
        }
        setFeeds((shown ?? []).filter((f) => f.id !== id));
        if (created?.feed.id === id) {
            setCreated(null);
        }
        return true;
    };

    return (
        <section
            className='tl-feeds'
            aria-labelledby={headingId}
        >
            <h4 id={headingId}><FormattedMessage {...messages.heading}/></h4>
            <p className='tl-muted'><FormattedMessage {...messages.intro}/></p>
            <div className='tl-filters'>
                <button
                    type='button'
                    className='tl-btn'
                    disabled={busy}
                    onClick={() => make({kind: 'person'})}
                >
                    <FormattedMessage {...messages.newPerson}/>
                </button>
                {project && (
                    <button
                        type='button'
                        className='tl-btn'
                        disabled={busy}
                        onClick={() => make({kind: 'project', project_id: project.id})}
                    >
                        {intl.formatMessage(messages.newProject, {project: project.name})}
                    </button>
                )}
            </div>
            {busy && <p className='tl-muted'><FormattedMessage {...messages.creating}/></p>}
            {created && (
                <NewFeed
                    key={created.feed.id}
                    url={created.url}
                    onDone={() => setCreated(null)}
                />
            )}
            {error && <ErrorNotice error={error}/>}
            {list.error && !shown && (
                <ErrorNotice
                    error={list.error}
                    onRetry={list.reload}
                />
            )}
            {!shown && !list.error && <p className='tl-muted'><FormattedMessage {...entryMessages.loading}/></p>}
            {shown && !shown.length && <p className='tl-muted'><FormattedMessage {...messages.empty}/></p>}
            {shown && shown.length > 0 && (
                <ul
                    className='tl-feeds__list'
                    aria-label={intl.formatMessage(messages.listLabel)}
                >
                    {shown.map((f) => (
                        <FeedRow
                            key={f.id}
                            feed={f}
                            onRevoke={() => revoke(f.id)}
                        />
                    ))}
                </ul>
            )}
        </section>
    );
}
