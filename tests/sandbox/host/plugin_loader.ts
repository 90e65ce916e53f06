// Loads plugins as Mattermost's webapp does (channels/src/plugins/index.ts): GET /plugins/webapp,
// one <script id="plugin_<id>"> per manifest, the bundle calls window.registerPlugin(id, plugin)
// synchronously, and when the script has loaded the host calls plugin.initialize(registry, store)
// without awaiting it. registerPlugin calls the previous instance's uninitialize() first.
import { Client4 } from 'mattermost-redux/client';
import * as reducerRegistryModule from 'mattermost-redux/store/reducer_registry';

import { cjsDefault } from './cjs';
import { ActionTypes } from './constants';
import { lifecycle, violation } from './recorder';
import { RegistryDouble, type Args, type Registration, type RegistryHost } from './registry';
import { session } from './session';
import type { HostStore } from './store';
import { currentLocale, registerTranslationsSource } from './translations';
import * as ws from './websocket';

const reducerRegistry = cjsDefault<typeof reducerRegistryModule.default>(reducerRegistryModule);

type Plugin = { initialize?: (registry: unknown, store: unknown) => unknown; uninitialize?: () => void; deinitialize?: () => void };
type Manifest = { id: string; version: string; webapp?: { bundle_path?: string } };

declare global {
  interface Window {
    plugins: Record<string, Plugin>;
    registerPlugin: (id: string, plugin: Plugin) => void;
  }
}

let hostStore: HostStore;
const loaded: Record<string, Manifest> = {};

function registerPlugin(id: string, plugin: Plugin): void {
  const old = window.plugins[id];
  if (old && old.uninitialize) {
    lifecycle(id).uninitialized += 1;
    old.uninitialize();
  }
  lifecycle(id).registered += 1;
  if (!loaded[id]) {
    violation(
      id,
      'registerPlugin',
      `registered under an id no manifest names (manifests: ${Object.keys(loaded).join(', ') || 'none'}); ` +
        'the server lowercases plugin ids, so the bundle must use the lowercase id from plugin.json',
    );
  }
  window.plugins[id] = plugin;
}

export function installPluginGlobals(store: HostStore): void {
  hostStore = store;
  window.plugins = {};
  window.registerPlugin = registerPlugin;
}

/** The registry double's registrations land where Mattermost keeps them: the store, the socket handlers. */
const sandboxHost: RegistryHost = {
  dispatch: (action) => hostStore.dispatch(action as never),
  register(name: string, data: Registration) {
    const fn = (key: string) => data[key] as (...a: any[]) => any;
    if (name === 'PostType') {
      hostStore.dispatch({ type: ActionTypes.RECEIVED_PLUGIN_POST_COMPONENT, data });
    } else if (name === 'Reducer') {
      reducerRegistry.register('plugins-' + data.pluginId, fn('reducer'));
    } else if (name === 'Translations') {
      registerTranslationsSource(
        hostStore,
        data.pluginId,
        fn('getTranslationsForLocale'),
        data.locale as string | null,
        data.strings as Args,
      );
    } else if (name === 'WebSocketEventHandler') {
      ws.registerPluginWebSocketEvent(data.pluginId, String(data.event), fn('handler'));
    } else if (name === 'ReconnectHandler') {
      ws.registerPluginReconnectHandler(data.pluginId, fn('handler'));
    } else {
      hostStore.dispatch({ type: ActionTypes.RECEIVED_PLUGIN_COMPONENT, name, data });
    }
  },
  unregister(name: string, data: Args) {
    if (name === 'Component' || name === 'PostType') {
      const type = name === 'PostType' ? ActionTypes.REMOVED_PLUGIN_POST_COMPONENT : ActionTypes.REMOVED_PLUGIN_COMPONENT;
      hostStore.dispatch({ type, id: data.id });
    } else if (name === 'WebSocketEventHandler') {
      ws.unregisterPluginWebSocketEvent(String(data.pluginId), String(data.event));
    } else if (name === 'ReconnectHandler') {
      ws.unregisterPluginReconnectHandler(String(data.pluginId));
    }
  },
  report: (v) => violation(v.pluginId, v.call, v.message),
  // The App Bar shows `<img src=iconUrl>`; a URL that does not load is a broken icon in Mattermost.
  checkIconUrl: (url) =>
    fetch(url, { credentials: 'same-origin' }).then(
      (res) =>
        res.ok ? null : `iconUrl ${url} answers ${res.status}; a plugin's static files are served only under /plugins/<id>/public/`,
      () => `iconUrl ${url} could not be loaded`,
    ),
  translationLocale: () => {
    const state = hostStore.getState() as any;
    const locale = currentLocale(state);
    return state.views.i18n.translations[locale] ? locale : null;
  },
};

