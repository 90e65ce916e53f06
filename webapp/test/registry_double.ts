import React from 'react';
import type {Reducer} from 'redux';

import type {PluginRegistry, RhsRegistration} from '../src/types';

import type {TestStore} from './host_store';

type Args = Record<string, unknown>;

const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

// Mattermost's reArg: ONE plain object whose keys are all documented names is a named call;
// anything else (a typo'd key included) is positional, so the object lands in the first argument.
function reArg<T>(keys: string[], fn: (args: Args) => T) {
    return (...args: unknown[]): T => {
        const single = args.length === 1 && isPlainObject(args[0]);
        const named = single && Object.keys(args[0] as object).every((k) => keys.includes(k));
        return fn(named ? args[0] as Args : Object.fromEntries(keys.map((k, i) => [k, args[i]])));
    };
}

class RegistryMisuse extends Error {}

function check(ok: unknown, call: string, what: string) {
    if (!ok) {
        throw new RegistryMisuse(`${call}: ${what}`);
    }
}

const isText = (v: unknown) => typeof v === 'string' || React.isValidElement(v);
const isComponent = (v: unknown) => typeof v === 'function' || (typeof v === 'object' && v !== null && '$$typeof' in v);
const isFn = (v: unknown) => typeof v === 'function';
const optional = (test: (v: unknown) => boolean) => (v: unknown) => v === undefined || v === null || test(v);

let nextId = 0;
const newId = () => 'reg' + (++nextId);

export type PostMenuItem = {id: string; text: React.ReactNode; action: (postId: string) => void; filter?: (postId: string) => boolean};
export type FileMenuItem = {id: string; match: (fileInfo: unknown) => boolean; text: React.ReactNode; action: (fileInfo: unknown) => void};

// A registry that behaves like Mattermost's: real positional signatures, reArg semantics,
// and a loud failure wherever the real one would silently do the wrong thing.
export class StrictRegistry implements PluginRegistry {
    readonly roots: Array<React.ComponentType<Args>> = [];
    readonly postMenu: PostMenuItem[] = [];
    readonly fileMenu: FileMenuItem[] = [];
    readonly reconnectHandlers: Array<() => void> = [];
    readonly rhs: Array<{component: React.ComponentType<Args>; title: React.ReactNode; registration: RhsRegistration}> = [];
    readonly headerButtons: Array<{icon: React.ReactNode; action: (...a: unknown[]) => void; dropdownText: React.ReactNode; tooltipText: React.ReactNode}> = [];
    readonly appBar: Array<{iconUrl: string; action: (...a: unknown[]) => void; tooltipText: React.ReactNode}> = [];
    readonly slashHooks: Array<(message: string, args: Args) => unknown> = [];
    readonly postTypes: Record<string, React.ComponentType<Args>> = {};
    readonly translationSources: Array<(locale: string) => Record<string, string>> = [];
    readonly reducers: Reducer[] = [];

    constructor(private store: TestStore, private pluginId: string) {}

    registerReducer = reArg(['reducer'], ({reducer}) => {
        check(isFn(reducer), 'registerReducer', 'reducer must be a function');
        this.reducers.push(reducer as Reducer);
        this.store.addReducer('plugins-' + this.pluginId, reducer as Reducer);
    });

    registerTranslations = reArg(['getTranslationsForLocale'], ({getTranslationsForLocale}) => {
        check(isFn(getTranslationsForLocale), 'registerTranslations', 'getTranslationsForLocale must be a function');
        const fn = getTranslationsForLocale as (l: string) => Record<string, string>;
        check(isPlainObject(fn('en')), 'registerTranslations', 'must return an object');
        this.translationSources.push(fn);
    });

    registerRootComponent = reArg(['component'], ({component}) => {
        check(isComponent(component), 'registerRootComponent', 'component must be a component');
        this.roots.push(component as React.ComponentType<Args>);
        return newId();
    });

    registerPostDropdownMenuAction = reArg(['text', 'action', 'filter'], ({text, action, filter}) => {
        check(isText(text), 'registerPostDropdownMenuAction', 'text must be a string or element');
        check(isFn(action), 'registerPostDropdownMenuAction', 'action must be a function');
        check(optional(isFn)(filter), 'registerPostDropdownMenuAction', 'filter must be a function');
        const id = newId();
        this.postMenu.push({id, text: text as React.ReactNode, action: action as PostMenuItem['action'], filter: filter as PostMenuItem['filter']});
        return id;
    });

    registerFileDropdownMenuAction = reArg(['match', 'text', 'action'], ({match, text, action}) => {
        check(isFn(match) && isText(text) && isFn(action), 'registerFileDropdownMenuAction', 'match, text, action');
        const id = newId();
        this.fileMenu.push({id, match: match as FileMenuItem['match'], text: text as React.ReactNode, action: action as FileMenuItem['action']});
        return id;
    });

