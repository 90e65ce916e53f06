import type {Project} from '@throughline/contract';
import React from 'react';
import {useIntl} from 'react-intl';

import type {Channel} from '@mattermost/types/channels';

import {Field} from '../../components/form';
import {OverviewLink} from '../overview';
import {ProjectSelect, type ChannelProjects} from '../projects';
import {LeadsButton} from '../rollouts';

import ExportLinks from './export_links';
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
    const select = (
        <ProjectSelect
            channel={channel}
            projects={projects}
            value={project?.id ?? ''}
            onChange={(projectId) => update({type: 'project', projectId})}
            inline={Boolean(project)}
            emptyText={messages.noProject}
        />
    );
    if (!project) {
        return select;
    }
    return (
        <div className='tl-filters'>
            {select}
            <OverviewLink
                project={project}
                channelId={channel?.id ?? null}
            />
            {project.permissions.includes('project.set_lead') && <LeadsButton project={project}/>}
            {project.permissions.includes('project.export') && <ExportLinks project={project}/>}
            {showScope && (
                <Field
                    label={messages.scope}
                    inline={true}
                >
                    {(control) => (
                        <select
                            {...control}
                            className='tl-input'
                            value={view.scope}
                            onChange={(e) => update({type: 'scope', scope: e.target.value as View['scope']})}
                        >
                            <option value='channel'>{intl.formatMessage(messages.scopeChannel)}</option>
                            <option value='project'>{intl.formatMessage(messages.scopeProject)}</option>
                        </select>
                    )}
                </Field>
            )}
        </div>
    );
}
