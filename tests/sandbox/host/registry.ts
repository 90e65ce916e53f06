// The registry double handed to `initialize(registry, store)`. Each call takes its arguments the
// way Mattermost's PluginRegistry does (positional, or one object whose keys are exactly the
// documented names — see rearg.ts), stores what it registers in `state.plugins` under the same
// component names and with the same fields, and returns what Mattermost returns. On top of that it
// reports, as violations, what Mattermost accepts silently but what breaks later or elsewhere.
import React from 'react';

import * as reducerRegistryModule from 'mattermost-redux/store/reducer_registry';

import { cjsDefault } from './cjs';
import { ActionTypes, RHSStates } from './constants';
import { reArg, type Args } from './rearg';
import { record, violation } from './recorder';
import type { HostStore } from './store';
import { registerTranslationsSource } from './translations';
import {
  CORE_WEBSOCKET_EVENTS,
  registerPluginWebSocketEvent,
  registerPluginReconnectHandler,
  unregisterPluginReconnectHandler,
  unregisterPluginWebSocketEvent,
} from './websocket';

const reducerRegistry = cjsDefault<typeof reducerRegistryModule.default>(reducerRegistryModule);

function generateId(): string {
  // Mattermost's utils.generateId: a v4-like UUID string.
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(Math.random() * 16);
    return (c === 'x' ? r : (r % 4) + 8).toString(16);
  });
}

function isValidElementType(value: unknown): boolean {
  return (
    typeof value === 'function' ||
    typeof value === 'string' ||
    (typeof value === 'object' && value !== null && typeof (value as { $$typeof?: unknown }).$$typeof === 'symbol')
  );
}

/** As Mattermost: a component passed where an element is expected is rendered without props. */
function resolveReactElement(element: unknown): unknown {
  if (element && !React.isValidElement(element) && isValidElementType(element) && typeof element !== 'string') {
    return React.createElement(element as React.ElementType);
  }
  return element;
}

export function showRHSPlugin(pluggableId: string) {
  return { type: ActionTypes.UPDATE_RHS_STATE, state: RHSStates.PLUGIN, pluggableId };
}

export function hideRHSPlugin(pluggableId: string) {
  return (dispatch: (a: unknown) => unknown, getState: () => any) => {
    if (getState().views.rhs.pluggableId === pluggableId) {
      dispatch({ type: ActionTypes.UPDATE_RHS_STATE, state: null });
    }
    return { data: true };
  };
}

export function toggleRHSPlugin(pluggableId: string) {
  return (dispatch: (a: unknown) => unknown, getState: () => any) => {
    if (getState().views.rhs.pluggableId === pluggableId) {
      dispatch(hideRHSPlugin(pluggableId));
      return { data: false };
    }
    dispatch(showRHSPlugin(pluggableId));
    return { data: true };
  };
}

/** Calls Mattermost registers but the sandbox does not draw: accepted, stored, listed in the debug panel. */
const UNRENDERED: Record<string, { name: string; keys: string[] }> = {
  registerMainMenuAction: { name: 'MainMenu', keys: ['text', 'action', 'mobileIcon'] },
  registerChannelIntroButtonAction: { name: 'ChannelIntroButton', keys: ['icon', 'action', 'text'] },
  registerPostMessageAttachmentComponent: { name: 'PostMessageAttachment', keys: ['component'] },
  registerLeftSidebarHeaderComponent: { name: 'LeftSidebarHeader', keys: ['component'] },
  registerBottomTeamSidebarComponent: { name: 'BottomTeamSidebar', keys: ['component'] },
  registerLinkTooltipComponent: { name: 'LinkTooltip', keys: ['component'] },
  registerPopoverUserAttributesComponent: { name: 'PopoverUserAttributes', keys: ['component'] },
  registerPopoverUserActionsComponent: { name: 'PopoverUserActions', keys: ['component'] },
  registerPostDropdownMenuComponent: { name: 'PostDropdownMenuItem', keys: ['component'] },
  registerFilePreviewComponent: { name: 'FilePreview', keys: ['override', 'component'] },
  registerFilesWillUploadHook: { name: 'FilesWillUploadHook', keys: ['hook'] },
  registerMessageWillFormatHook: { name: 'MessageWillFormat', keys: ['hook'] },
  registerMessageWillBeUpdatedHook: { name: 'MessageWillBeUpdated', keys: ['hook'] },
  registerNeedsTeamRoute: { name: 'NeedsTeamComponent', keys: ['route', 'component'] },
  registerCustomRoute: { name: 'CustomRouteComponent', keys: ['route', 'component'] },
  registerCallButtonAction: { name: 'CallButton', keys: ['button', 'dropdownButton', 'action'] },
  registerUserGuideDropdownMenuAction: { name: 'UserGuideDropdown', keys: ['text', 'action'] },
  registerPostWillRenderEmbedComponent: { name: 'PostWillRenderEmbedComponent', keys: ['match', 'component', 'toggleable'] },
  registerGlobalComponent: { name: 'Global', keys: ['component'] },
  registerChannelToastComponent: { name: 'ChannelToast', keys: ['component'] },
  registerSidebarChannelLinkLabelComponent: { name: 'SidebarChannelLinkLabel', keys: ['component'] },
};

