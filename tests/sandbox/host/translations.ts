// Translations as Mattermost keeps them: state.views.i18n.translations[locale], built from the
// host's own strings plus every plugin's getTranslationsForLocale(locale), merged again whenever
// the locale changes (actions/views/root loadTranslations / registerPluginTranslationsSource).
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
export function loadTranslations(store: HostStore, locale: string): void {
  const translations: Record<string, string> = {};
  for (const [pluginId, source] of Object.entries(sources)) {
    if (typeof source === 'function') {
      Object.assign(
        translations,
        pluginStrings(source, locale, (problem) => violation(pluginId, 'registerTranslations', problem)),
      );
    }
  }
  store.dispatch({ type: ActionTypes.RECEIVED_TRANSLATIONS, data: { locale, translations } });
}
