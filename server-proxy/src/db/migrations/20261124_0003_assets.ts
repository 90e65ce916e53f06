import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assets_project_idx').on('assets').columns(['project_id', 'id']).execute();

  await db.schema
    .createTable('asset_channels')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_channels_pk', ['asset_id', 'channel_id'])
    .execute();
  await db.schema.createIndex('asset_channels_channel_idx').on('asset_channels').column('channel_id').execute();

  await db.schema
    .createTable('asset_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('source_post_id', 'text')
    .addColumn('source_file_id', 'text')
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addUniqueConstraint('asset_versions_bytes_uq', ['asset_id', 'sha256'])
    .addUniqueConstraint('asset_versions_number_uq', ['asset_id', 'number'])
    .execute();
  // The rule "exactly one approved version" held by the database itself, on both engines.
  await db.schema
    .createIndex('asset_versions_one_approved')
    .on('asset_versions')
    .column('asset_id')
    .unique()
    .where(sql.ref('state'), '=', 'approved')
    .execute();

  await db.schema
    .createTable('asset_receipts')
    .addColumn('version_id', 'text', (c) => c.notNull().references('asset_versions.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addPrimaryKeyConstraint('asset_receipts_pk', ['version_id', 'channel_id'])
    .execute();

  await db.schema
    .createTable('asset_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('version_id', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('asset_history_asset_idx').on('asset_history').columns(['asset_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['asset_history', 'asset_receipts', 'asset_versions', 'asset_channels', 'assets']) await db.schema.dropTable(t).execute();
}