export const newRegistry = (id: string) => new RegistryDouble(id, sandboxHost, false, session.profile);

function initializePlugin(manifest: Manifest): void {
  const plugin = window.plugins[manifest.id];
  const registry = newRegistry(manifest.id);
  const state = lifecycle(manifest.id);
  if (!plugin) {
    violation(manifest.id, 'registerPlugin', 'the bundle loaded but never called window.registerPlugin with this id');
    return;
  }
  if (!plugin.initialize) {
    return;
  }
  try {
    const result = plugin.initialize(registry, hostStore);
    state.initialized += 1;
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).catch((err) => {
        state.initializeError = String((err as Error)?.stack ?? err);
        console.error(`plugin ${manifest.id}: initialize() rejected`, err);
      });
    }
  } catch (err) {
    state.initializeError = String((err as Error)?.stack ?? err);
    console.error(`plugin ${manifest.id}: initialize() threw`, err);
  }
}

function bundleUrl(manifest: Manifest, bust = ''): string {
  let path = manifest.webapp?.bundle_path ?? '';
  // Mattermost's own backwards-compatibility rewrite for server-side bundle paths.
  if (path.includes('/static/') && !path.includes('/static/plugins/')) {
    path = path.replace('/static/', '/static/plugins/');
  }
  return window.location.origin + path + bust;
}

function addScript(manifest: Manifest, bust = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.id = 'plugin_' + manifest.id;
    script.type = 'text/javascript';
    script.src = bundleUrl(manifest, bust);
    script.defer = true;
    script.onload = () => {
      lifecycle(manifest.id).scriptLoaded = true;
      initializePlugin(manifest);
      console.log(`Loaded plugin ${manifest.id}, version ${manifest.version}`);
      resolve();
    };
    script.onerror = () => reject(new Error(`Unable to load bundle for plugin ${manifest.id}, version ${manifest.version}`));
    document.getElementsByTagName('head')[0].appendChild(script);
  });
}

export async function loadPlugins(): Promise<Manifest[]> {
  const manifests = (await Client4.getWebappPlugins()) as unknown as Manifest[];
  hostStore.dispatch({ type: ActionTypes.RECEIVED_WEBAPP_PLUGINS, data: manifests });
  await Promise.all(
    manifests.map(async (m) => {
      loaded[m.id] = m;
      await addScript(m).catch((err) => {
        console.error(err.message);
      });
    }),
  );
  return manifests;
}

/**
 * What Mattermost does when a plugin is upgraded in place: its components are dropped from the
 * store, the bundle is added again, registerPlugin calls the old instance's uninitialize(), and
 * the new instance is initialized with a fresh registry.
 */
export async function reloadPlugin(id: string): Promise<void> {
  const manifest = loaded[id];
  if (!manifest) {
    throw new Error(`plugin ${id} is not loaded`);
  }
  hostStore.dispatch({ type: ActionTypes.REMOVED_WEBAPP_PLUGIN, data: manifest });
  hostStore.dispatch({ type: ActionTypes.RECEIVED_WEBAPP_PLUGIN, data: manifest });
  ws.unregisterAllPluginWebSocketEvents(id);
  ws.unregisterPluginReconnectHandler(id);
  document.getElementById('plugin_' + id)?.remove();
  await addScript(manifest, `?reload=${Date.now()}`);
}
