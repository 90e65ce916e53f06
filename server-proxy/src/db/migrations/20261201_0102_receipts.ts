import { sql, type Kysely } from 'kysely';

/**
 * One receipt mechanism for everything sent to channels: an approved asset version or a decided
 * decision is the subject, each channel it went to confirms once. Existing asset receipts move over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receipts')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addPrimaryKeyConstraint('receipts_pk', ['subject_kind', 'subject_id', 'channel_id'])
    .execute();
  await sql`insert into receipts (subject_kind, subject_id, channel_id, confirmed_by, confirmed_at)
    select 'asset_version', version_id, channel_id, confirmed_by, confirmed_at from asset_receipts`.execute(db);
  await db.schema.dropTable('asset_receipts').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('asset_receipts')
    .addColumn('version_id', 'text', (c) => c.notNull().references('asset_versions.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addPrimaryKeyConstraint('asset_receipts_pk', ['version_id', 'channel_id'])
    .execute();
  await sql`insert into asset_receipts (version_id, channel_id, asset_id, confirmed_by, confirmed_at)
    select r.subject_id, r.channel_id, v.asset_id, r.confirmed_by, r.confirmed_at
    from receipts r join asset_versions v on v.id = r.subject_id where r.subject_kind = 'asset_version'`.execute(db);
  await db.schema.dropTable('receipts').execute();
}
