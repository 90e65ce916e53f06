import type {Project} from '@throughline/contract';

import type {Channel} from '@mattermost/types/channels';

import {projectsReceived, type ErrorInfo} from '../../actions';
import {createProject, getProjects} from '../../client';
import {useAppDispatch, useAppSelector} from '../../hooks';
import type {HostDispatch} from '../../host/types';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';

export type ChannelProjects = {
    items: Project[];
    status: 'loading' | 'ready' | 'error';
    error: ErrorInfo | null;
    reload: () => void;
};

const NONE: Project[] = [];

// The projects that include a channel, kept in the plugin store so the modal and sidebar agree.
export function useChannelProjects(channelId: string | null): ChannelProjects {
    const dispatch = useAppDispatch();
    const cached = useAppSelector((s) => (channelId ? pluginState(s).projects[channelId] : undefined));
    const req = useResource<Project[]>(channelId && 'projects:' + channelId, async (signal) => {
        const items = await getProjects(channelId as string, {signal});
        dispatch(projectsReceived(channelId as string, items));
        return items;
    });

    // A cached list is good enough to show while it refreshes.
    const status = cached && req.status === 'loading' ? 'ready' : req.status;
    return {items: cached ?? NONE, status, error: req.error, reload: req.reload};
}

// The channel's own project first, then the others by name.
export const homeProjectFirst = (projects: Project[], channelId: string) =>
    [...projects].sort((a, b) => Number(b.channel_id === channelId) - Number(a.channel_id === channelId) || a.name.localeCompare(b.name));

export const defaultProjectId = (projects: Project[], channelId: string) => homeProjectFirst(projects, channelId)[0]?.id ?? '';

const NAME_MAX = 100;

export async function makeChannelProject(dispatch: HostDispatch, channel: Channel, existing: Project[]): Promise<Project> {
    const name = Array.from((channel.display_name || channel.name).trim()).slice(0, NAME_MAX).join('');
    const project = await createProject(name, channel.id);
    dispatch(projectsReceived(channel.id, [...existing, project]));
    return project;
}
