import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {Channel} from '@mattermost/types/channels';

import ErrorNotice from '../../components/error_notice';
import {useUniqueId} from '../../components/unique_id';
import {MakeProjectButton, ProjectOptions, type ChannelProjects} from '../projects';
import type {Project} from '../../types';

import messages from './messages';
import type {View, ViewEvent} from './view_state';

type Props = {
    channel: Channel | undefined;
    projects: ChannelProjects;
    project: Project | undefined;
    view: View;
    update: (e: ViewEvent) => void;
    showScope: boolean;
};

// Which project, and whether to show this channel's tasks or the whole project's.
export default function ProjectHeader({channel, projects, project, view, update, showScope}: Props) {
    const intl = useIntl();
    const projectId = useUniqueId('tl-sidebar-project');
    const scopeId = useUniqueId('tl-sidebar-scope');

    if (projects.status === 'error' && projects.error && !projects.items.length) {
        return (
            <ErrorNotice
                error={projects.error}
                onRetry={projects.reload}
            />
        );
    }
    if (!project) {
        if (projects.status === 'loading') {
            return null;
        }
        return (
            <div>
                <p className='tl-muted'><FormattedMessage {...messages.noProject}/></p>
                <MakeProjectButton
                    channel={channel}
                    existing={projects.items}
                    onMade={(p) => update({type: 'project', projectId: p.id})}
                />
            </div>
        );
    }

    return (
        <div className='tl-filters'>
            <label
                className='tl-check'
                htmlFor={projectId}
            >
                <FormattedMessage {...messages.project}/>
            </label>
            <select
                id={projectId}
                className='tl-input'
                value={project.id}
                onChange={(e) => update({type: 'project', projectId: e.target.value})}
            >
                <ProjectOptions
                    projects={projects.items}
                    channelId={channel?.id ?? ''}
                />
            </select>
            {showScope && (
                <>
                    <label
                        className='tl-check'
                        htmlFor={scopeId}
                    >
                        <FormattedMessage {...messages.scope}/>
                    </label>
                    <select
                        id={scopeId}
                        className='tl-input'
                        value={view.scope}
                        onChange={(e) => update({type: 'scope', scope: e.target.value as View['scope']})}
                    >
                        <option value='channel'>{intl.formatMessage(messages.scopeChannel)}</option>
                        <option value='project'>{intl.formatMessage(messages.scopeProject)}</option>
                    </select>
                </>
            )}
        </div>
    );
}
