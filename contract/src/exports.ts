import { Type, type Static } from 'typebox';
import { Iso, MmId, StringEnum } from './common.js';
import { AssetHistoryEntrySchema, AssetSchema } from './assets.js';
import { DecisionHistoryEntrySchema, DecisionSchema } from './decisions.js';
import { ProjectSchema } from './projects.js';
import { RolloutSchema } from './rollouts.js';
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

export const CampaignRecordSchema = Type.Object({
  format_version: Type.Literal(EXPORT_FORMAT_VERSION),
  project: ProjectSchema,
  exported_at: Iso,
  exported_by: MmId,
  /** Every task of the project (not deleted), by id. */
  tasks: Type.Array(Type.Object({ ...TaskSchema.properties, history: Type.Array(HistoryEntrySchema) })),
  decisions: Type.Array(Type.Object({ ...DecisionSchema.properties, history: Type.Array(DecisionHistoryEntrySchema) })),
  /** Every version with its state and who decided it; `receipts` are those of the approved version. */
  assets: Type.Array(Type.Object({ ...AssetSchema.properties, history: Type.Array(AssetHistoryEntrySchema) })),
  rollouts: Type.Array(RolloutSchema),
});
export interface CampaignRecord extends Static<typeof CampaignRecordSchema> {}
