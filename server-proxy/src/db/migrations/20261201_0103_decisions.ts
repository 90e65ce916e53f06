import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('approver_id', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_reason', 'text')
    .addColumn('supersedes_id', 'text')
    .addColumn('superseded_by_id', 'text')
    .addColumn('source_channel_id', 'text', (c) => c.notNull())
    .addColumn('source_post_id', 'text')
    .addColumn('permalink', 'text')
    .addColumn('source_text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_project_idx').on('decisions').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('decisions_source_idx').on('decisions').columns(['source_channel_id', 'id']).execute();

  await db.schema
    .createTable('decision_channels')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_channels_pk', ['decision_id', 'channel_id'])
    .execute();
  await db.schema.createIndex('decision_channels_channel_idx').on('decision_channels').columns(['channel_id', 'decision_id']).execute();

  await db.schema
    .createTable('decision_quotes')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_quotes_pk', ['decision_id', 'post_id'])
    .execute();

  await db.schema
    .createTable('decision_links')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_links_pk', ['decision_id', 'kind', 'target_id'])
    .execute();

  // The bot's card in each channel, by the outbox message that posts it: its post id is the
  // message's result_post_id once delivered, so the card can be edited later (superseded, revoked).
  await db.schema
    .createTable('decision_cards')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_cards_pk', ['decision_id', 'channel_id'])
    .execute();

  await db.schema
    .createTable('decision_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('channel_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decision_history_decision_idx').on('decision_history').columns(['decision_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['decision_history', 'decision_cards', 'decision_links', 'decision_quotes', 'decision_channels', 'decisions'])
    await db.schema.dropTable(t).execute();
}
