import type {EventPayloads, EventType, Task} from '@throughline/contract';

import {
    assetReceived,
    assetRemoved,
    decisionChanged,
    liveEventApplied,
    projectsReceived,
    refreshRequested,
    shelfChanged,
    taskDeleted,
    taskPushed,
} from './actions';
import {eventsUrl, getAsset, getProjects, isApiError} from './client';
import type {HostStore} from './host/types';
import {pluginState} from './selectors';

const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 60000;
const CLOSED = 2; // EventSource.CLOSED; the constant is not on every fake or polyfill

export type Live = {
    stop(): void;

    // Skip the wait before the next attempt (the host's own connection just came back).
    reconnectNow(): void;
};

const NOOP: Live = {stop: () => undefined, reconnectNow: () => undefined};

type Data = Record<string, unknown>;

// An event's data is its payload with the envelope (seq, type, channel_id, at) spread in. Keyed by
// every EventType, so one the contract adds fails to compile until it is handled; Partial, because
// it is JSON from afar and is checked before use.
type Handlers = {[T in EventType]: (data: Partial<EventPayloads[T]>) => void} & {ready: (data: {seq?: unknown}) => void; reset: () => void};

// The project an event is about: its payload's, or its task's (null for a task of no project).
const projectOf = (data: Data) => {
    const id = data.project_id ?? (data.task as Partial<Task> | undefined)?.project_id;
    return typeof id === 'string' ? id : null;
};

const isTask = (v: unknown): v is Task => {
    const t = v as Partial<Task> | null;
    return Boolean(t) && typeof t!.id === 'string' && typeof t!.version === 'number' && typeof t!.channel_id === 'string';
};

/**
 * The service's event stream applied to the plugin store, so every open view updates at once.
 * EventSource reconnects by itself and resumes with Last-Event-ID; when it gives up (an HTTP error
 * answer closes it for good) a new one resumes from the last seen id, after a growing wait.
 */
