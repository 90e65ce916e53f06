import type React from 'react';
import type {Reducer} from 'redux';

import {PROFILES, type HostProfile} from '../../tests/sandbox/host/profile';
import {RegistryDouble, rhsActions, type Args, type Registration, type RegistryHost} from '../../tests/sandbox/host/registry';
import {currentLocale} from '../src/host/selectors';
import type {PluginRegistry} from '../src/host/types';

import type {TestStore} from './host_store';

type Fn = (...args: any[]) => any;

// The sandbox host's registry double, strict: a call Mattermost would take wrongly throws here.
// The lists below are what the tests look at; they read the double's registrations.
// `profile`: the Mattermost it plays (tests/sandbox/host/profile.ts); 11.2 unless a test says otherwise.
export class StrictRegistry extends RegistryDouble {
    constructor(store: TestStore, pluginId: string, profile: HostProfile = PROFILES['18']) {
        const host: RegistryHost = {
            dispatch: (action) => store.dispatch(action as never),
            register: (name: string, data: Registration) => {
                if (name === 'Reducer') {
                    store.addReducer('plugins-' + pluginId, data.reducer as Reducer);
                }

                // registerPluginTranslationsSource: merged only into a locale the host has loaded.
                const existing = data.locale ? store.getState().views.i18n.translations[data.locale as string] : undefined;
                if (name === 'Translations' && existing) {
                    const translations = {...existing, ...(data.strings as Record<string, string>)};
                    store.dispatch({type: 'RECEIVED_TRANSLATIONS', data: {locale: data.locale, translations}} as never);
                }
            },
            unregister: () => undefined,
            report: () => undefined,
            translationLocale: () => {
                const locale = currentLocale(store.getState());
                return store.getState().views.i18n.translations[locale] ? locale : null;
            },
        };
        super(pluginId, host, true, profile);
    }

    private list<T = Args>(name: string) {
        return this.all(name) as unknown as T[];
    }

    get roots() {
        return this.list<{component: React.ComponentType<Args>}>('Root').map((r) => r.component);
    }
    get postMenu() {
        return this.list<{id: string; text: React.ReactNode; action: (postId: string) => void; filter?: (postId: string) => boolean}>('PostDropdownMenu');
    }
    get fileMenu() {
        return this.list<{id: string; text: React.ReactNode; match: (fileInfo: unknown) => boolean; action: (fileInfo: unknown) => void}>('FilesDropdown');
    }
    get rhs() {
        return this.list<{id: string; component: React.ComponentType<Args>; title: React.ReactNode; showPopout?: boolean}>('RightHandSidebarComponent').map((r) => ({...r, registration: rhsActions(r.id)}));
    }
    get popoutListeners() {
        return this.list('RHSPluginPopoutListener');
    }
    get postHeaders() {
        return this.list<{component: React.ComponentType<Args>}>('PostHeader').map((r) => r.component);
    }
    get composerBanners() {
        return this.list<{component: React.ComponentType<Args>}>('ChannelComposerBanner').map((r) => r.component);
    }
    get headerButtons() {
        return this.list<{icon: React.ReactNode; action: Fn; dropdownText: React.ReactNode; tooltipText: React.ReactNode}>('ChannelHeaderButton');
    }
    get appBar() {
        return this.list<{iconUrl: string; action: Fn; tooltipText: React.ReactNode; rhsComponentId?: string}>('AppBar');
    }
    get reconnectHandlers() {
        return this.list<{handler: () => void}>('ReconnectHandler').map((r) => r.handler);
    }
    get slashHooks() {
        return this.list<{hook: (message: string, args: Args) => unknown}>('SlashCommandWillBePosted').map((r) => r.hook);
    }
    get postTypes(): Record<string, React.ComponentType<Args>> {
        return Object.fromEntries(this.list<{type: string; component: React.ComponentType<Args>}>('PostType').map((r) => [r.type, r.component]));
    }
    get translationSources() {
        return this.list<{getTranslationsForLocale: (locale: string) => Record<string, string>}>('Translations').map((r) => r.getTranslationsForLocale);
    }
    get reducers() {
        return this.list<{reducer: Reducer}>('Reducer').map((r) => r.reducer);
    }

    // The host's loadTranslations(locale): asks every source now, merges its own file when it arrives.
    loadHostTranslations(store: TestStore, locale: string, own: Record<string, string>) {
        const fromPlugins = Object.assign({}, ...this.translationSources.map((source) => source(locale))) as Record<string, string>;
        return () => store.dispatch({type: 'RECEIVED_TRANSLATIONS', data: {locale, translations: {...own, ...fromPlugins}}} as never);
    }

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

// The double's calls are made at run time from its table; their types are Mattermost's.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface StrictRegistry extends PluginRegistry {}

// A registry as old as Mattermost 7.0: without the calls that came later.
export function oldRegistry(store: TestStore, pluginId: string): PluginRegistry {
    const r = new StrictRegistry(store, pluginId, PROFILES['17']) as Partial<StrictRegistry>;
    delete r.registerAppBarComponent;
    delete r.registerSlashCommandWillBePostedHook;
    return r as PluginRegistry;
}
