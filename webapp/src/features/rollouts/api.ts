import type {CreateRollout, Project, Rollout} from '@throughline/contract';

import {service, type Opts} from '../../client';

// The rollout calls, made from the rollouts chunk; getRollout also from an item link (main.js).
const rolloutPath = (id: string) => '/rollouts/' + encodeURIComponent(id);

export const createRollout = (body: CreateRollout) => service<Rollout>({method: 'POST', url: '/rollouts', data: body});

export const getRollout = (id: string, o: Opts = {}) => service<Rollout>({url: rolloutPath(id), signal: o.signal});

export const addRolloutChannels = (id: string, channelIds: string[]) =>
    service<Rollout>({method: 'POST', url: rolloutPath(id) + '/channels', data: {channel_ids: channelIds}});

export const setChannelLead = (projectId: string, channelId: string, userId: string | null) =>
    service<Project>({
        method: 'PUT',
        url: '/projects/' + encodeURIComponent(projectId) + '/channels/' + encodeURIComponent(channelId) + '/lead',
        data: {user_id: userId},
    });
