import type {HistoryEntry, HistoryPage} from '@throughline/contract';
import {useCallback, useEffect, useRef, useState} from 'react';

import type {ErrorInfo} from '../../actions';
import {getTaskHistory} from '../../client';
import {useResource} from '../../resource';
import {toErrorInfo} from '../../use_request';

type Older = {key: string; items: HistoryEntry[]; next: string | null; busy: boolean; error: ErrorInfo | null};

// A task's history a page at a time, newest first: the newest page is asked for again whenever the
// task changes, and `loadOlder` appends the page after the last entry shown. A new newest page starts
// over (the pages after it would no longer line up with it).
export function useTaskHistory(taskId: string, version: number | undefined) {
    const key = version === undefined ? null : `history:${taskId}@${version}`;
    const newest = useResource<HistoryPage>(key, (signal) => getTaskHistory(taskId, {signal}));
    const [older, setOlder] = useState<Older | null>(null);
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
            const page = await getTaskHistory(taskId, {cursor: next, signal: controller.signal});
            if (!controller.signal.aborted) {
                setOlder({key, items: [...items, ...page.items], next: page.next_cursor, busy: false, error: null});
            }
        } catch (e) {
            if (!controller.signal.aborted) {
                setOlder({key, items, next, busy: false, error: toErrorInfo(e)});
            }
        }
    }, [key, next, mine, taskId]);

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

export type TaskHistory = ReturnType<typeof useTaskHistory>;
