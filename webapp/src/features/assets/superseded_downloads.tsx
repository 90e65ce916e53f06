import type {AssetDownload} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import When from '../../components/when';
import {useProfiles} from '../../host/users';
import {useResource} from '../../resource';

import {getDownloads} from './recall_api';
import m from './recall_messages';

const PAGE = 50;

// Who took a version after it was superseded: the people to chase (each was also sent a DM).
export default function SupersededDownloads({assetId}: {assetId: string}) {
    const [more, setMore] = useState<{items: AssetDownload[]; cursor: string | null} | null>(null);
    const first = useResource(`downloads:${assetId}`, (signal) => getDownloads(assetId, {superseded: true, limit: PAGE}, {signal}));
    const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
    const cursor = more ? more.cursor : first.data?.next_cursor ?? null;
    useProfiles(items.map((d) => d.user_id));

    const loadMore = async () => {
        if (!cursor) {
            return;
        }
        const page = await getDownloads(assetId, {superseded: true, limit: PAGE, cursor});
        setMore({items: [...(more?.items ?? []), ...page.items], cursor: page.next_cursor});
    };

    return (
        <section className='tl-section'>
            <h4><FormattedMessage {...m.lateHeading}/></h4>
            {first.error && (
                <ErrorNotice
                    error={first.error}
                    onRetry={first.reload}
                />
            )}
            {first.data && !items.length && <p className='tl-muted'><FormattedMessage {...m.lateNone}/></p>}
            {items.length > 0 && (
                <ul>
                    {items.map((d) => (
                        <li key={d.id}>
                            <FormattedMessage
                                {...m.lateLine}
                                values={keyed({user: <UserName userId={d.user_id}/>, number: d.version_number, when: <When at={d.at}/>})}
                            />
                        </li>
                    ))}
                </ul>
            )}
            {cursor && (
                <button
                    type='button'
                    className='tl-btn tl-btn--link'
                    onClick={loadMore}
                >
                    <FormattedMessage {...m.more}/>
                </button>
            )}
        </section>
    );
}
