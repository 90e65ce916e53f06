// Translations as Mattermost keeps them: state.views.i18n.translations[locale], built from the
// host's own strings plus every plugin's getTranslationsForLocale(locale), merged again whenever
// the locale changes (actions/views/root loadTranslations / registerPluginTranslationsSource).
import { getCurrentUserLocale } from 'mattermost-redux/selectors/entities/i18n';

import { ActionTypes } from './constants';
import { violation } from './recorder';
import type { HostStore } from './store';

type Source = (locale: string) => unknown;

const sources: Record<string, Source> = {};

export function currentLocale(state: any): string {
  return getCurrentUserLocale(state, 'en');
}

function pluginStrings(pluginId: string, source: Source, locale: string): Record<string, string> {
  let result: unknown;
  try {
    result = source(locale);
  } catch (err) {
    violation(pluginId, 'registerTranslations', `getTranslationsForLocale("${locale}") threw: ${String(err)}`);
    return {};
  }
  if (result === undefined || result === null) {
    return {};
  }
  if (typeof result !== 'object' || typeof (result as Promise<unknown>).then === 'function') {
    violation(
      pluginId,
      'registerTranslations',
      `getTranslationsForLocale("${locale}") must return an object of strings synchronously (got ${typeof result === 'object' ? 'a promise' : typeof result})`,
    );
    return {};
  }
  const bad = Object.entries(result as Record<string, unknown>)
    .filter(([, v]) => typeof v !== 'string')
    .map(([k]) => k);
  if (bad.length) {
    violation(pluginId, 'registerTranslations', `non-string values for ${bad.slice(0, 5).join(', ')}`);
  }
  return result as Record<string, string>;
}

export function registerTranslationsSource(store: HostStore, pluginId: string, source: Source): void {
  sources[pluginId] = source;
  const state = store.getState() as any;
  const locale = currentLocale(state);
  const existing = state.views.i18n.translations[locale];
  if (existing && typeof source === 'function') {
    store.dispatch({
      type: ActionTypes.RECEIVED_TRANSLATIONS,
      data: { locale, translations: { ...existing, ...pluginStrings(pluginId, source, locale) } },
    });
  }
}

export function unregisterTranslationsSource(pluginId: string): void {
  delete sources[pluginId];
}

/** Loads (again) every source for `locale`, as the webapp does on start and on a locale change. */
export function loadTranslations(store: HostStore, locale: string): void {
  const translations: Record<string, string> = {};
  for (const [pluginId, source] of Object.entries(sources)) {
    if (typeof source === 'function') {
      Object.assign(translations, pluginStrings(pluginId, source, locale));
    }
  }
  store.dispatch({ type: ActionTypes.RECEIVED_TRANSLATIONS, data: { locale, translations } });
}
