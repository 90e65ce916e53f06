// The registry double: Mattermost's PluginRegistry as a plugin sees it, shared by the sandbox host
// and the webapp's jest tests. Each call takes its arguments as Mattermost's reArg does (positional,
// or ONE plain object whose keys are all documented names; any other single object becomes the
// first argument), records what it registers under Mattermost's component names, returns what
// Mattermost returns, and reports as violations what Mattermost lets pass but what breaks later.
import * as mmClient from '@mattermost/client';
import React from 'react';

import { PROFILES, type HostProfile } from './profile';

export type Args = Record<string, unknown>;
export type Registration = { id: string; pluginId: string; [key: string]: unknown };
export type Violation = { pluginId: string; call: string; message: string; arg?: string; problem: string };

/** Where registrations go: the sandbox's store, or the jest harness's store. */
export interface RegistryHost {
  dispatch(action: unknown): unknown;
  /** `name` is a state.plugins.components bucket, or PostType, Reducer, Translations, WebSocketEventHandler, ReconnectHandler. */
  register(name: string, data: Registration): void;
  unregister(name: string, data: Args): void;
  report(v: Violation): void;
  /** Checks that an App Bar icon loads, reporting the problem if it does not (the sandbox only). */
  checkIconUrl?(url: string): Promise<string | null>;
  /** The locale whose translations the host has loaded, to merge a plugin's strings into now. */
  translationLocale?(): string | null;
}

// WebSocketEvents is a const enum in the typings but a plain object at run time.
const coreEvents = (mmClient as unknown as { WebSocketEvents: Record<string, string> }).WebSocketEvents;
export const CORE_WEBSOCKET_EVENTS = new Set<string>(Object.values(coreEvents));

type Rule = 'component' | 'fn' | 'fn?' | 'bool?' | 'text' | 'text?' | 'any';
type Spec = { name: string; args: Record<string, Rule> };

/** The calls that register one component the generic way: bucket name and argument rules, in positional order. */
const CALLS: Record<string, Spec> = {
  registerRootComponent: { name: 'Root', args: { component: 'component' } },
  registerPostDropdownMenuAction: { name: 'PostDropdownMenu', args: { text: 'text', action: 'fn', filter: 'fn?' } },
  registerFileDropdownMenuAction: { name: 'FilesDropdown', args: { match: 'fn', text: 'text', action: 'fn' } },
  registerChannelHeaderMenuAction: { name: 'ChannelHeader', args: { text: 'text', action: 'fn', shouldRender: 'fn?' } },
  registerSlashCommandWillBePostedHook: { name: 'SlashCommandWillBePosted', args: { hook: 'fn' } },
  registerMessageWillBePostedHook: { name: 'MessageWillBePosted', args: { hook: 'fn' } },
  // Accepted and kept; the sandbox does not draw these.
  registerMainMenuAction: { name: 'MainMenu', args: { text: 'any', action: 'any', mobileIcon: 'any' } },
  registerChannelIntroButtonAction: { name: 'ChannelIntroButton', args: { icon: 'any', action: 'any', text: 'any' } },
  registerPostMessageAttachmentComponent: { name: 'PostMessageAttachment', args: { component: 'any' } },
  registerLeftSidebarHeaderComponent: { name: 'LeftSidebarHeader', args: { component: 'any' } },
  registerBottomTeamSidebarComponent: { name: 'BottomTeamSidebar', args: { component: 'any' } },
  registerLinkTooltipComponent: { name: 'LinkTooltip', args: { component: 'any' } },
  registerPopoverUserAttributesComponent: { name: 'PopoverUserAttributes', args: { component: 'any' } },
  registerPopoverUserActionsComponent: { name: 'PopoverUserActions', args: { component: 'any' } },
  registerPostDropdownMenuComponent: { name: 'PostDropdownMenuItem', args: { component: 'any' } },
  registerFilePreviewComponent: { name: 'FilePreview', args: { override: 'any', component: 'any' } },
  registerFilesWillUploadHook: { name: 'FilesWillUploadHook', args: { hook: 'any' } },
  registerMessageWillFormatHook: { name: 'MessageWillFormat', args: { hook: 'any' } },
  registerMessageWillBeUpdatedHook: { name: 'MessageWillBeUpdated', args: { hook: 'any' } },
  registerCallButtonAction: { name: 'CallButton', args: { button: 'any', dropdownButton: 'any', action: 'any' } },
  registerUserGuideDropdownMenuAction: { name: 'UserGuideDropdown', args: { text: 'any', action: 'any' } },
  registerPostWillRenderEmbedComponent: {
    name: 'PostWillRenderEmbedComponent',
    args: { match: 'any', component: 'any', toggleable: 'any' },
  },
  registerGlobalComponent: { name: 'Global', args: { component: 'any' } },
  registerChannelToastComponent: { name: 'ChannelToast', args: { component: 'any' } },
  registerSidebarChannelLinkLabelComponent: { name: 'SidebarChannelLinkLabel', args: { component: 'any' } },
};

