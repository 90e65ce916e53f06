import type { Kysely } from 'kysely';

/**
 * What recalling a superseded version needs: the approval cards the bot posted (to edit them to
 * "superseded" later), the channel bookmarks it pinned to the approved version, every download of a
 * version's file, and who has been told (once) that a version they downloaded was superseded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('asset_cards')
    .addColumn('outbox_id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('asset_versions.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('asset_cards_version').on('asset_cards').columns(['version_id', 'channel_id']).execute();
  // Cards posted before this table existed are found in the outbox that posted them.
  const earlier = await (db as Kysely<{ outbox: { id: string; kind: string; payload: string } }>)
    .selectFrom('outbox')
    .select(['id', 'payload'])
    .where('kind', '=', 'approval_card')
    .execute();
  const rows = earlier.flatMap((r) => {
    const m = JSON.parse(r.payload) as { version_id?: unknown; channel_id?: unknown };
    return typeof m.version_id === 'string' && typeof m.channel_id === 'string'
      ? [{ outbox_id: r.id, version_id: m.version_id, channel_id: m.channel_id }]
      : [];
  });
  const cards = db as Kysely<{ asset_cards: { outbox_id: string; version_id: string; channel_id: string } }>;
  for (let i = 0; i < rows.length; i += 200)
    await cards
      .insertInto('asset_cards')
      .values(rows.slice(i, i + 200))
      .execute();

  await db.schema
    .createTable('asset_bookmarks')
    .addColumn('bookmark_id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('asset_bookmarks_channel').on('asset_bookmarks').columns(['asset_id', 'channel_id']).execute();

  await db.schema
    .createTable('asset_downloads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('asset_versions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('after_superseded', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('asset_downloads_asset').on('asset_downloads').columns(['asset_id', 'id']).execute();
  await db.schema.createIndex('asset_downloads_version').on('asset_downloads').columns(['version_id', 'user_id']).execute();

  await db.schema
    .createTable('recall_notices')
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recall_notices_pk', ['version_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['recall_notices', 'asset_downloads', 'asset_bookmarks', 'asset_cards']) await db.schema.dropTable(t).execute();
}
