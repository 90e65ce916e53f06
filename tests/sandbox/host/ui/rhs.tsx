// The right-hand sidebar (`#sidebar-right`): a plugin's RHS component when views.rhs says so
// (rhsState 'plugin', pluggableId = the registered id), or the thread of the selected post. From
// Mattermost 11.3 a plugin's RHS header has an "Open in new window" button (rhs_plugin.tsx), unless
// the plugin registered it with showPopout false (12); here a click is only recorded on
// window.__sandbox.popouts, since the popped-out window (a fresh store, the plugin initialized
// again, no Root components) is not modelled.
import React from 'react';
import { useSelector } from 'react-redux';

import { ActionTypes } from '../constants';
import { closeRhs } from '../navigation';
import { recorder } from '../recorder';
import { hostStore, session } from '../session';
import { MessageBox } from './message_box';
import { PluginComponent } from './pluggable';
import { Post } from './post';

function PluginRhs(props: { pluggableId: string }) {
  const component = useSelector((state: any) =>
    (state.plugins.components.RightHandSidebarComponent as any[]).find((c) => c.id === props.pluggableId),
  );
  const expanded = useSelector((state: any) => state.views.rhs.isSidebarExpanded);
  if (!component) {
    return null;
  }
  return (
    <>
      <div className="sidebar--right__header">
        <span className="sidebar--right__title" id="rhsPluginTitle">
          {component.title}
        </span>
        {session.profile.rhsPopout && component.showPopout !== false && (
          <button
            type="button"
            id="rhsPopoutButton"
            className="sandbox-icon-button"
            aria-label="Open in new window"
            onClick={() => recorder().popouts.push({ pluginId: component.pluginId, pluggableId: component.id })}
          >
            {'⧉'}
          </button>
        )}
        <button
          type="button"
          className="sandbox-icon-button"
          aria-label={expanded ? 'Collapse' : 'Expand'}
          onClick={() => hostStore().dispatch({ type: ActionTypes.SET_RHS_EXPANDED, expanded: !expanded })}
        >
          {expanded ? '⇥' : '⇤'}
        </button>
        <button type="button" id="rhsCloseButton" className="sandbox-icon-button" aria-label="Close" onClick={closeRhs}>
          {'✕'}
        </button>
      </div>
      <div className="sidebar--right__content" data-plugin-id={component.pluginId}>
        <PluginComponent pluginId={component.pluginId} where="the right-hand sidebar" component={component.component} />
      </div>
    </>
  );
}

function ThreadView(props: { rootId: string }) {
  const root = useSelector((state: any) => state.entities.posts.posts[props.rootId]);
  const replyIds = useSelector(
    (state: any) =>
      Object.values(state.entities.posts.posts as Record<string, any>)
        .filter((p) => p.root_id === props.rootId && !p.delete_at)
        .sort((a, b) => a.create_at - b.create_at)
        .map((p) => p.id),
    (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]),
  );
  const channel = useSelector((state: any) => (root ? state.entities.channels.channels[root.channel_id] : null));
  return (
    <>
      <div className="sidebar--right__header">
        <span className="sidebar--right__title">{'Thread'}</span>
        <button type="button" id="rhsCloseButton" className="sandbox-icon-button" aria-label="Close" onClick={closeRhs}>
          {'✕'}
        </button>
      </div>
      <div className="sidebar--right__content sandbox-thread" id="rhsContainer">
        {root && <Post postId={props.rootId} location="RHS_ROOT" />}
        {replyIds.map((id) => (
          <Post key={id} postId={id} location="RHS_COMMENT" />
        ))}
        {root && channel && (
          <MessageBox channelId={root.channel_id} teamId={channel.team_id} rootId={props.rootId} placeholder="Reply to thread" />
        )}
      </div>
    </>
  );
}

export function RightHandSidebar() {
  const rhs = useSelector((state: any) => state.views.rhs);
  if (!rhs.isSidebarOpen) {
    return null;
  }
  let body = null;
  if (rhs.rhsState === 'plugin' && rhs.pluggableId) {
    body = <PluginRhs pluggableId={rhs.pluggableId} />;
  } else if (rhs.selectedPostId) {
    body = <ThreadView rootId={rhs.selectedPostId} />;
  }
  if (!body) {
    return null;
  }
  return (
    <aside
      id="sidebar-right"
      className={'sidebar--right' + (rhs.isSidebarExpanded ? ' sidebar--right--expanded' : '')}
      aria-label="right-hand sidebar"
    >
      {body}
    </aside>
  );
}
