import {useAppSelector, useAppStore} from './hooks';
import {pluginState} from './selectors';
import {useRequest} from './use_request';

type Flight = {promise: Promise<unknown>; controller: AbortController; waiting: number};

// Per host store (a page has one; tests have many): requests in flight, and ids asked once per page load.
const caches = new WeakMap<object, {flights: Map<string, Flight>; asked: Set<string>}>();

function cacheOf(store: object) {
    let cache = caches.get(store);
    if (!cache) {
        cache = {flights: new Map(), asked: new Set()};
        caches.set(store, cache);
    }
    return cache;
}

// Joins the request in flight for `key`, or starts it: twenty cards of one asset ask once.
// It is aborted only when every caller has let go of it.
export function share<T>(store: object, key: string, load: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    const {flights} = cacheOf(store);
    let flight = flights.get(key);
    if (!flight) {
        const controller = new AbortController();
        const started: Flight = {controller, waiting: 0, promise: load(controller.signal)};
        const settle = () => {
            if (flights.get(key) === started) {
                flights.delete(key);
            }
        };
        started.promise.then(settle, settle);
        flights.set(key, started);
        flight = started;
    }
    const mine = flight;
    mine.waiting++;
    signal.addEventListener('abort', () => {
        mine.waiting--;
        if (mine.waiting === 0) {
            if (flights.get(key) === mine) {
                flights.delete(key);
            }
            mine.controller.abort();
        }
    }, {once: true});
    return mine.promise as Promise<T>;
}

// The ids of `kind` this store has never asked for; from now on they count as asked.
export function unasked(store: object, kind: string, ids: string[]): string[] {
    const {asked} = cacheOf(store);
    const fresh = ids.filter((id) => !asked.has(kind + ':' + id));
    fresh.forEach((id) => asked.add(kind + ':' + id));
    return fresh;
}

// What a view shows: loaded while `key` is set (null: nothing to load), shared with every view of the
// same key, and loaded again when the live stream says events were lost. `load` puts the answer where
// it belongs (the plugin or host store) and returns it.
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>) {
    const store = useAppStore();
    const refresh = useAppSelector((s) => pluginState(s).refresh);
    const shared = key === null ? null : `${key}#${refresh}`;
    return useRequest<T>(shared, (signal) => share(store, shared as string, load, signal));
}
