import type { Asset } from '@throughline/contract';

export {
  VERSION_STATES,
  type Asset,
  type AssetHistoryEntry,
  type AssetVersion,
  type Receipt,
  type VersionState,
} from '@throughline/contract';

/** An asset as stored; what the caller may do with it is added when it is presented. */
export type StoredAsset = Omit<Asset, 'permissions'>;
