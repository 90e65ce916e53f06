// The whole screen: banner, channel sidebar, center channel (or a plugin's team route in its place),
// right-hand sidebar, App Bar, plus every plugin Root component — inside the store Provider and an
// IntlProvider fed from state.views.i18n, so plugin components find both contexts as they do in Mattermost.
import React, { useState } from 'react';
import { IntlProvider } from 'react-intl';
import { Provider, useSelector } from 'react-redux';

import type { HostStore } from '../store';
import { currentLocale } from '../translations';
import { AppBar } from './app_bar';
import { ChannelView } from './channel_view';
import { DebugPanel } from './debug_panel';
import { PluginComponent } from './pluggable';
import { RightHandSidebar } from './rhs';
import { Sidebar } from './sidebar';
import { TeamRouteView, usePathname, useTeamRoute } from './team_route';
import { TopBar } from './top_bar';

// Missing translations fall back to the default message, as in Mattermost; anything else is a bug.
function onIntlError(err: { code?: string; message?: string }) {
  if (err.code !== 'MISSING_TRANSLATION') {
    console.error(err.message ?? err);
  }
}

function RootComponents() {
  const roots = useSelector((state: any) => state.plugins.components.Root) as any[];
  return (
    <>
      {roots.map((c) => (
        <PluginComponent key={c.id} pluginId={c.pluginId} where="a root component" component={c.component} />
      ))}
    </>
  );
}

function Shell(props: { highlightPostId: string | null }) {
  const [debug, setDebug] = useState(new URLSearchParams(window.location.search).get('debug') === '1');
  const route = useTeamRoute(usePathname());
  return (
    <div className="sandbox-app">
      <TopBar onToggleDebug={() => setDebug(!debug)} />
      <div className="sandbox-main">
        <Sidebar />
        {route ? <TeamRouteView key={route.id} route={route} /> : <ChannelView highlightPostId={props.highlightPostId} />}
        <RightHandSidebar />
        <AppBar />
      </div>
      {debug && <DebugPanel />}
      <RootComponents />
    </div>
  );
}

function Localized(props: { children: React.ReactNode }) {
  const locale = useSelector(currentLocale);
  const messages = useSelector((state: any) => state.views.i18n.translations[locale]);
  return (
    <IntlProvider key={locale} locale={locale} messages={messages ?? {}} defaultLocale="en" onError={onIntlError}>
      {props.children}
    </IntlProvider>
  );
}

export function App(props: { store: HostStore; highlightPostId: string | null }) {
  return (
    <Provider store={props.store as any}>
      <Localized>
        <Shell highlightPostId={props.highlightPostId} />
      </Localized>
    </Provider>
  );
}
