// The router history, as Mattermost hands it to plugins (`window.WebappUtils.browserHistory`, the
// history 4.x object of its react-router 5: push, replace, go, goBack, listen, location). The host's
// own moves (opening a channel) go through it too, so a plugin's team route and the host's screen
// always agree on the URL. Where the sandbox differs: a path pushed without a query keeps the page's
// sandbox switches (`?react=19&locale=ru`), which Mattermost has none of.
export type HistoryLocation = { pathname: string; search: string; hash: string; state: unknown };
export type HistoryAction = 'PUSH' | 'REPLACE' | 'POP';
type Listener = (location: HistoryLocation, action: HistoryAction) => void;

const listeners = new Set<Listener>();
let follow: ((action: HistoryAction) => void) | null = null;

const current = (): HistoryLocation => ({
  pathname: window.location.pathname,
  search: window.location.search,
  hash: window.location.hash,
  state: window.history.state,
});

const withSwitches = (path: string) => (path.includes('?') ? path : path + window.location.search);

function notify(action: HistoryAction, byHost: boolean): void {
  const location = current();
  for (const listener of [...listeners]) {
    listener(location, action);
  }
  if (!byHost) {
    follow?.(action);
  }
}

function move(action: 'PUSH' | 'REPLACE', path: string, state: unknown, byHost: boolean): void {
  const url = withSwitches(path);
  if (action === 'PUSH') {
    window.history.pushState(state ?? null, '', url);
  } else {
    window.history.replaceState(state ?? null, '', url);
  }
  notify(action, byHost);
}

export const browserHistory = {
  get location(): HistoryLocation {
    return current();
  },
  get length(): number {
    return window.history.length;
  },
  push: (path: string, state?: unknown) => move('PUSH', path, state, false),
  replace: (path: string, state?: unknown) => move('REPLACE', path, state, false),
  go: (n: number) => window.history.go(n),
  goBack: () => window.history.back(),
  goForward: () => window.history.forward(),
  listen(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** A move the host makes itself (it already shows where it goes): listeners hear it, the host does not follow it. */
export function hostPush(path: string): void {
  move('PUSH', path, null, true);
}

/**
 * `onMove` runs after every move the host did not make itself — a plugin's push or replace, the
 * browser's back and forward — so the host can show what the URL now names.
 */
export function installBrowserHistory(onMove: (action: HistoryAction) => void): void {
  follow = onMove;
  window.addEventListener('popstate', () => notify('POP', false));
  (window as unknown as { WebappUtils: Record<string, unknown> }).WebappUtils = { browserHistory };
}
