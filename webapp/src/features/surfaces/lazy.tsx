import React, {Suspense} from 'react';

import type {Channel} from '@mattermost/types/channels';

import ChunkBoundary from '../../components/chunk_boundary';
import PluginIntl from '../../components/plugin_intl';

// What Mattermost 12 draws for Throughline in posts and above the message box is a chunk of its own,
// loaded the first time a host that has these surfaces shows a task's message or a channel.
const load = () => import(/* webpackChunkName: "surfaces" */ './views');
export const SourceChips = React.lazy(() => load().then((x) => ({default: x.SourceChips})));
const Banner = React.lazy(() => load().then((x) => ({default: x.ApprovedBanner})));

// Nothing shows until the chunk is there, nor if it cannot load: these surfaces only add to the host's view.
export const lazily = (node: React.ReactNode) => (
    <PluginIntl>
        <ChunkBoundary failed={null}>
            <Suspense fallback={null}>{node}</Suspense>
        </ChunkBoundary>
    </PluginIntl>
);

// Given the channel by Mattermost 12's ChannelComposerBanner, above the message box of the channel and of its threads.
export function ApprovedVersionsBanner({channel}: {channel?: Channel}) {
    return channel?.id ? lazily(<Banner channelId={channel.id}/>) : null;
}