export class PluginRegistry {
  readonly id: string;
  private readonly store: HostStore;

  supports = { globalAppBar: true, globalRhs: true };

  [key: string]: unknown;

  constructor(id: string, store: HostStore) {
    this.id = id;
    this.store = store;
    for (const [method, spec] of Object.entries(UNRENDERED)) {
      this[method] = this.wrap(method, spec.keys, (args) => {
        const id = generateId();
        this.put(spec.name, { id, ...args });
        record('registered-unrendered', this.id, { method });
        return id;
      });
    }
  }

  private wrap<R>(call: string, keys: string[], func: (args: Args) => R) {
    return reArg(this, call, keys, (args) => {
      record('registry-call', this.id, { call, keys: Object.keys(args).filter((k) => args[k] !== undefined) });
      return func(args);
    });
  }

  private put(name: string, data: Record<string, unknown>): void {
    this.store.dispatch({ type: ActionTypes.RECEIVED_PLUGIN_COMPONENT, name, data: { pluginId: this.id, ...data } });
  }

  private requireFunction(call: string, arg: string, value: unknown, optional = false): void {
    if (value === undefined && optional) {
      return;
    }
    if (typeof value !== 'function') {
      violation(this.id, call, `"${arg}" must be a function (got ${value === null ? 'null' : typeof value})`);
    }
  }

  private requireComponent(call: string, arg: string, value: unknown): void {
    if (!isValidElementType(value) || typeof value === 'string') {
      violation(this.id, call, `"${arg}" must be a React component (got ${value === null ? 'null' : typeof value})`);
    }
  }

  private requireText(call: string, arg: string, value: unknown, optional = false): void {
    if ((value === undefined || value === null) && optional) {
      return;
    }
    if (typeof value !== 'string' && !React.isValidElement(value) && !isValidElementType(value)) {
      violation(this.id, call, `"${arg}" must be a string or a React element (got ${value === null ? 'null' : typeof value})`);
    }
  }

  registerRootComponent = this.wrap('registerRootComponent', ['component'], ({ component }) => {
    this.requireComponent('registerRootComponent', 'component', component);
    const id = generateId();
    this.put('Root', { id, component });
    return id;
  });

  registerPostDropdownMenuAction = this.wrap('registerPostDropdownMenuAction', ['text', 'action', 'filter'], ({ text, action, filter }) => {
    const call = 'registerPostDropdownMenuAction';
    this.requireText(call, 'text', text);
    this.requireFunction(call, 'action', action);
    this.requireFunction(call, 'filter', filter, true);
    const id = generateId();
    this.put('PostDropdownMenu', { id, text: resolveReactElement(text), action, filter });
    return id;
  });

