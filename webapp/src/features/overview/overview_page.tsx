import type {Project} from '@throughline/contract';
import React, {useEffect} from 'react';
import {FormattedMessage} from 'react-intl';

import ErrorNotice from '../../components/error_notice';
import {injectStyles} from '../../styles';
import {useRequest} from '../../use_request';

import {getProject} from './api';
import messages from './messages';
import OverviewHeader from './overview_header';
import {OVERVIEW_CSS} from './styles';
import {useOverviewAddress} from './use_address';

// The project overview: one page for the whole campaign, computed by the service.
export default function OverviewPage() {
    const {teamName, projectId} = useOverviewAddress();
    useEffect(() => injectStyles(OVERVIEW_CSS), []);
    const project = useRequest<Project>(projectId ? 'project:' + projectId : null, (signal) => getProject(projectId as string, {signal}));

    if (!projectId) {
        return <p className='tl-overview tl-muted'><FormattedMessage {...messages.noProject}/></p>;
    }
    if (project.status === 'error') {
        return (
            <div className='tl-overview'>
                <ErrorNotice
                    error={project.error}
                    onRetry={project.reload}
                />
            </div>
        );
    }
    if (!project.data) {
        return <p className='tl-overview tl-muted'><FormattedMessage {...messages.loadingProject}/></p>;
    }
    return (
        <div className='tl-overview'>
            <OverviewHeader
                project={project.data}
                teamName={teamName}
            />
        </div>
    );
}
