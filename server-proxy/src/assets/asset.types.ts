export const VERSION_STATES = ['proposed', 'approved', 'rejected', 'superseded'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

export interface AssetVersion {
  id: string;
  asset_id: string;
  number: number;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  source_post_id: string | null;
  source_file_id: string | null;
  added_by: string;
  added_at: string;
  state: VersionState;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
}

export interface Receipt {
  channel_id: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export interface Asset {
  id: string;
  project_id: string;
  name: string;
  channel_ids: string[];
  created_by: string;
  created_at: string;
  updated_at: string;
  approved_version_id: string | null;
  versions: AssetVersion[];
  receipts: Receipt[];
}

export interface AssetHistoryEntry {
  id: string;
  asset_id: string;
  version_id: string | null;
  actor_id: string;
  action: 'created' | 'version_added' | 'approved' | 'rejected' | 'superseded' | 'receipt_confirmed';
  detail: string | null;
  at: string;
}
