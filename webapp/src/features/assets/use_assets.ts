import type {Asset} from '@throughline/contract';
import {shallowEqual} from 'react-redux';

import {assetReceived, assetsReceived} from '../../actions';
import {getAsset, getAssets} from '../../client';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';

import {byName} from './format';

const NONE: Asset[] = [];

// A project's assets, kept in the plugin store where live events update them.
export function useProjectAssets(projectId: string | null) {
    const dispatch = useAppDispatch();
    const req = useResource(projectId && 'assets:' + projectId, async (signal) => {
        const items = await getAssets(projectId as string, {signal});
        dispatch(assetsReceived(projectId as string, items));
        return items.length;
    });
    const assets = useAppSelector((s) => {
        const l = projectId ? pluginState(s).assetLists[projectId] : undefined;
        const byId = pluginState(s).assets;
        return l ? l.ids.map((id) => byId[id]).filter(Boolean).sort(byName) : NONE;
    }, shallowEqual);
    return {assets, status: req.status, error: req.error, reload: req.reload};
}

// One asset with its whole version history and receipts: asked for on mount (once for all the cards
// and views showing it), then kept current by live events.
export function useAsset(assetId: string | null) {
    const dispatch = useAppDispatch();
    const asset = useAppSelector((s) => (assetId ? pluginState(s).assets[assetId] : undefined));
    const req = useResource<Asset>(assetId && 'asset:' + assetId, async (signal) => {
        const a = await getAsset(assetId as string, {signal});
        dispatch(assetReceived(a));
        return a;
    });
    return {asset, status: req.status, error: req.error, reload: req.reload};
}
