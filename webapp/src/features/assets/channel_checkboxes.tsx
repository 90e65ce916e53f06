import type {Project} from '@throughline/contract';
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {useAppSelector} from '../../hooks';
import {useChannels} from '../../host/channels';
import {channelLabel, isMyChannel} from '../../host/selectors';

import messages from './messages';

type Props = {
    project: Project;
    value: string[];
    onChange: (ids: string[]) => void;
    invalid?: boolean;
};

// The project's channels the user belongs to: the service shares an asset only with those.
export function useShareableChannels(project: Project) {
    useChannels(project.channel_ids);
    return useAppSelector((s) => project.channel_ids.filter((id) => isMyChannel(s, id)), shallowEqual);
}

export default function ChannelCheckboxes({project, value, onChange, invalid}: Props) {
    const intl = useIntl();
    const ids = useShareableChannels(project);
    const names = useAppSelector((s) => ids.map((id) => channelLabel(s, id) ?? intl.formatMessage(messages.unknownChannel)), shallowEqual);

    return (
        <fieldset
            className='tl-field tl-fieldset'
            aria-invalid={invalid || undefined}
        >
            <legend className='tl-label'><FormattedMessage {...messages.shareWith}/></legend>
            {ids.length === 0 && <span className='tl-muted'><FormattedMessage {...messages.noMemberChannels}/></span>}
            {ids.map((id, i) => (
                <label
                    key={id}
                    className='tl-check'
                >
                    <input
                        type='checkbox'
                        checked={value.includes(id)}
                        onChange={(e) => onChange(e.target.checked ? [...value, id] : value.filter((v) => v !== id))}
                    />
                    {names[i]}
                </label>
            ))}
            {invalid && <span className='tl-error'><FormattedMessage {...messages.channelsRequired}/></span>}
        </fieldset>
    );
}
