// The App Bar on the far right: one icon per registered item, action(channel, channelMember) on
// click (items registered with an rhsComponent toggle their RHS), active while that RHS is open.
import React from 'react';
import { useIntl } from 'react-intl';
import { useSelector } from 'react-redux';

import { getCurrentChannel, getMyCurrentChannelMembership } from 'mattermost-redux/selectors/entities/channels';

export function AppBar() {
  const items = useSelector((state: any) => state.plugins.components.AppBar) as any[];
  const enabled = useSelector((state: any) => state.entities.general.config.EnableAppBar !== 'false');
  const channel = useSelector(getCurrentChannel);
  const member = useSelector(getMyCurrentChannelMembership);
  const pluggableId = useSelector((state: any) => state.views.rhs.pluggableId);
  const intl = useIntl();
  if (!enabled) {
    return null;
  }
  return (
    <div className="app-bar" id="app-bar" aria-label={intl.formatMessage({ id: 'sandbox.appBar', defaultMessage: 'App Bar' })}>
      {items.map((item) => (
        <button
          key={item.id}
          id={`app-bar-icon-${item.id}`}
          data-plugin-id={item.pluginId}
          type="button"
          className={'app-bar__icon' + (item.rhsComponentId && item.rhsComponentId === pluggableId ? ' app-bar__icon--active' : '')}
          aria-label={typeof item.tooltipText === 'string' ? item.tooltipText : item.pluginId}
          title={typeof item.tooltipText === 'string' ? item.tooltipText : undefined}
          onClick={() => item.action?.(channel, member)}
        >
          <img src={item.iconUrl} alt="" />
          {typeof item.tooltipText !== 'string' && item.tooltipText ? (
            <span className="app-bar__tooltip" role="tooltip">
              {item.tooltipText}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}
