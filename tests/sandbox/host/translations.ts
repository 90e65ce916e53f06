// Translations as Mattermost keeps them: state.views.i18n.translations[locale], built from the
// host's own strings plus every plugin's getTranslationsForLocale(locale), merged again whenever
// the locale changes (actions/views/root loadTranslations / registerPluginTranslationsSource).
// In Mattermost's order: loadTranslations asks the plugins as it starts, then fetches the host's own
// locale file and only then stores the locale; a plugin registering meanwhile is merged into nothing.
import { getCurrentUserLocale } from 'mattermost-redux/selectors/entities/i18n';

import { ActionTypes } from './constants';
import { violation } from './recorder';
import { pluginStrings } from './registry';
import type { HostStore } from './store';

type Source = (locale: string) => unknown;

const sources: Record<string, Source> = {};

export function currentLocale(state: any): string {
  return getCurrentUserLocale(state, 'en');
}

/** A plugin's source, and its strings for `locale` merged in at once if the host has that locale already. */
export function registerTranslationsSource(
  store: HostStore,
  pluginId: string,
  source: Source,
  locale: string | null,
  strings: Record<string, unknown>,
): void {
  sources[pluginId] = source;
  const existing = locale && (store.getState() as any).views.i18n.translations[locale];
  if (existing) {
    store.dispatch({ type: ActionTypes.RECEIVED_TRANSLATIONS, data: { locale, translations: { ...existing, ...strings } } });
  }
}

/** Loads (again) every source for `locale`, as the webapp does on start and on a locale change. */
export async function loadTranslations(store: HostStore, locale: string): Promise<void> {
  const translations: Record<string, string> = {};
  for (const [pluginId, source] of Object.entries(sources)) {
    if (typeof source === 'function') {
      Object.assign(
        translations,
        pluginStrings(source, locale, (problem) => violation(pluginId, 'registerTranslations', problem)),
      );
    }
  }
  if (locale !== 'en') {
    try {
      const res = await fetch(`/static/i18n/${encodeURIComponent(locale)}.json`, { credentials: 'same-origin' });
      Object.assign(translations, res.ok ? await res.json() : {});
    } catch (err) {
      console.warn(`host translations for ${locale} could not be loaded`, err);
    }
  }
  store.dispatch({ type: ActionTypes.RECEIVED_TRANSLATIONS, data: { locale, translations } });
}
