import { Type, type Static } from 'typebox';
import { Iso, MmId, StringEnum } from './common.js';
import { AssetHistoryEntrySchema, AssetSchema, AssetVersionSchema } from './assets.js';
import { DecisionHistoryEntrySchema, DecisionSchema } from './decisions.js';
import { ProjectSchema } from './projects.js';
import { AssetDownloadSchema, RolloutSchema } from './rollouts.js';
import { HistoryEntrySchema, TaskSchema } from './tasks.js';

/**
 * A project's campaign record: everything it holds, as the API shows each item to the exporter,
 * with each item's history oldest first. Streamed; `format_version` changes only when a field's
 * meaning does (fields may be added).
 */
export const EXPORT_FORMATS = ['json', 'html'] as const;
export const EXPORT_FORMAT_VERSION = 1;

export const ExportQuerySchema = Type.Object(
  {
    format: Type.Optional(StringEnum(EXPORT_FORMATS, 'json (default) for machines, html for a printable page')),
    locale: Type.Optional(StringEnum(['en', 'ru'] as const, 'Language of the printable page; default from Accept-Language')),
  },
  { additionalProperties: false },
);

/** A person named in the record, as Mattermost knows them when it is exported. */
export const RecordPersonSchema = Type.Object({ id: MmId, username: Type.String(), display_name: Type.String() });
export interface RecordPerson extends Static<typeof RecordPersonSchema> {}

/** A channel named in the record: only those the exporter is a member of are named. */
export const RecordChannelSchema = Type.Object({ id: MmId, name: Type.String(), display_name: Type.String() });
export interface RecordChannel extends Static<typeof RecordChannelSchema> {}

export const CampaignRecordSchema = Type.Object({
  format_version: Type.Literal(EXPORT_FORMAT_VERSION),
  project: ProjectSchema,
  exported_at: Iso,
  exported_by: MmId,
  /** Every task of the project (not deleted), by id. */
  tasks: Type.Array(Type.Object({ ...TaskSchema.properties, history: Type.Array(HistoryEntrySchema) })),
  decisions: Type.Array(Type.Object({ ...DecisionSchema.properties, history: Type.Array(DecisionHistoryEntrySchema) })),
  /**
   * Every version with its state, who decided it and who downloaded it (oldest first); `receipts`
   * are those of the approved version.
   */
  assets: Type.Array(
    Type.Object({
      ...AssetSchema.properties,
      versions: Type.Array(Type.Object({ ...AssetVersionSchema.properties, downloads: Type.Array(AssetDownloadSchema) })),
      history: Type.Array(AssetHistoryEntrySchema),
    }),
  ),
  rollouts: Type.Array(RolloutSchema),
  /** The people the record mentions, by id; someone Mattermost no longer knows is left out. */
  people: Type.Array(RecordPersonSchema),
  /** The channels the record mentions that the exporter is a member of, by id. */
  channels: Type.Array(RecordChannelSchema),
});
export interface CampaignRecord extends Static<typeof CampaignRecordSchema> {}
