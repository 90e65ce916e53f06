// The sandbox's own controls: who is logged in, which locale, which theme. Mattermost writes the
// theme into CSS custom properties on :root (utils applyTheme), and plugin styles use them:
// `var(--center-channel-bg)`, `rgba(var(--center-channel-color-rgb), 0.64)`.
import { PreferenceTypes, UserTypes } from 'mattermost-redux/action_types';
import { Preferences } from 'mattermost-redux/constants';
import { getCurrentUser } from 'mattermost-redux/selectors/entities/users';

import { login, logout } from './data';
import { hostStore, session } from './session';
import { loadTranslations } from './translations';

/** Logs in through POST /api/v4/users/login (the stand-in sets the real cookies), then reloads as Mattermost does. */
export async function switchUser(key: string): Promise<string | null> {
  const user = session.config?.users.find((u) => u.key === key);
  if (!user) {
    return `Unknown sandbox user "${key}"`;
  }
  await logout();
  try {
    await login(user.login_id, user.password);
  } catch (err) {
    return `Login as ${user.login_id} failed: ${(err as Error).message}`;
  }
  const url = new URL(window.location.href);
  url.searchParams.delete('user');
  window.location.assign(url.toString());
  return null;
}

export function storedLocale(): string | null {
  return new URLSearchParams(window.location.search).get('locale') ?? window.localStorage.getItem('sandbox.locale');
}

/** Sets the current user's locale in the store and reloads every translation source for it (the host's file asynchronously). */
export function setLocale(locale: string): void {
  const store = hostStore();
  const me = getCurrentUser(store.getState() as any);
  if (!me) {
    return;
  }
  window.localStorage.setItem('sandbox.locale', locale);
  store.dispatch({ type: UserTypes.RECEIVED_ME, data: { ...me, locale } });
  void loadTranslations(store, locale);
  document.documentElement.lang = locale;
}

export function storedDark(): boolean {
  const q = new URLSearchParams(window.location.search).get('theme');
  if (q) {
    return q === 'dark';
  }
  return window.localStorage.getItem('sandbox.theme') === 'dark';
}

/** The theme is a user preference (category "theme"), as in Mattermost; onyx is its dark theme. */
export function setDarkTheme(dark: boolean): void {
  const store = hostStore();
  const me = getCurrentUser(store.getState() as any);
  const theme = dark ? THEMES.onyx : THEMES.denim;
  window.localStorage.setItem('sandbox.theme', dark ? 'dark' : 'light');
  if (me) {
    store.dispatch({
      type: PreferenceTypes.RECEIVED_PREFERENCES,
      data: [{ user_id: me.id, category: 'theme', name: '', value: JSON.stringify(theme) }],
    });
  }
  applyTheme(theme);
  document.body.classList.toggle('sandbox-dark', dark);
}

type Theme = Record<string, string>;

const THEMES = Preferences.THEMES as unknown as Record<string, Theme>;

function kebab(key: string): string {
  return key.replace(/([A-Z])/g, (c) => '-' + c.toLowerCase());
}

function rgb(color: string): string | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  const full = hex?.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (full) {
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)).join(', ');
  }
  const fn = /^rgba?\(([^)]+)\)$/.exec(color.trim())?.[1];
  return fn ? fn.split(/\s*,\s*/, 3).join(', ') : null;
}

function applyTheme(theme: Theme): void {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(theme)) {
    if (typeof value !== 'string' || key === 'type' || key === 'codeTheme') {
      continue;
    }
    lines.push(`--${kebab(key)}: ${value};`);
    const triple = rgb(value);
    if (triple) {
      lines.push(`--${kebab(key)}-rgb: ${triple};`);
    }
  }
  let el = document.getElementById('sandbox-theme');
  if (!el) {
    el = document.createElement('style');
    el.id = 'sandbox-theme';
    document.head.appendChild(el);
  }
  el.textContent = `:root {\n${lines.join('\n')}\n}`;
}