/**
 * The routes a plugin adds, stored as Mattermost stores them: the leading slash dropped and the
 * plugin id put first, so "/overview" of plugin "x" is "x/overview" — drawn at /<team>/x/overview
 * (NeedsTeamComponent, every version from 5.x) or /plug/x/overview (CustomRouteComponent).
 */
const ROUTE_CALLS: Record<string, string> = {
  registerNeedsTeamRoute: 'NeedsTeamComponent',
  registerCustomRoute: 'CustomRouteComponent',
};

/** Calls that only newer hosts have (see profile.ts), registered the generic way. */
const NEWER_CALLS: Record<string, Spec & { when: keyof HostProfile }> = {
  registerPostHeaderComponent: { name: 'PostHeader', args: { component: 'component' }, when: 'postHeader' },
  registerChannelComposerBannerComponent: {
    name: 'ChannelComposerBanner',
    args: { component: 'component' },
    when: 'composerBanner',
  },
};

/**
 * Arguments that newer Mattermosts added to a call. An older one drops them (reArg zips only the
 * keys it knows), so a plugin may pass them positionally to every host: not a violation there.
 */
const LATER_ARGS: Record<string, string[]> = {
  registerRightHandSidebarComponent: ['showPopout'],
  registerAppBarComponent: ['rhsComponent', 'rhsTitle'],
};

/** Every state.plugins.components bucket, as Mattermost names them. */
export const COMPONENT_NAMES = [
  ...Object.values(CALLS).map((c) => c.name),
  ...Object.values(NEWER_CALLS).map((c) => c.name),
  ...Object.values(ROUTE_CALLS),
  'RHSPluginPopoutListener',
  'RightHandSidebarComponent',
  'ChannelHeaderButton',
  'MobileChannelHeaderButton',
  'AppBar',
];

function generateId(): string {
  // Mattermost's utils.generateId: a v4-like UUID string.
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(Math.random() * 16);
    return (c === 'x' ? r : (r % 4) + 8).toString(16);
  });
}

const isPlainObject = (v: unknown): v is Args =>
  v !== null && typeof v === 'object' && [null, Object.prototype].includes(Object.getPrototypeOf(v));
const isElementType = (v: unknown) =>
  typeof v === 'function' || typeof v === 'string' || (typeof v === 'object' && v !== null && typeof (v as Args).$$typeof === 'symbol');
const typeName = (v: unknown) => (v === null ? 'null' : typeof v);

const RULES: Record<Exclude<Rule, 'any'>, [(v: unknown) => boolean, string]> = {
  component: [(v) => isElementType(v) && typeof v !== 'string', 'must be a React component'],
  fn: [(v) => typeof v === 'function', 'must be a function'],
  'fn?': [(v) => v === undefined || typeof v === 'function', 'must be a function'],
  'bool?': [(v) => v === undefined || typeof v === 'boolean', 'must be a boolean'],
  text: [(v) => typeof v === 'string' || React.isValidElement(v) || isElementType(v), 'must be a string or a React element'],
  'text?': [
    (v) => v == null || typeof v === 'string' || React.isValidElement(v) || isElementType(v),
    'must be a string or a React element',
  ],
};

/** As Mattermost: a component passed where an element is expected is rendered without props. */
function resolveReactElement(element: unknown): unknown {
  if (element && !React.isValidElement(element) && isElementType(element) && typeof element !== 'string') {
    return React.createElement(element as React.ElementType);
  }
  return element;
}

type Dispatch = (a: unknown) => unknown;
type GetState = () => { views: { rhs: { pluggableId: string | null } } };