    registerRightHandSidebarComponent = reArg(['component', 'title'], ({component, title}) => {
        check(isComponent(component), 'registerRightHandSidebarComponent', 'component must be a component');
        check(isText(title), 'registerRightHandSidebarComponent', 'title must be a string or element');
        const id = newId();
        const show = {type: 'UPDATE_RHS_STATE', state: 'plugin', pluggableId: id};
        const hide = {type: 'UPDATE_RHS_STATE', state: null};

        // As in Mattermost: show is a plain action, hide and toggle are thunks.
        const registration: RhsRegistration = {
            id,
            showRHSPlugin: show,
            hideRHSPlugin: (dispatch) => dispatch(hide),
            toggleRHSPlugin: (dispatch, getState) => {
                const open = (getState() as {views: {rhs: {pluggableId: string | null}}}).views.rhs.pluggableId === id;
                dispatch(open ? hide : show);
            },
        };
        this.rhs.push({component: component as React.ComponentType<Args>, title: title as React.ReactNode, registration});
        return registration;
    });

    registerChannelHeaderButtonAction = reArg(['icon', 'action', 'dropdownText', 'tooltipText'], ({icon, action, dropdownText, tooltipText}) => {
        check(React.isValidElement(icon), 'registerChannelHeaderButtonAction', 'icon must be an element');
        check(isFn(action), 'registerChannelHeaderButtonAction', 'action must be a function');
        check(isText(dropdownText) && isText(tooltipText), 'registerChannelHeaderButtonAction', 'dropdownText and tooltipText must be text');
        this.headerButtons.push({icon: icon as React.ReactNode, action: action as () => void, dropdownText: dropdownText as React.ReactNode, tooltipText: tooltipText as React.ReactNode});
        return newId();
    });

    registerChannelHeaderMenuAction = reArg(['text', 'action', 'shouldRender'], ({text, action, shouldRender}) => {
        check(isText(text) && isFn(action) && optional(isFn)(shouldRender), 'registerChannelHeaderMenuAction', 'text, action, shouldRender');
        return newId();
    });

    registerPostTypeComponent = reArg(['type', 'component'], ({type, component}) => {
        check(typeof type === 'string' && type.startsWith('custom_'), 'registerPostTypeComponent', 'type must start with custom_');
        check(isComponent(component), 'registerPostTypeComponent', 'component must be a component');
        this.postTypes[type as string] = component as React.ComponentType<Args>;
        return newId();
    });

    registerWebSocketEventHandler = reArg(['event', 'handler'], ({event, handler}) => {
        check(typeof event === 'string' && isFn(handler), 'registerWebSocketEventHandler', 'event, handler');
    });

    registerReconnectHandler = reArg(['handler'], ({handler}) => {
        check(isFn(handler), 'registerReconnectHandler', 'handler');
        this.reconnectHandlers.push(handler as () => void);
    });

    registerAppBarComponent = reArg(['iconUrl', 'action', 'tooltipText', 'supportedProductIds', 'rhsComponent', 'rhsTitle'], ({iconUrl, action, tooltipText}) => {
        check(typeof iconUrl === 'string' && iconUrl.length > 0, 'registerAppBarComponent', 'iconUrl must be a URL string');
        check(isFn(action), 'registerAppBarComponent', 'action must be a function');
        check(isText(tooltipText), 'registerAppBarComponent', 'tooltipText must be text');
        this.appBar.push({iconUrl: iconUrl as string, action: action as () => void, tooltipText: tooltipText as React.ReactNode});
        return newId();
    });

    registerSlashCommandWillBePostedHook = reArg(['hook'], ({hook}) => {
        check(isFn(hook), 'registerSlashCommandWillBePostedHook', 'hook must be a function');
        this.slashHooks.push(hook as (message: string, args: Args) => unknown);
        return newId();
    });

    // What the host does when the user opens a post's message-actions menu and clicks our item.
    clickPostMenuItem(index: number, postId: string) {
        const item = this.postMenu[index];
        if (item.filter && !item.filter(postId)) {
            throw new Error('item hidden for ' + postId);
        }
        item.action(postId);
    }

    // What the host does when the user opens a file's "more actions" menu and clicks our item.
    clickFileMenuItem(index: number, fileInfo: unknown) {
        const item = this.fileMenu[index];
        if (!item.match(fileInfo)) {
            throw new Error('item hidden for this file');
        }
        item.action(fileInfo);
    }
}

// A registry as old as Mattermost 7.0: without the calls that came later.
export function oldRegistry(store: TestStore, pluginId: string): PluginRegistry {
    const r = new StrictRegistry(store, pluginId) as Partial<StrictRegistry>;
    delete r.registerAppBarComponent;
    delete r.registerSlashCommandWillBePostedHook;
    return r as PluginRegistry;
}