export function startLive(store: HostStore): Live {
    const ES = typeof window === 'undefined' ? undefined : window.EventSource;
    if (typeof ES !== 'function') {
        return NOOP;
    }

    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastSeq: number | null = null;
    let failures = 0;
    let stopped = false;
    const fetching = new Map<string, AbortController>();

    const seen = (seq: number) => {
        if (Number.isFinite(seq)) {
            lastSeq = Math.max(lastSeq ?? 0, seq);
        }
    };

    // One fetch per key at a time: a newer one aborts the one in flight, whose answer is then dropped.
    const refetch = <T>(key: string, load: (signal: AbortSignal) => Promise<T>, apply: (value: T) => void, failed: (e: unknown) => void) => {
        fetching.get(key)?.abort();
        const controller = new AbortController();
        fetching.set(key, controller);
        load(controller.signal).then(
            (value) => !controller.signal.aborted && apply(value),
            (e) => !controller.signal.aborted && failed(e),
        ).finally(() => {
            if (fetching.get(key) === controller) {
                fetching.delete(key);
            }
        });
    };

    // An asset changed: reload it where something shows it (its project's list, or a card).
    const refetchAsset = (assetId: string, projectId: string) => {
        const state = pluginState(store.getState());
        if (!state.assetLists[projectId] && !state.assets[assetId]) {
            return;
        }
        refetch(
            assetId,
            (signal) => getAsset(assetId, {signal}),
            (asset) => store.dispatch(assetReceived(asset)),
            (e) => isApiError(e) && e.status === 404 && store.dispatch(assetRemoved(assetId)),
        );
    };

    // A decision changed: views that show it (or its project's log) refetch what the caller may see.
    const decision = (data: Partial<EventPayloads['decision.recorded']>) => {
        if (typeof data.decision_id === 'string' && typeof data.project_id === 'string') {
            store.dispatch(decisionChanged(data.decision_id, data.project_id));
        }
    };

    // A version was approved for the event's channel (the envelope's channel_id): its approved versions changed.
    const approved = (data: Partial<EventPayloads['asset.version_approved']>) => {
        const channelId = (data as {channel_id?: unknown}).channel_id;
        refetchAsset(String(data.asset_id), String(data.project_id));
        if (typeof channelId === 'string') {
            store.dispatch(shelfChanged(channelId));
        }
    };

    // A channel left a project: what it showed of the project's assets (its banner, asset cards and
    // lists) asks again; the assets named are those whose sharing with the event's channel changed.
    const unlinked = (data: Partial<EventPayloads['project.channel_unlinked']>) => {
        const channelId = (data as {channel_id?: unknown}).channel_id;
        if (typeof data.project_id === 'string' && Array.isArray(data.asset_ids)) {
            data.asset_ids.forEach((id) => typeof id === 'string' && refetchAsset(id, data.project_id!));
        }
        if (typeof channelId === 'string') {
            store.dispatch(shelfChanged(channelId));

            // The channel itself left: the project is no longer one of its projects.
            const kept = pluginState(store.getState()).projects[channelId];
            if (data.removed === true && kept?.some((p) => p.id === data.project_id)) {
                store.dispatch(projectsReceived(channelId, kept.filter((p) => p.id !== data.project_id)));
            }
        }
    };

    // A channel joined a project: every channel that shows its projects (sidebar, task dialog) asks
    // again, the one that joined to list it, the others for its channels.
    const linked = (data: Partial<EventPayloads['project.channel_linked']>) => {
        const channelId = (data as {channel_id?: unknown}).channel_id;
        if (typeof channelId !== 'string' || !pluginState(store.getState()).projects[channelId]) {
            return;
        }
        refetch(
            'projects:' + channelId,
            (signal) => getProjects(channelId, {signal}),
            (items) => store.dispatch(projectsReceived(channelId, items)),
            () => undefined, // kept as it was; the next event or a reload asks again
        );
    };

    const handlers: Handlers = {
        ready: (data) => seen(Number(data.seq)),
        reset: () => store.dispatch(refreshRequested()),
        'task.created': (data) => isTask(data.task) && store.dispatch(taskPushed(data.task)),
        'task.updated': (data) => isTask(data.task) && store.dispatch(taskPushed(data.task)),
        'task.deleted': (data) => typeof data.task_id === 'string' && store.dispatch(taskDeleted(data.task_id)),
        'asset.version_added': (data) => refetchAsset(String(data.asset_id), String(data.project_id)),
        'asset.version_approved': approved,
        'asset.version_rejected': (data) => refetchAsset(String(data.asset_id), String(data.project_id)),
        'asset.receipt_confirmed': (data) => refetchAsset(String(data.asset_id), String(data.project_id)),
        'decision.recorded': decision,
        'decision.updated': decision,
        'decision.decided': decision,
        'decision.superseded': decision,
        'decision.revoked': decision,
        'decision.receipt_confirmed': decision,
        'project.channel_linked': linked,
        'project.channel_unlinked': unlinked,
    };

    const schedule = () => {
        const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** failures);
        failures++;
        timer = setTimeout(connect, base * (0.8 + Math.random() * 0.4));
    };

    function connect() {
        timer = null;
        if (stopped) {
            return;
        }

        // Without a known position nothing can be replayed: load everything again once connected.
        const blind = source === null && failures > 0 && lastSeq === null;
        const from = lastSeq;
        const es = new ES!(eventsUrl(from), {withCredentials: true});
        source = es;
        let sawId = false;

        for (const [type, handle] of Object.entries(handlers) as [string, (data: Data) => void][]) {
            es.addEventListener(type, (e) => {
                const m = e as MessageEvent<string>;
                if (source !== es) {
                    return;
                }
                if (m.lastEventId) {
                    sawId = true;
                    seen(Number(m.lastEventId));
                }
                let data: Data;
                try {
                    data = JSON.parse(m.data) ?? {};
                } catch {
                    return;
                }
                handle(data);
                if (type !== 'ready' && type !== 'reset') {
                    store.dispatch(liveEventApplied(projectOf(data)));
                }
                if (type === 'ready' && blind) {
                    store.dispatch(refreshRequested());
                }
            });
        }
        es.addEventListener('open', () => {
            failures = 0;
        });
        es.addEventListener('error', () => {
            if (source !== es) {
                return;
            }
            if (es.readyState === CLOSED) {
                es.close();
                source = null;
                schedule();
                return;
            }

            // The browser will retry, but with no id seen it would resume from "now": resume from ours.
            if (!sawId && from === null && lastSeq !== null) {
                es.close();
                source = null;
                connect();
            }
        });
    }

    connect();

    return {
        stop() {
            stopped = true;
            if (timer) {
                clearTimeout(timer);
                timer = null;
            }
            source?.close();
            source = null;
            fetching.forEach((c) => c.abort());
            fetching.clear();
        },
        reconnectNow() {
            if (timer && !stopped) {
                clearTimeout(timer);
                connect();
            }
        },
    };
}
