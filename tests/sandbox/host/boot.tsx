// Starts the host: globals, store, session, screen, live events, then the plugins — in the order
// Mattermost's webapp brings them up.
import React from 'react';

import { Client4 } from 'mattermost-redux/client';
import { getCurrentUser } from 'mattermost-redux/selectors/entities/users';

import { loadConfig, loadMe, loadTeamsAndChannels, login, selectTeam } from './data';
import { installLibraryGlobals } from './globals';
import { installBrowserHistory } from './history';
import { openChannel, openPermalink } from './navigation';
import { profileForReact } from './profile';
import { installPluginGlobals, loadPlugins, newRegistry, reloadPlugin } from './plugin_loader';
import { recorder } from './recorder';
import { session, type SandboxConfig } from './session';
import { createHostStore } from './store';
import { setDarkTheme, setLocale, storedDark, storedLocale } from './switches';
import { App } from './ui/app';
import { LoginScreen } from './ui/login';
import { connectLive } from './websocket';

export type Mount = (element: HTMLElement, node: React.ReactElement) => void;

/** `?user=<key>` logs that user in first (handy for tests and links); used once, then dropped. */
async function loginFromQuery(config: SandboxConfig, me: any): Promise<boolean> {
  const url = new URL(window.location.href);
  const key = url.searchParams.get('user');
  if (!key) {
    return false;
  }
  url.searchParams.delete('user');
  const user = config.users.find((u) => u.key === key);
  if (!user || me?.username === user.login_id || me?.email === user.login_id) {
    window.history.replaceState(null, '', url.toString());
    return false;
  }
  await login(user.login_id, user.password);
  window.location.replace(url.toString());
  return true;
}

function firstChannel(state: any, config: SandboxConfig): { teamId: string; channelId: string } | null {
  const teams = Object.values(state.entities.teams.teams) as any[];
  const team = teams.find((t) => t.name === config.defaultTeam) ?? teams.sort((a, b) => a.display_name.localeCompare(b.display_name))[0];
  if (!team) {
    return null;
  }
  const ids = [...(state.entities.channels.channelsInTeam[team.id] ?? [])] as string[];
  const channels = ids.map((id) => state.entities.channels.channels[id]).filter(Boolean);
  const channel =
    channels.find((c) => c.name === config.defaultChannel) ??
    channels.find((c) => c.name === 'town-square') ??
    channels.sort((a, b) => a.display_name.localeCompare(b.display_name))[0];
  return channel ? { teamId: team.id, channelId: channel.id } : null;
}

/**
 * `/<team>/channels/<name>` and `/<team>/pl/<postId>`, as Mattermost's URLs; any other path under
 * one of the user's teams (`/<team>/<plugin id>/…`, a plugin's team route) selects that team and
 * leaves the channel as it was: the screen draws the route (ui/app.tsx).
 */
async function openFromUrl(state: any, config: SandboxConfig): Promise<string | null> {
  const parts = window.location.pathname.split('/').filter(Boolean);
  if (parts.length === 3 && parts[1] === 'pl') {
    return openPermalink(parts[2]);
  }
  const routeTeam = (Object.values(state.entities.teams.teams) as any[]).find((t) => t.name === parts[0]);
  if (routeTeam && parts.length >= 2 && parts[1] !== 'channels' && parts[1] !== 'pl') {
    selectTeam(session.store!, routeTeam.id);
    return null;
  }
  if (parts.length === 3 && parts[1] === 'channels') {
    const team = (Object.values(state.entities.teams.teams) as any[]).find((t) => t.name === parts[0]);
    const channel =
      team && (Object.values(state.entities.channels.channels) as any[]).find((c) => c.team_id === team.id && c.name === parts[2]);
    if (channel) {
      await openChannel(channel.id, false);
      return null;
    }
  }
  const first = firstChannel(state, config);
  if (first) {
    selectTeam(session.store!, first.teamId);
    await openChannel(first.channelId);
  }
  return null;
}

export async function boot(mount: Mount, reactLabel: string): Promise<void> {
  installLibraryGlobals();
  const rec = recorder();
  rec.react = reactLabel;
  session.profile = profileForReact(reactLabel);
  rec.mattermost = session.profile.mattermost;
  const store = createHostStore();
  rec.store = store;
  session.store = store;
  installPluginGlobals(store);
  rec.registryFor = newRegistry;
  rec.reloadPlugin = reloadPlugin;
  Client4.setUrl(window.location.origin);

  const root = document.getElementById('root')!;
  const config: SandboxConfig = await (await fetch('/__sandbox/config')).json();
  session.config = config;
  loadConfig(store);
  let me = await loadMe(store);
  if (await loginFromQuery(config, me)) {
    return;
  }
  setDarkTheme(storedDark());
  if (!me) {
    mount(root, <LoginScreen />);
    rec.ready = true;
    return;
  }
  await loadTeamsAndChannels(store);
  me = getCurrentUser(store.getState() as any);
  setLocale(storedLocale() ?? me.locale ?? 'en');
  const highlight = await openFromUrl(store.getState(), config);
  installBrowserHistory(() => void openFromUrl(store.getState(), config));

  mount(root, <App store={store} highlightPostId={highlight} />);
  connectLive(store);
  try {
    await loadPlugins();
  } catch (err) {
    console.error('could not load plugins', err);
  }
  rec.ready = true;
}
