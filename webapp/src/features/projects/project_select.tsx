import React from 'react';
import {FormattedMessage, useIntl, type MessageDescriptor} from 'react-intl';

import type {Channel} from '@mattermost/types/channels';

import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';

import MakeProjectButton from './make_project_button';
import messages from './messages';
import {homeProjectFirst, type ChannelProjects} from './use_channel_projects';

type Props = {
    channel: Channel | undefined;
    projects: ChannelProjects;
    value: string;
    onChange: (projectId: string) => void;

    // A "No project" choice: a task may live in a channel outside any project.
    allowNone?: boolean;

    // With a single project there is nothing to choose: show nothing.
    hideSingle?: boolean;

    // In a row of filters rather than a form.
    inline?: boolean;

    // Said when the channel has no project yet.
    emptyText?: MessageDescriptor;
};

// The one project picker: loading, failure, "make this channel a project", or the channel's projects.
export default function ProjectSelect({channel, projects, value, onChange, allowNone, hideSingle, inline, emptyText}: Props) {
    const intl = useIntl();
    const {items, status, error, reload} = projects;

    if (!items.length) {
        if (status === 'error' && error) {
            return (
                <ErrorNotice
                    error={error}
                    onRetry={reload}
                />
            );
        }
        if (status === 'loading') {
            return <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>;
        }
        return (
            <Field label={messages.project}>
                {emptyText && <p className='tl-muted'><FormattedMessage {...emptyText}/></p>}
                <MakeProjectButton
                    channel={channel}
                    existing={items}
                    onMade={(p) => onChange(p.id)}
                />
            </Field>
        );
    }
    if (hideSingle && items.length === 1 && !allowNone) {
        return null;
    }
    return (
        <Field
            label={messages.project}
            inline={inline}
        >
            {(control) => (
                <select
                    {...control}
                    className='tl-input'
                    value={value}
                    onChange={(e) => onChange(e.target.value)}
                >
                    {allowNone && <option value=''>{intl.formatMessage(messages.noProject)}</option>}
                    {homeProjectFirst(items, channel?.id ?? '').map((p) => (
                        <option
                            key={p.id}
                            value={p.id}
                        >
                            {p.name}
                        </option>
                    ))}
                </select>
            )}
        </Field>
    );
}