/** The actions registerRightHandSidebarComponent returns: show is a plain action, hide and toggle are thunks. */
export function rhsActions(id: string) {
  const showRHSPlugin = { type: 'UPDATE_RHS_STATE', state: 'plugin', pluggableId: id };
  const hideRHSPlugin = (dispatch: Dispatch, getState: GetState) => {
    if (getState().views.rhs.pluggableId === id) {
      dispatch({ type: 'UPDATE_RHS_STATE', state: null });
    }
    return { data: true };
  };
  const toggleRHSPlugin = (dispatch: Dispatch, getState: GetState) => {
    const open = getState().views.rhs.pluggableId === id;
    dispatch(open ? hideRHSPlugin : showRHSPlugin);
    return { data: !open };
  };
  return { id, showRHSPlugin, hideRHSPlugin, toggleRHSPlugin };
}

/** A plugin's getTranslationsForLocale(locale), checked as the host merges it: strings, synchronously. */
export function pluginStrings(source: unknown, locale: string, report: (problem: string) => void): Record<string, string> {
  let result: unknown;
  try {
    result = (source as (l: string) => unknown)(locale);
  } catch (err) {
    report(`getTranslationsForLocale("${locale}") threw: ${String(err)}`);
    return {};
  }
  if (result == null) {
    return {};
  }
  if (typeof result !== 'object' || typeof (result as Promise<unknown>).then === 'function') {
    const got = typeof result === 'object' ? 'a promise' : typeof result;
    report(`getTranslationsForLocale("${locale}") must return an object of strings synchronously (got ${got})`);
    return {};
  }
  const bad = Object.keys(result).filter((k) => typeof (result as Args)[k] !== 'string');
  if (bad.length) {
    report(`non-string values for ${bad.slice(0, 5).join(', ')}`);
  }
  return result as Record<string, string>;
}

export class RegistryDouble {
  /** Present from Mattermost 7.4 (profile.globalRhs); plugins read it to pick the App Bar's RHS form. */
  supports?: { globalAppBar: boolean; globalRhs: boolean };
  /** Everything registered, in order, under its bucket name. */
  readonly registered: Array<{ name: string; data: Registration }> = [];
  readonly violations: Violation[] = [];

  /** `strict` (the jest tests): a call that breaks a rule throws, naming every broken rule. */
  constructor(
    readonly pluginId: string,
    private readonly host: RegistryHost,
    private readonly strict = false,
    readonly profile: HostProfile = PROFILES['18'],
  ) {
    const self = this as unknown as Args;
    if (profile.globalRhs) {
      this.supports = { globalAppBar: true, globalRhs: true };
    }
    const newer = Object.entries(NEWER_CALLS).filter(([, spec]) => profile[spec.when]);
    for (const [call, spec] of [...Object.entries(CALLS), ...newer]) {
      self[call] = this.wrap(call, Object.keys(spec.args), (args) => {
        this.check(call, spec.args, args);
        const data: Args = { ...args };
        for (const [key, rule] of Object.entries(spec.args)) {
          if (rule.startsWith('text')) {
            data[key] = resolveReactElement(args[key]);
          }
        }
        if (call === 'registerChannelHeaderMenuAction') {
          data.shouldRender ??= () => true;
        }
        return this.add(spec.name, data).id;
      });
    }
    const own: Record<string, [string[], (args: Args) => unknown]> = {
      registerRightHandSidebarComponent: [['component', 'title', ...(profile.showPopout ? ['showPopout'] : [])], (a) => this.addRhs(a)],
      registerChannelHeaderButtonAction: [['icon', 'action', 'dropdownText', 'tooltipText'], (a) => this.addHeaderButton(a)],
      registerAppBarComponent: [
        ['iconUrl', 'action', 'tooltipText', 'supportedProductIds', ...(profile.globalRhs ? ['rhsComponent', 'rhsTitle'] : [])],
        (a) => this.addAppBar(a),
      ],
      registerPostTypeComponent: [['type', 'component'], (a) => this.addPostType(a)],
      ...Object.fromEntries(
        Object.entries(ROUTE_CALLS).map(([call, name]) => [call, [['route', 'component'], (a: Args) => this.addRoute(call, name, a)]]),
      ),
      registerWebSocketEventHandler: [['event', 'handler'], (a) => this.addWebSocketHandler(a)],
      registerReconnectHandler: [['handler'], (a) => void this.addHandler('registerReconnectHandler', 'ReconnectHandler', 'handler', a)],
      registerReducer: [['reducer'], (a) => void this.addHandler('registerReducer', 'Reducer', 'reducer', a)],
      registerTranslations: [['getTranslationsForLocale'], (a) => void this.addTranslations(a)],
      unregisterComponent: [['componentId'], ({ componentId }) => this.remove('Component', { id: componentId })],
      unregisterPostTypeComponent: [['componentId'], ({ componentId }) => this.remove('PostType', { id: componentId })],
      unregisterWebSocketEventHandler: [['event'], ({ event }) => this.remove('WebSocketEventHandler', { event })],
      unregisterReconnectHandler: [[], () => this.remove('ReconnectHandler', {})],
      ...(profile.rhsPopout
        ? { registerRHSPluginPopoutListener: [['pluginId', 'onPopoutOpened'], (a: Args) => this.addPopoutListener(a)] }
        : {}),
    } as Record<string, [string[], (args: Args) => unknown]>;
    for (const [call, [keys, func]] of Object.entries(own)) {
      self[call] = this.wrap(call, keys, func);
    }
  }

