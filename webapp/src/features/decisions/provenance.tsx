import type {Decision} from '@throughline/contract';
import React from 'react';
import {FormattedMessage} from 'react-intl';

import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import When from '../../components/when';

import messages from './view_messages';

export function WhoWhen({user, at}: {user: string; at: string | null}) {
    if (!at) {
        return <UserName userId={user}/>;
    }
    return (
        <FormattedMessage
            {...messages.whoWhen}
            values={keyed({user: <UserName userId={user}/>, when: <When at={at}/>})}
        />
    );
}

// The source message only for members of its channel (the service leaves it out for anyone else).
export function Source({decision: d}: {decision: Decision}) {
    if (!d.source_visible) {
        return <p className='tl-muted'><FormattedMessage {...messages.sourceHidden}/></p>;
    }
    if (!d.source_post_id && !d.source_text) {
        return <p className='tl-muted'><FormattedMessage {...messages.noSource}/></p>;
    }
    return (
        <>
            {d.source_text && <blockquote className='tl-quote'>{d.source_text}</blockquote>}
            {d.permalink && /^(https?:\/\/|\/)/.test(d.permalink) && (
                <a href={d.permalink}>
                    <FormattedMessage {...messages.openSource}/>
                </a>
            )}
        </>
    );
}
