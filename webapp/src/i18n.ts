import {translationsReceived} from './actions';
import {getTranslationFile} from './client';
import {currentLocale, hostTranslations} from './host/selectors';
import type {HostStore, PluginRegistry} from './host/types';

// Locales shipped as static files in public/i18n; English lives in the code as defaultMessage.
const SHIPPED = ['ru'];

export const baseLocale = (locale: string) => locale.toLowerCase().split(/[-_]/)[0];

export function shippedLocale(locale: string): string | null {
    const base = baseLocale(locale);
    return SHIPPED.includes(base) ? base : null;
}

// Loads the user's locale file, and another if the user switches language. The store listener
// runs on every host dispatch, so it only compares one string; a failed load is not retried
// (English stays) until the locale changes. Returns the undo.
export function watchLocale(store: HostStore, onLoaded: (locale: string, messages: Record<string, string>) => void): () => void {
    let seen: string | null = null;
    let controller: AbortController | null = null;

    const check = () => {
        const raw = currentLocale(store.getState());
        if (raw === seen) {
            return;
        }
        seen = raw;
        controller?.abort();
        controller = null;
        const locale = shippedLocale(raw);
        if (!locale) {
            return;
        }
        const mine = new AbortController();
        controller = mine;
        getTranslationFile(locale, {signal: mine.signal}).then((messages) => {
            store.dispatch(translationsReceived(locale, messages));
            onLoaded(locale, messages);
        }, () => undefined);
    };

    check();
    const unsubscribe = store.subscribe(check);
    return () => {
        unsubscribe();
        controller?.abort();
    };
}

// The plugin's components get messages from the plugin store (PluginIntl); texts the host renders
// (menu items, tooltips, the RHS title) use the host's IntlProvider, fed through registerTranslations.
// Mattermost merges a plugin's strings into a locale only while the host's own file for it is in the
// store (registerPluginTranslationsSource), and its loadTranslations asks the plugins when it starts,
// before its file arrives: when ours arrives first, both miss it. So whenever the host's messages for
// the current locale change and lack ours, we register again, which merges them in.
export function installTranslations(registry: PluginRegistry, store: HostStore): () => void {
    const loaded: Record<string, Record<string, string>> = {};
    const forHost = (locale: string) => loaded[shippedLocale(locale) ?? ''] ?? {};
    let checked: unknown = null;
    const merge = () => {
        const locale = currentLocale(store.getState());
        const host = hostTranslations(store.getState(), locale);
        if (!host || host === checked) {
            return;
        }
        checked = host;
        const ours = forHost(locale);
        if (Object.keys(ours).some((id) => host[id] !== ours[id])) {
            registry.registerTranslations(forHost);
        }
    };
    registry.registerTranslations(forHost);
    const unwatch = watchLocale(store, (locale, messages) => {
        loaded[locale] = messages;
        checked = null;
        registry.registerTranslations(forHost); // merged at once if the host has this locale already
    });
    const unsubscribe = store.subscribe(merge);
    return () => {
        unsubscribe();
        unwatch();
    };
}
