import React from 'react';
import {useIntl} from 'react-intl';

import {useAppSelector} from '../../hooks';
import {channelPath, followLink} from '../../host/navigation';
import {getChannel} from '../../host/selectors';
import {siteBase} from '../../host/site';

import messages from './messages';

type Props = {name: string; channelIds: string[]; teamName: string | null; children?: React.ReactNode};

// The project's name, and the way back to its home channel, or to the first of its channels the
// reader is in when that is not one of theirs.
export default function OverviewHeader({name, channelIds, teamName, children}: Props) {
    const intl = useIntl();
    const home = useAppSelector((s) => channelIds.map((id) => getChannel(s, id)).find(Boolean));
    const path = home && teamName ? channelPath(teamName, home.name) : null;
    return (
        <header className='tl-overview__head'>
            <h1 className='tl-overview__title'>{intl.formatMessage(messages.heading, {name})}</h1>
            {path && (
                <a
                    className='tl-btn tl-btn--link'
                    href={siteBase() + path}
                    onClick={(e) => followLink(e, path)}
                >
                    {intl.formatMessage(messages.back, {channel: home!.display_name || home!.name})}
                </a>
            )}
            {children}
        </header>
    );
}
