import {translationsReceived} from './actions';
import {getTranslationFile} from './client';
import {currentLocale} from './host/selectors';
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
export function installTranslations(registry: PluginRegistry, store: HostStore): () => void {
    const loaded: Record<string, Record<string, string>> = {};
    const forHost = (locale: string) => loaded[shippedLocale(locale) ?? ''] ?? {};
    registry.registerTranslations(forHost);
    return watchLocale(store, (locale, messages) => {
        loaded[locale] = messages;
        registry.registerTranslations(forHost); // makes the host merge them in again
    });
}
