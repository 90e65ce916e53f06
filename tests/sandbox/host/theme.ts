// Mattermost writes the theme into CSS custom properties on :root (utils applyTheme), and plugin
// styles use them: `var(--center-channel-bg)`, `rgba(var(--center-channel-color-rgb), 0.64)`.
import { Preferences } from 'mattermost-redux/constants';

export type Theme = Record<string, string>;

export const THEMES = Preferences.THEMES as unknown as Record<string, Theme>;

function kebab(key: string): string {
  return key.replace(/([A-Z])/g, (c) => '-' + c.toLowerCase());
}

function rgb(color: string): string | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    let h = hex[1];
    if (h.length === 3) {
      h = h
        .split('')
        .map((c) => c + c)
        .join('');
    }
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).join(', ');
  }
  const fn = /^rgba?\(([^)]+)\)$/.exec(color.trim());
  return fn
    ? fn[1]
        .split(',')
        .slice(0, 3)
        .map((s) => s.trim())
        .join(', ')
    : null;
}

export function applyTheme(theme: Theme): void {
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
