import type {MyWork, MyWorkSection} from '@throughline/contract';
import {useCallback, useEffect, useMemo, useState} from 'react';

import type {ErrorInfo} from '../../actions';
import {useAppSelector} from '../../hooks';
import {pluginState} from '../../selectors';
import {toErrorInfo, useRequest} from '../../use_request';

import {getMyWork} from './api';

// Every section, in the order shown (the webapp imports types only: a section the contract adds fails to compile here).
const SECTION_ORDER = {overdue: 0, today: 1, this_week: 2, later: 3, decisions: 4, versions: 5, receipts: 6, rollouts: 7} satisfies Record<MyWorkSection, number>;
const SECTIONS = Object.keys(SECTION_ORDER) as MyWorkSection[];

// A burst of live events (a rollout to twenty channels) is one reload, this long after the last.
const SETTLE_MS = 400;

function useSettled<T>(value: T, ms: number): T {
    const [settled, setSettled] = useState(value);
    useEffect(() => {
        const timer = setTimeout(() => setSettled(value), ms);
        return () => clearTimeout(timer);
    }, [value, ms]);
    return settled;
}

type Extra = Partial<Record<MyWorkSection, MyWork[MyWorkSection]['items']>>;

/**
 * "My work", loaded when shown and again after live events settle (any change may move something
 * in or out of it) or when the stream lost events. Pages asked for with "Show more" are kept per
 * section until the next load.
 */
export function useMyWork() {
    const live = useAppSelector((s) => pluginState(s).liveStamp);
    const refresh = useAppSelector((s) => pluginState(s).refresh);
    const stamp = useSettled(live, SETTLE_MS);
    const work = useRequest<MyWork>(`mywork:${stamp}:${refresh}`, (signal) => getMyWork({}, {signal}));
    const [extra, setExtra] = useState<{of: MyWork | null; items: Extra; cursors: Partial<Record<MyWorkSection, string | null>>}>({of: null, items: {}, cursors: {}});
    const [moreError, setMoreError] = useState<ErrorInfo | null>(null);
    const data = work.data;
    const mine = useMemo(() => (extra.of === data ? extra : {of: data, items: {}, cursors: {}}), [extra, data]);

    const more = useCallback(async (section: MyWorkSection) => {
        const cursor = mine.cursors[section] === undefined ? data?.[section].next_cursor : mine.cursors[section];
        if (!data || !cursor) {
            return;
        }
        setMoreError(null);
        try {
            const page = await getMyWork({section, cursor, limit: data[section].items.length || undefined});
            setExtra((prev) => {
                const base = prev.of === data ? prev : {of: data, items: {}, cursors: {}};
                return {
                    of: data,
                    items: {...base.items, [section]: [...(base.items[section] ?? []), ...page[section].items]},
                    cursors: {...base.cursors, [section]: page[section].next_cursor},
                };
            });
        } catch (e) {
            setMoreError(toErrorInfo(e));
        }
    }, [data, mine]);

    const sections = data ? SECTIONS.map((key) => ({
        key,
        count: data[key].count,
        items: [...data[key].items, ...(mine.items[key] ?? [])],
        hasMore: Boolean(mine.cursors[key] === undefined ? data[key].next_cursor : mine.cursors[key]),
    })) : [];
    return {...work, sections, more, moreError};
}
