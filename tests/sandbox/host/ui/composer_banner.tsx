// Mattermost 12's ChannelComposerBanner (components/channel_view/channel_composer_banner.tsx): the
// components plugins registered with registerChannelComposerBannerComponent, drawn above the message
// box of the channel and of a thread, each given the channel; nothing while the channel is unknown.
import React from 'react';
import { useSelector } from 'react-redux';

import { PluginComponent } from './pluggable';

const NONE: any[] = [];

export function ComposerBanner(props: { channelId: string }) {
  const channel = useSelector((state: any) => state.entities.channels.channels[props.channelId]);
  const components = useSelector((state: any) => state.plugins.components.ChannelComposerBanner ?? NONE) as any[];
  if (!channel || !components.length) {
    return null;
  }
  return (
    <div className="sandbox-composer-banner" data-channel-id={props.channelId}>
      {components.map((c) => (
        <div key={c.id} className="sandbox-composer-banner__plugin" data-plugin-id={c.pluginId}>
          <PluginComponent pluginId={c.pluginId} where="the composer banner" component={c.component} extra={{ channel }} />
        </div>
      ))}
    </div>
  );
}
