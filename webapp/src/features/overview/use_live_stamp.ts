import {useEffect, useRef, useState} from 'react';

import {useAppSelector} from '../../hooks';
import {pluginState} from '../../selectors';

// A burst of live events (a rollout to twenty channels) is one reload: at most one per this long.
const COALESCE_MS = 1000;

// `value` as it was when a wait of `ms` that began with its first change since ended: a steady
// stream of changes still shows every `ms`, never later, and a burst within one wait only once.
export function useCoalesced<T>(value: T, ms: number): T {
    const [shown, setShown] = useState(value);
    const latest = useRef(value);
    latest.current = value;
    const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
    useEffect(() => {
        if (timer.current === null && !Object.is(value, shown)) {
            timer.current = setTimeout(() => {
                timer.current = null;
                setShown(latest.current);
            }, ms);
        }
    }, [value, shown, ms]);
    useEffect(() => () => {
        if (timer.current !== null) {
            clearTimeout(timer.current);
        }
    }, []);
    return shown;
}

// Moves when live events about the project have settled, or when the stream lost events: what the
// overview's requests are keyed by, so they load again in place (the answer on screen stays until the next).
export function useProjectLiveStamp(projectId: string): string {
    const live = useAppSelector((s) => pluginState(s).projectStamps[projectId] ?? 0);
    const refresh = useAppSelector((s) => pluginState(s).refresh);
    return `${useCoalesced(live, COALESCE_MS)}:${refresh}`;
}
