// Renders a plugin's component the way Mattermost's Pluggable does: inside its own error boundary
// (so one plugin's crash does not take the page down) and with the `theme` and `webSocketClient`
// props every pluggable component receives.
import React from 'react';
import { useSelector } from 'react-redux';

import { getTheme } from 'mattermost-redux/selectors/entities/preferences';

import { webSocketClient } from '../websocket';

type BoundaryProps = { pluginId: string; where: string; children?: React.ReactNode };

export class PluginErrorBoundary extends React.Component<BoundaryProps, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (this.state.error) {
      return (
        <div className="sandbox-plugin-error" data-plugin-error={this.props.pluginId}>
          {`Plugin ${this.props.pluginId} crashed in ${this.props.where}: ${this.state.error.message}`}
        </div>
      );
    }
    return this.props.children ?? null;
  }
}

export function PluginComponent(props: { pluginId: string; where: string; component: React.ElementType; extra?: Record<string, unknown> }) {
  const theme = useSelector(getTheme);
  const Component = props.component;
  return (
    <PluginErrorBoundary pluginId={props.pluginId} where={props.where}>
      <Component {...props.extra} theme={theme} webSocketClient={webSocketClient} />
    </PluginErrorBoundary>
  );
}
