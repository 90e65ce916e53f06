import type { Kysely } from 'kysely';

/**
 * Rollouts: a task (the parent) sent to channels of its project as one child task per channel.
 * rollout_channels holds one row per channel, in the order they were added, and is what keeps a
 * channel from getting a second child. A project channel gains an optional lead, who is assigned
 * that channel's child tasks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rollouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().unique().references('tasks.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('asset_id', 'text', (c) => c.references('assets.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rollouts_asset_idx').on('rollouts').columns(['asset_id']).execute();

  await db.schema
    .createTable('rollout_channels')
    .addColumn('rollout_id', 'text', (c) => c.notNull().references('rollouts.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollout_channels_pk', ['rollout_id', 'channel_id'])
    .execute();
  await db.schema.createIndex('rollout_channels_task_idx').on('rollout_channels').columns(['task_id']).execute();

  await db.schema.alterTable('tasks').addColumn('parent_id', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('rollout_id', 'text').execute();
  await db.schema.createIndex('tasks_rollout_idx').on('tasks').columns(['rollout_id', 'status']).execute();

  await db.schema.alterTable('project_channels').addColumn('lead_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('project_channels').dropColumn('lead_id').execute();
  await db.schema.dropIndex('tasks_rollout_idx').execute();
  await db.schema.alterTable('tasks').dropColumn('rollout_id').execute();
  await db.schema.alterTable('tasks').dropColumn('parent_id').execute();
  await db.schema.dropTable('rollout_channels').execute();
  await db.schema.dropTable('rollouts').execute();
}
