import {useCallback, useEffect, useReducer} from 'react';
import {shallowEqual, useDispatch, useSelector, useStore} from 'react-redux';

import {assetReceived, assetsFailed, assetsReceived, assetsRequested} from '../../actions';
import {getAsset, getAssets} from '../../client';
import {pluginState} from '../../selectors';
import type {Asset, HostDispatch, HostState} from '../../types';
import {toErrorInfo, useRequest} from '../../use_request';

import {byName} from './format';

const NONE: Asset[] = [];

// A project's assets, kept in the plugin store where live events update them.
export function useProjectAssets(projectId: string | null) {
    const dispatch = useDispatch() as HostDispatch;
    const [attempt, reload] = useReducer((n: number) => n + 1, 0);
    const refresh = useSelector((s: HostState) => pluginState(s).refresh);

    useEffect(() => {
        if (!projectId) {
            return undefined;
        }
        const controller = new AbortController();
        dispatch(assetsRequested(projectId));
        getAssets(projectId, {signal: controller.signal}).then(
            (items) => dispatch(assetsReceived(projectId, items)),
            (e) => !controller.signal.aborted && dispatch(assetsFailed(projectId, toErrorInfo(e))),
        );
        return () => controller.abort();
    }, [projectId, attempt, refresh, dispatch]);

    const list = useSelector((s: HostState) => (projectId ? pluginState(s).assetLists[projectId] : undefined));
    const assets = useSelector((s: HostState) => {
        const l = projectId ? pluginState(s).assetLists[projectId] : undefined;
        const byId = pluginState(s).assets;
        return l ? l.ids.map((id) => byId[id]).filter(Boolean).sort(byName) : NONE;
    }, shallowEqual);

    return {
        assets,
        status: list?.status ?? 'loading',
        error: list?.error ?? null,
        reload: useCallback(() => reload(), []),
    };
}

// One asset with its whole version history and receipts, always asked for afresh.
export function useAsset(assetId: string | null) {
    const dispatch = useDispatch() as HostDispatch;
    const refresh = useSelector((s: HostState) => pluginState(s).refresh);
    const asset = useSelector((s: HostState) => (assetId ? pluginState(s).assets[assetId] : undefined));
    const req = useRequest<Asset>(assetId ? `${assetId}#${refresh}` : null, async (signal) => {
        const a = await getAsset(assetId as string, {signal});
        dispatch(assetReceived(a));
        return a;
    });
    return {asset, status: req.status, error: req.error, reload: req.reload};
}

// Requests in flight per store and asset: twenty cards of one asset in a channel ask once.
const inFlight = new WeakMap<object, Map<string, Promise<Asset>>>();

function sharedGet(store: object, assetId: string): Promise<Asset> {
    const mine = inFlight.get(store) ?? new Map<string, Promise<Asset>>();
    inFlight.set(store, mine);
    let p = mine.get(assetId);
    if (!p) {
        p = getAsset(assetId).finally(() => mine.delete(assetId));
        mine.set(assetId, p);
    }
    return p;
}

// An asset for a card in the channel: loaded once on mount, then kept current by live events.
export function useCardAsset(assetId: string) {
    const store = useStore();
    const dispatch = useDispatch() as HostDispatch;
    const refresh = useSelector((s: HostState) => pluginState(s).refresh);
    const asset = useSelector((s: HostState) => pluginState(s).assets[assetId]);
    const req = useRequest<Asset>(`${assetId}#${refresh}`, async () => {
        const a = await sharedGet(store, assetId);
        dispatch(assetReceived(a));
        return a;
    });
    return {asset, status: req.status, error: req.error, reload: req.reload};
}
