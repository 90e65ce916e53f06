// What the host saw the plugin do, kept on `window.__sandbox` for the end-to-end tests and for a
// person reading the sandbox's debug panel. Violations are contract breaches that Mattermost itself
// would let pass silently (or only fail on later, at click time); the double reports them.
export type PluginLifecycle = {
  registered: number;
  initialized: number;
  uninitialized: number;
  initializeError: string | null;
  scriptLoaded: boolean;
};

export type SandboxRecorder = {
  react: string;
  /** The Mattermost version this host plays (profile.ts). */
  mattermost: string;
  /** RHS popouts asked for: the plugin and the RHS component, in order (no window opens here). */
  popouts: Array<{ pluginId: string; pluggableId: string }>;
  ready: boolean;
  violations: Array<{ pluginId: string; call: string; message: string }>;
  plugins: Record<string, PluginLifecycle>;
  store?: unknown;
  /** A fresh registry for `id`, so tests can probe the argument rules directly. */
  registryFor?: (id: string) => unknown;
  /** Reloads a plugin as an in-place upgrade does (uninitialize, then a fresh initialize). */
  reloadPlugin?: (id: string) => Promise<void>;
};

declare global {
  interface Window {
    __sandbox: SandboxRecorder;
  }
}

export function recorder(): SandboxRecorder {
  if (!window.__sandbox) {
    window.__sandbox = { react: '', mattermost: '', popouts: [], ready: false, violations: [], plugins: {} };
  }
  return window.__sandbox;
}

const listeners = new Set<() => void>();

/** Lets the debug panel re-render when a violation arrives. */
export function onViolation(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function violation(pluginId: string, call: string, message: string): void {
  recorder().violations.push({ pluginId, call, message });
  console.error(`[sandbox] contract violation by plugin ${pluginId} in ${call}: ${message}`);
  listeners.forEach((l) => l());
}

export function lifecycle(pluginId: string): PluginLifecycle {
  const plugins = recorder().plugins;
  if (!plugins[pluginId]) {
    plugins[pluginId] = { registered: 0, initialized: 0, uninitialized: 0, initializeError: null, scriptLoaded: false };
  }
  return plugins[pluginId];
}
