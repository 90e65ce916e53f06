// The App Bar on the far right, as Mattermost's app_bar: one icon per App Bar item, then the
// channel-header buttons of plugins that registered no App Bar item (their `icon`; with the App Bar
// shown the channel header draws no plugin buttons at all). A click runs action(channel,
// channelMember) (items registered with an rhsComponent toggle their RHS). An icon is active while
// its RHS is open: the item's own RHS, else any RHS of the same plugin.
import React from 'react';
import { useIntl } from 'react-intl';
import { useSelector } from 'react-redux';

import { getCurrentChannel, getMyCurrentChannelMembership } from 'mattermost-redux/selectors/entities/channels';

/** Mattermost's shouldShowAppBar: enabled, and something to show. */
export function useAppBarShown(): boolean {
  return useSelector(
    (state: any) =>
      state.entities.general.config.EnableAppBar !== 'false' &&
      (state.plugins.components.AppBar.length > 0 || state.plugins.components.ChannelHeaderButton.length > 0),
  );
}

/** getChannelHeaderPluginComponents: header buttons of plugins without an App Bar item. */
function useMovedHeaderButtons(): any[] {
  const buttons = useSelector((state: any) => state.plugins.components.ChannelHeaderButton) as any[];
  const items = useSelector((state: any) => state.plugins.components.AppBar) as any[];
  const withItem = new Set(items.map((c) => c.pluginId));
  return buttons.filter((b) => !withItem.has(b.pluginId));
}

export function AppBar() {
  const items = useSelector((state: any) => state.plugins.components.AppBar) as any[];
  const moved = useMovedHeaderButtons();
  const shown = useAppBarShown();
  const channel = useSelector(getCurrentChannel);
  const member = useSelector(getMyCurrentChannelMembership);
  const active = useSelector((state: any) =>
    (state.plugins.components.RightHandSidebarComponent as any[]).find(
      (c) => state.views.rhs.isSidebarOpen && state.views.rhs.rhsState === 'plugin' && c.id === state.views.rhs.pluggableId,
    ),
  );
  const intl = useIntl();
  if (!shown) {
    return null;
  }
  return (
    <div className="app-bar" id="app-bar" aria-label={intl.formatMessage({ id: 'sandbox.appBar', defaultMessage: 'App Bar' })}>
      {[...items, ...moved].map((item) => {
        const tooltip = item.tooltipText || item.dropdownText;
        const isActive = item.rhsComponentId ? active?.id === item.rhsComponentId : item.pluginId === active?.pluginId;
        return (
          <button
            key={item.id}
            id={`app-bar-icon-${item.pluginId}`}
            data-plugin-id={item.pluginId}
            type="button"
            className={'app-bar__icon' + (isActive ? ' app-bar__icon--active' : '')}
            aria-label={typeof tooltip === 'string' ? tooltip : item.pluginId}
            title={typeof tooltip === 'string' ? tooltip : undefined}
            onClick={() => (item.rhsComponentId ? item.action() : item.action?.(channel, member))}
          >
            {item.iconUrl ? <img src={item.iconUrl} alt="" /> : item.icon}
            {typeof tooltip !== 'string' && tooltip ? (
              <span className="app-bar__tooltip" role="tooltip">
                {tooltip}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
