import type { Asset } from '@throughline/contract';

export type { Asset, AssetHistoryEntry, AssetVersion, VersionState } from '@throughline/contract';

/** An asset as stored; what the caller may do with it is added when it is presented. */
export type StoredAsset = Omit<Asset, 'permissions'>;