  /** The registrations of one bucket. */
  all(name: string): Registration[] {
    return this.registered.filter((r) => r.name === name).map((r) => r.data);
  }

  private wrap(call: string, keys: string[], func: (args: Args) => unknown) {
    return (...args: unknown[]) => {
      const before = this.violations.length;
      let named: Args | undefined;
      if (args.length === 1 && isPlainObject(args[0])) {
        const foreign = Object.keys(args[0]).filter((k) => !keys.includes(k));
        if (foreign.length === 0) {
          named = args[0];
        } else {
          this.violation(
            call,
            `called with one object whose keys [${foreign.join(', ')}] are not among [${keys.join(', ')}]; ` +
              `Mattermost takes that whole object as the first argument "${keys[0]}"`,
          );
        }
      }
      const later = (LATER_ARGS[call] ?? []).filter((k) => !keys.includes(k)).length;
      if (!named && args.length > keys.length + later) {
        this.violation(call, `called with ${args.length} arguments; only ${keys.length} are read (${keys.join(', ')})`);
      }
      const result = func(named ?? Object.fromEntries(keys.map((k, i) => [k, args[i]])));
      const broken = this.violations.slice(before);
      if (this.strict && broken.length) {
        throw new Error(broken.map((v) => `${v.call}: ${v.arg ? v.arg + ' ' : ''}${v.problem}`).join('; '));
      }
      return result;
    };
  }

  private violation(call: string, problem: string, arg?: string): void {
    const v = { pluginId: this.pluginId, call, message: arg ? `"${arg}" ${problem}` : problem, arg, problem };
    this.violations.push(v);
    this.host.report(v);
  }

  private check(call: string, rules: Record<string, Rule>, args: Args): void {
    for (const [key, rule] of Object.entries(rules)) {
      const [ok, problem] = rule === 'any' ? [() => true, ''] : RULES[rule];
      if (!ok(args[key])) {
        this.violation(call, `${problem} (got ${typeName(args[key])})`, key);
      }
    }
  }

  private add(name: string, data: Args): Registration {
    const registration = { id: generateId(), ...data, pluginId: this.pluginId };
    this.registered.push({ name, data: registration });
    this.host.register(name, registration);
    return registration;
  }

  private remove(name: string, match: Args): void {
    const i = this.registered.findIndex(
      (r) => (name === 'Component' || r.name === name) && Object.keys(match).every((k) => r.data[k] === match[k]),
    );
    if (i >= 0) {
      this.registered.splice(i, 1);
    }
    this.host.unregister(name, { ...match, pluginId: this.pluginId });
  }

  private addRhs(args: Args) {
    const call = 'registerRightHandSidebarComponent';
    this.check(
      call,
      { component: 'component', title: 'text?', ...(this.profile.showPopout ? { showPopout: 'bool?' as const } : {}) },
      args,
    );
    const data: Args = { component: args.component, title: resolveReactElement(args.title) };
    if (this.profile.showPopout) {
      // Stored with the component, true unless the plugin says otherwise (as Mattermost does).
      data.showPopout = args.showPopout ?? true;
    }
    const { id } = this.add('RightHandSidebarComponent', data);
    return rhsActions(id);
  }