  registerFileDropdownMenuAction = this.wrap('registerFileDropdownMenuAction', ['match', 'text', 'action'], ({ match, text, action }) => {
    const call = 'registerFileDropdownMenuAction';
    this.requireFunction(call, 'match', match);
    this.requireText(call, 'text', text);
    this.requireFunction(call, 'action', action);
    const id = generateId();
    this.put('FilesDropdown', { id, match, text: resolveReactElement(text), action });
    return id;
  });

  registerRightHandSidebarComponent = this.wrap('registerRightHandSidebarComponent', ['component', 'title'], ({ component, title }) => {
    this.requireComponent('registerRightHandSidebarComponent', 'component', component);
    this.requireText('registerRightHandSidebarComponent', 'title', title, true);
    const id = generateId();
    this.put('RightHandSidebarComponent', { id, component, title: resolveReactElement(title) });
    return { id, showRHSPlugin: showRHSPlugin(id), hideRHSPlugin: hideRHSPlugin(id), toggleRHSPlugin: toggleRHSPlugin(id) };
  });

  registerChannelHeaderButtonAction = this.wrap(
    'registerChannelHeaderButtonAction',
    ['icon', 'action', 'dropdownText', 'tooltipText'],
    ({ icon, action, dropdownText, tooltipText }) => {
      const call = 'registerChannelHeaderButtonAction';
      this.requireText(call, 'icon', icon);
      this.requireFunction(call, 'action', action);
      const id = generateId();
      const data = {
        id,
        icon: resolveReactElement(icon),
        action,
        dropdownText: resolveReactElement(dropdownText),
        tooltipText: resolveReactElement(tooltipText),
      };
      this.put('ChannelHeaderButton', data);
      this.put('MobileChannelHeaderButton', data);
      return id;
    },
  );

  registerAppBarComponent = this.wrap(
    'registerAppBarComponent',
    ['iconUrl', 'action', 'tooltipText', 'supportedProductIds', 'rhsComponent', 'rhsTitle'],
    (args) => {
      const call = 'registerAppBarComponent';
      const { iconUrl, action, tooltipText, rhsComponent, rhsTitle } = args;
      const supportedProductIds = args.supportedProductIds ?? null;
      if (typeof iconUrl !== 'string' || !iconUrl) {
        violation(this.id, call, `"iconUrl" must be a URL string (got ${typeof iconUrl})`);
      } else {
        this.checkIconUrl(iconUrl);
      }
      if (rhsComponent === undefined) {
        this.requireFunction(call, 'action', action);
      } else if (action !== undefined) {
        violation(this.id, call, 'pass either "action" or "rhsComponent", not both: with an rhsComponent Mattermost ignores the action');
      }
      const id = generateId();
      const registeredRhs = rhsComponent
        ? (this.registerRightHandSidebarComponent as (a: Args) => { id: string; toggleRHSPlugin: unknown })({
            component: rhsComponent,
            title: rhsTitle,
          })
        : null;
      this.put('AppBar', {
        id,
        iconUrl,
        tooltipText: resolveReactElement(tooltipText),
        supportedProductIds,
        ...(registeredRhs
          ? {
              action: () => this.store.dispatch(registeredRhs.toggleRHSPlugin as any),
              rhsComponentId: registeredRhs.id,
            }
          : { action }),
      });
      return registeredRhs ? { id, rhsComponent: registeredRhs } : id;
    },
  );

  registerChannelHeaderMenuAction = this.wrap(
    'registerChannelHeaderMenuAction',
    ['text', 'action', 'shouldRender'],
    ({ text, action, shouldRender }) => {
      const call = 'registerChannelHeaderMenuAction';
      this.requireText(call, 'text', text);
      this.requireFunction(call, 'action', action);
      this.requireFunction(call, 'shouldRender', shouldRender, true);
      const id = generateId();
      this.put('ChannelHeader', { id, text: resolveReactElement(text), action, shouldRender: shouldRender ?? (() => true) });
      return id;
    },
  );

