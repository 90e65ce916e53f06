import {useCallback, useEffect, useReducer, useRef} from 'react';

import type {ErrorInfo} from './actions';
import {isApiError} from './client';

export type RequestState<T> =
    | {status: 'loading'; data: T | null; error: null}
    | {status: 'ready'; data: T; error: null}
    | {status: 'error'; data: T | null; error: ErrorInfo};

type Event<T> = {type: 'start'} | {type: 'done'; data: T} | {type: 'fail'; error: ErrorInfo};

function step<T>(state: RequestState<T>, e: Event<T>): RequestState<T> {
    switch (e.type) {
    case 'start':
        return {status: 'loading', data: state.data, error: null};
    case 'done':
        return {status: 'ready', data: e.data, error: null};
    case 'fail':
        return {status: 'error', data: state.data, error: e.error};
    }
}

export const toErrorInfo = (e: unknown): ErrorInfo =>
    (isApiError(e) ? {code: e.code, message: e.message} : {code: 'unknown', message: String(e)});

// Runs `load` whenever `key` changes (null: do nothing), aborting the previous run; `reload` runs it again.
export function useRequest<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>) {
    const [state, dispatch] = useReducer(step as (s: RequestState<T>, e: Event<T>) => RequestState<T>, {status: 'loading', data: null, error: null});
    const [attempt, retry] = useReducer((n: number) => n + 1, 0);
    const loadRef = useRef(load);
    loadRef.current = load;

    useEffect(() => {
        if (key === null) {
            return undefined;
        }
        const controller = new AbortController();
        dispatch({type: 'start'});
        loadRef.current(controller.signal).then(
            (data) => !controller.signal.aborted && dispatch({type: 'done', data}),
            (e) => !controller.signal.aborted && dispatch({type: 'fail', error: toErrorInfo(e)}),
        );
        return () => controller.abort();
    }, [key, attempt]);

    return {...state, reload: useCallback(() => retry(), [])};
}