  private addPopoutListener(args: Args): void {
    const call = 'registerRHSPluginPopoutListener';
    this.check(call, { onPopoutOpened: 'fn' }, args);
    if (args.pluginId !== this.pluginId) {
      this.violation(
        call,
        `listens for ${JSON.stringify(args.pluginId)}'s popouts; Mattermost calls it only when that plugin's RHS pops out, so pass "${this.pluginId}"`,
        'pluginId',
      );
    }
    this.add('RHSPluginPopoutListener', { pluginIdArg: args.pluginId, onPopoutOpened: args.onPopoutOpened });
  }

  private addHeaderButton(args: Args): string {
    this.check('registerChannelHeaderButtonAction', { icon: 'text', action: 'fn', dropdownText: 'text?', tooltipText: 'text?' }, args);
    const data: Args = { ...args };
    for (const key of ['icon', 'dropdownText', 'tooltipText']) {
      data[key] = resolveReactElement(args[key]);
    }
    const { id } = this.add('ChannelHeaderButton', data);
    this.add('MobileChannelHeaderButton', { ...data, id });
    return id;
  }

  private addAppBar(args: Args) {
    const call = 'registerAppBarComponent';
    const { iconUrl, action, rhsComponent } = args;
    if (typeof iconUrl !== 'string' || !iconUrl) {
      this.violation(call, `must be a URL string (got ${typeName(iconUrl)})`, 'iconUrl');
    } else {
      void this.host.checkIconUrl?.(iconUrl).then((problem) => problem && this.violation(call, problem));
    }
    this.check(call, { tooltipText: 'text?' }, args);
    if (rhsComponent === undefined) {
      this.check(call, { action: 'fn' }, args);
    } else if (action !== undefined) {
      this.violation(call, 'pass either "action" or "rhsComponent", not both: with an rhsComponent Mattermost ignores the action');
    }
    const rhs = rhsComponent ? this.addRhs({ component: rhsComponent, title: args.rhsTitle }) : null;
    const { id } = this.add('AppBar', {
      iconUrl,
      tooltipText: resolveReactElement(args.tooltipText),
      supportedProductIds: args.supportedProductIds ?? null,
      ...(rhs ? { action: () => this.host.dispatch(rhs.toggleRHSPlugin), rhsComponentId: rhs.id } : { action }),
    });
    return rhs ? { id, rhsComponent: rhs } : id;
  }

  private addPostType(args: Args): string {
    const call = 'registerPostTypeComponent';
    if (typeof args.type !== 'string' || !args.type.startsWith('custom_')) {
      const got = JSON.stringify(args.type);
      this.violation(
        call,
        `post type must start with "custom_" (got ${got}); Mattermost refuses to create posts of any other non-system type`,
      );
    }
    this.check(call, { component: 'component' }, args);
    return this.add('PostType', { type: args.type, component: args.component }).id;
  }

  private addRoute(call: string, name: string, args: Args): string {
    this.check(call, { component: 'component' }, args);
    if (typeof args.route !== 'string') {
      this.violation(call, `must be a string (got ${typeName(args.route)})`, 'route');
    }
    const route = String(args.route ?? '')
      .trim()
      .replace(/^\//, '');
    return this.add(name, { route: `${this.pluginId}/${route}`, component: args.component }).id;
  }

  private addWebSocketHandler(args: Args): void {
    const call = 'registerWebSocketEventHandler';
    this.check(call, { handler: 'fn' }, args);
    if (typeof args.event !== 'string') {
      this.violation(call, `must be a string (got ${typeName(args.event)})`, 'event');
    } else if (!CORE_WEBSOCKET_EVENTS.has(args.event)) {
      this.violation(
        call,
        `"${args.event}" is not a core Mattermost event; only a server-side (Go) plugin can ` +
          'publish custom_<pluginid>_* events, so this handler will never run',
      );
    }
    this.add('WebSocketEventHandler', { event: String(args.event), handler: args.handler });
  }

  private addHandler(call: string, name: string, key: string, args: Args): void {
    this.check(call, { [key]: 'fn' }, args);
    this.add(name, { [key]: args[key] });
  }

  private addTranslations(args: Args): void {
    const call = 'registerTranslations';
    const source = args.getTranslationsForLocale;
    this.check(call, { getTranslationsForLocale: 'fn' }, args);
    // Checked (and merged by the host) for the locale the host has loaded already, if any.
    const locale = this.host.translationLocale?.() ?? null;
    const strings = locale && typeof source === 'function' ? pluginStrings(source, locale, (p) => this.violation(call, p)) : {};
    this.add('Translations', { getTranslationsForLocale: source, locale, strings });
  }
}