  registerPostTypeComponent = this.wrap('registerPostTypeComponent', ['type', 'component'], ({ type, component }) => {
    const call = 'registerPostTypeComponent';
    if (typeof type !== 'string' || !type.startsWith('custom_')) {
      violation(
        this.id,
        call,
        `post type must start with "custom_" (got ${JSON.stringify(type)}); ` +
          'Mattermost refuses to create posts of any other non-system type',
      );
    }
    this.requireComponent(call, 'component', component);
    const id = generateId();
    this.store.dispatch({ type: ActionTypes.RECEIVED_PLUGIN_POST_COMPONENT, data: { id, pluginId: this.id, type, component } });
    return id;
  });

  registerWebSocketEventHandler = this.wrap('registerWebSocketEventHandler', ['event', 'handler'], ({ event, handler }) => {
    const call = 'registerWebSocketEventHandler';
    this.requireFunction(call, 'handler', handler);
    if (typeof event !== 'string') {
      violation(this.id, call, `"event" must be a string (got ${typeof event})`);
    } else if (!CORE_WEBSOCKET_EVENTS.has(event)) {
      violation(
        this.id,
        call,
        `"${event}" is not a core Mattermost event; only a server-side (Go) plugin can ` +
          'publish custom_<pluginid>_* events, so this handler will never run',
      );
    }
    registerPluginWebSocketEvent(this.id, String(event), handler as (msg: unknown) => void);
  });

  unregisterWebSocketEventHandler = this.wrap('unregisterWebSocketEventHandler', ['event'], ({ event }) => {
    unregisterPluginWebSocketEvent(this.id, String(event));
  });

  registerReconnectHandler = this.wrap('registerReconnectHandler', ['handler'], ({ handler }) => {
    this.requireFunction('registerReconnectHandler', 'handler', handler);
    registerPluginReconnectHandler(this.id, handler as () => void);
  });

  unregisterReconnectHandler = () => {
    unregisterPluginReconnectHandler(this.id);
  };

  registerReducer = this.wrap('registerReducer', ['reducer'], ({ reducer }) => {
    this.requireFunction('registerReducer', 'reducer', reducer);
    reducerRegistry.register('plugins-' + this.id, reducer as any);
  });

  registerTranslations = this.wrap('registerTranslations', ['getTranslationsForLocale'], ({ getTranslationsForLocale }) => {
    this.requireFunction('registerTranslations', 'getTranslationsForLocale', getTranslationsForLocale);
    registerTranslationsSource(this.store, this.id, getTranslationsForLocale as (locale: string) => unknown);
  });

  registerSlashCommandWillBePostedHook = this.wrap('registerSlashCommandWillBePostedHook', ['hook'], ({ hook }) => {
    this.requireFunction('registerSlashCommandWillBePostedHook', 'hook', hook);
    const id = generateId();
    this.put('SlashCommandWillBePosted', { id, hook });
    return id;
  });

  registerMessageWillBePostedHook = this.wrap('registerMessageWillBePostedHook', ['hook'], ({ hook }) => {
    this.requireFunction('registerMessageWillBePostedHook', 'hook', hook);
    const id = generateId();
    this.put('MessageWillBePosted', { id, hook });
    return id;
  });

  unregisterComponent = this.wrap('unregisterComponent', ['componentId'], ({ componentId }) => {
    this.store.dispatch({ type: ActionTypes.REMOVED_PLUGIN_COMPONENT, id: componentId });
  });

  unregisterPostTypeComponent = this.wrap('unregisterPostTypeComponent', ['componentId'], ({ componentId }) => {
    this.store.dispatch({ type: ActionTypes.REMOVED_PLUGIN_POST_COMPONENT, id: componentId });
  });

  /** The App Bar shows `<img src=iconUrl>`; a URL that does not load is a broken icon in Mattermost. */
  private checkIconUrl(iconUrl: string): void {
    fetch(iconUrl, { method: 'GET', credentials: 'same-origin' })
      .then((res) => {
        if (!res.ok) {
          violation(
            this.id,
            'registerAppBarComponent',
            `iconUrl ${iconUrl} answers ${res.status}; ` + `a plugin's static files are served only under /plugins/${this.id}/public/`,
          );
        }
      })
      .catch(() => {
        violation(this.id, 'registerAppBarComponent', `iconUrl ${iconUrl} could not be loaded`);
      });
  }
}
