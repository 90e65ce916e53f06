// A plugin's team route (registerNeedsTeamRoute), drawn where Mattermost's team_controller draws
// it: in place of the center channel, for /<team>/<route>/… under one of the user's teams, the
// channel list, the RHS and the App Bar staying as they are. As react-router 5 matches a route
// that is not `exact`, a longer path under the route is the route's too.
import React, { useEffect, useState } from 'react';
import { useSelector } from 'react-redux';

import { browserHistory } from '../history';
import { PluginComponent } from './pluggable';

/** The path the router is at, following every move (a push, a replace, back and forward). */
export function usePathname(): string {
  const [pathname, setPathname] = useState(window.location.pathname);
  useEffect(() => browserHistory.listen((location) => setPathname(location.pathname)), []);
  return pathname;
}

/** The team route `pathname` names, if a plugin registered it and the team is one of the user's. */
export function useTeamRoute(pathname: string): { id: string; pluginId: string; component: React.ElementType } | null {
  const routes = useSelector((state: any) => state.plugins.components.NeedsTeamComponent) as any[];
  const teams = useSelector((state: any) => state.entities.teams.teams) as Record<string, { name: string }>;
  const [team, ...rest] = pathname.split('/').filter(Boolean);
  if (!team || !Object.values(teams).some((t) => t.name === team)) {
    return null;
  }
  const under = rest.join('/');
  return (
    routes.find((r) => {
      const route = String(r.route).replace(/\/+$/, '');
      return under === route || under.startsWith(route + '/');
    }) ?? null
  );
}

export function TeamRouteView(props: { route: { id: string; pluginId: string; component: React.ElementType } }) {
  return (
    <main className="sandbox-center sandbox-team-route" id="app-content" data-plugin-id={props.route.pluginId}>
      <PluginComponent pluginId={props.route.pluginId} where="a team route" component={props.route.component} />
    </main>
  );
}
