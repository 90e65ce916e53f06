import type {Asset, Rollout, RolloutRow} from '@throughline/contract';

import {assetReceived} from '../../actions';
import {getAsset} from '../../client';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';

import {getRollout} from './api';

// A rollout as the caller may see it, loaded again whenever an event of one of its tasks arrives.
export function useRollout(rolloutId: string) {
    const stamp = useAppSelector((s) => pluginState(s).rolloutStamps[rolloutId] ?? 0);
    return useResource<Rollout>(`rollout:${rolloutId}#${stamp}`, (signal) => getRollout(rolloutId, {signal}));
}

// The rollout's asset, asked for once and then kept current by the live stream, so a receipt
// confirmed anywhere shows in the matrix at once (a receipt changes no task: no task event says so).
export function useRolloutAsset(assetId: string | null): Asset | undefined {
    const dispatch = useAppDispatch();
    const asset = useAppSelector((s) => (assetId ? pluginState(s).assets[assetId] : undefined));
    useResource<Asset>(assetId && 'asset:' + assetId, async (signal) => {
        const a = await getAsset(assetId as string, {signal});
        dispatch(assetReceived(a));
        return a;
    });
    return asset;
}

// The rows with the receipts the store knows better, while it speaks of the same approved version.
export function withReceipts(rollout: Rollout, asset: Asset | undefined): RolloutRow[] {
    const version = rollout.approved_version;
    if (!asset || !version || asset.approved_version_id !== version.id) {
        return rollout.rows;
    }
    return rollout.rows.map((row) => {
        const receipt = asset.receipts.find((r) => r.channel_id === row.channel_id);
        return receipt && row.receipt && !row.receipt.confirmed_at && receipt.confirmed_at ? {...row, receipt} : row;
    });
}
