import React from 'react';

import type {Project} from '../../types';

import {homeProjectFirst} from './use_channel_projects';

type Props = {
    projects: Project[];
    channelId: string;
};

// The <option>s of a project picker: the channel's home project first.
export default function ProjectOptions({projects, channelId}: Props) {
    return (
        <>
            {homeProjectFirst(projects, channelId).map((p) => (
                <option
                    key={p.id}
                    value={p.id}
                >
                    {p.name}
                </option>
            ))}
        </>
    );
}
