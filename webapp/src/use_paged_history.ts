import {useCallback, useEffect, useRef, useState} from 'react';

import type {ErrorInfo} from './actions';
import {useResource} from './resource';
import {toErrorInfo} from './use_request';

export type HistoryPageOf<T> = {items: T[]; next_cursor: string | null};
export type FetchHistoryPage<T> = (o: {cursor?: string | null; signal: AbortSignal}) => Promise<HistoryPageOf<T>>;

type Older<T> = {key: string; items: T[]; next: string | null; busy: boolean; error: ErrorInfo | null};

// A history a page at a time, newest first: the newest page is asked for again whenever `key`
// changes (the object changed), and `loadOlder` appends the page after the last entry shown. A new
// newest page starts over (the pages after it would no longer line up with it).
export function usePagedHistory<T>(key: string | null, fetchPage: FetchHistoryPage<T>) {
    const newest = useResource<HistoryPageOf<T>>(key, (signal) => fetchPage({signal}));
    const [older, setOlder] = useState<Older<T> | null>(null);
    const mine = older && older.key === key ? older : null;

    const alive = useRef<AbortController | null>(null);
    useEffect(() => () => alive.current?.abort(), [key]);

    const next = mine ? mine.next : newest.data?.next_cursor ?? null;
    const loadOlder = useCallback(async () => {
        if (!key || !next || mine?.busy) {
            return;
        }
        const controller = new AbortController();
        alive.current = controller;
        const items = mine?.items ?? [];
        setOlder({key, items, next, busy: true, error: null});
        try {
            const page = await fetchPage({cursor: next, signal: controller.signal});
            if (!controller.signal.aborted) {
                setOlder({key, items: [...items, ...page.items], next: page.next_cursor, busy: false, error: null});
            }
        } catch (e) {
            if (!controller.signal.aborted) {
                setOlder({key, items, next, busy: false, error: toErrorInfo(e)});
            }
        }
    }, [key, next, mine, fetchPage]);

    const entries = newest.data ? [...newest.data.items, ...(mine?.items ?? [])] : null;
    return {
        entries,
        error: newest.error,
        reload: newest.reload,
        hasOlder: Boolean(next),
        loadingOlder: Boolean(mine?.busy),
        olderError: mine?.error ?? null,
        loadOlder,
    };
}

export type PagedHistory<T> = ReturnType<typeof usePagedHistory<T>>;
