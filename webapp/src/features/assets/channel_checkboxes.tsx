import type {Project} from '@throughline/contract';
import React from 'react';

import SharedCheckboxes from '../../components/channel_checkboxes';
import {useMyChannels} from '../../host/channels';

import messages from './messages';

type Props = {
    project: Project;
    value: string[];
    onChange: (ids: string[]) => void;
    invalid?: boolean;
};

// The project's channels the user belongs to: the service shares an asset only with those.
export default function ChannelCheckboxes({project, value, onChange, invalid}: Props) {
    const ids = useMyChannels(project.channel_ids);
    return (
        <SharedCheckboxes
            ids={ids}
            value={value}
            onChange={onChange}
            legend={messages.shareWith}
            empty={messages.noMemberChannels}
            error={invalid ? messages.channelsRequired : null}
        />
    );
}
