// The channel header: name and purpose, the channel menu (plugin ChannelHeader items, each
// action(channelId) when shouldRender(state)), and the plugins' header buttons, each
// action(channel, channelMember). While the App Bar is shown there are no plugin buttons here:
// Mattermost's ChannelHeaderPlug draws nothing then, and the App Bar carries the buttons of plugins
// that registered no App Bar item of their own.
import React from 'react';
import { useSelector, useStore } from 'react-redux';

import { getCurrentChannel, getMyCurrentChannelMembership } from 'mattermost-redux/selectors/entities/channels';

import { useAppBarShown } from './app_bar';
import { ChannelBookmarks } from './channel_bookmarks';
import { DropdownMenu, pluginMenuItems } from './menu';

export function ChannelHeader() {
  const store = useStore();
  const channel = useSelector(getCurrentChannel) as any;
  const member = useSelector(getMyCurrentChannelMembership);
  const buttons = useSelector((state: any) => state.plugins.components.ChannelHeaderButton) as any[];
  const menuItems = useSelector((state: any) => state.plugins.components.ChannelHeader) as any[];
  const appBarShown = useAppBarShown();
  if (!channel) {
    return <header className="sandbox-channel-header" />;
  }
  const visibleButtons = appBarShown ? [] : buttons;
  const state = store.getState();
  const items = pluginMenuItems(
    menuItems,
    'registerChannelHeaderMenuAction',
    'shouldRender(state)',
    (item) => (item.shouldRender ? item.shouldRender(state) : true),
    (item) => item.action?.(channel.id),
  );
  return (
    <>
      <header className="sandbox-channel-header" id="channel-header">
        <div className="sandbox-channel-header__title">
          <h1 id="channelHeaderTitle">{channel.display_name || channel.name}</h1>
          <DropdownMenu
            buttonId="channelHeaderDropdownButton"
            menuId="channelHeaderDropdownMenu"
            label="Channel menu"
            buttonContent={'▾'}
            items={items}
            emptyText="No channel actions from plugins"
          />
          {channel.purpose && <span className="sandbox-channel-header__purpose">{channel.purpose}</span>}
        </div>
        <div className="sandbox-channel-header__buttons">
          {visibleButtons.map((b) => (
            <button
              key={b.id}
              id={`channelHeaderPluginButton_${b.id}`}
              data-plugin-id={b.pluginId}
              type="button"
              className="sandbox-icon-button channel-header__icon"
              aria-label={
                typeof b.tooltipText === 'string' ? b.tooltipText : typeof b.dropdownText === 'string' ? b.dropdownText : 'plugin'
              }
              title={typeof b.tooltipText === 'string' ? b.tooltipText : undefined}
              onClick={() => b.action?.(channel, member)}
            >
              {b.icon}
            </button>
          ))}
        </div>
      </header>
      <ChannelBookmarks channelId={channel.id} />
    </>
  );
}
