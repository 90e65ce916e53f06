import type {Project} from '@throughline/contract';
import React from 'react';
import {useIntl} from 'react-intl';

import {useAppSelector} from '../../hooks';
import {followLink} from '../../host/navigation';
import {teamName} from '../../host/selectors';
import {siteBase} from '../../host/site';
import {hasTeamPage} from '../../host/surfaces';

import {OVERVIEW_ROUTE, overviewPath} from './address';
import messages from './entry_messages';

// The way from the sidebar's project view to the project's overview page, where the host has team pages.
export default function OverviewLink({project, channelId}: {project: Project; channelId: string | null}) {
    const intl = useIntl();
    const team = useAppSelector((s) => teamName(s, channelId));
    if (!team || !hasTeamPage(OVERVIEW_ROUTE)) {
        return null;
    }
    const path = overviewPath(team, project.id);
    return (
        <a
            className='tl-btn tl-btn--link'
            href={siteBase() + path}
            onClick={(e) => followLink(e, path)}
        >
            {intl.formatMessage(messages.open)}
        </a>
    );
}
