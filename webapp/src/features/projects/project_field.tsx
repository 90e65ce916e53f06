import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {Channel} from '@mattermost/types/channels';

import ErrorNotice from '../../components/error_notice';
import {useUniqueId} from '../../components/unique_id';

import MakeProjectButton from './make_project_button';
import messages from './messages';
import ProjectOptions from './project_options';
import {type ChannelProjects} from './use_channel_projects';

type Props = {
    channel: Channel | undefined;
    projects: ChannelProjects;
    value: string;
    onChange: (projectId: string) => void;
};

// Project select for a channel; with none, one click makes the channel a project.
export default function ProjectField({channel, projects, value, onChange}: Props) {
    const intl = useIntl();
    const id = useUniqueId('tl-project');
    const {items, status, error, reload} = projects;

    let control: React.ReactNode;
    if (status === 'loading' && !items.length) {
        control = <span className='tl-muted'><FormattedMessage {...messages.loading}/></span>;
    } else if (status === 'error' && error) {
        control = (
            <ErrorNotice
                error={error}
                onRetry={reload}
            />
        );
    } else if (!items.length) {
        control = (
            <MakeProjectButton
                channel={channel}
                existing={items}
                onMade={(p) => onChange(p.id)}
            />
        );
    } else {
        control = (
            <select
                id={id}
                className='tl-input'
                value={value}
                onChange={(e) => onChange(e.target.value)}
            >
                <option value=''>{intl.formatMessage(messages.noProject)}</option>
                <ProjectOptions
                    projects={items}
                    channelId={channel?.id ?? ''}
                />
            </select>
        );
    }

    return (
        <div className='tl-field'>
            {items.length ? (
                <label htmlFor={id}><FormattedMessage {...messages.project}/></label>
            ) : (
                <span className='tl-label'><FormattedMessage {...messages.project}/></span>
            )}
            {control}
        </div>
    );
}
