import type { Kysely } from 'kysely';

/**
 * The weekly digest: each project's schedule (weekday, local time, IANA time zone; a null zone
 * means the service's DIGEST_DEFAULT_TZ) and stalled threshold, who asked to receive it by direct
 * message, and every digest compiled. A scheduled digest is one row per (project, slot, audience):
 * the unique key is what makes it go out once, whichever replica compiles it first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('time_zone', 'text').execute();
  await db.schema
    .alterTable('projects')
    .addColumn('digest_weekday', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('projects')
    .addColumn('digest_time', 'text', (c) => c.notNull().defaultTo('09:00'))
    .execute();
  await db.schema
    .alterTable('projects')
    .addColumn('stalled_days', 'integer', (c) => c.notNull().defaultTo(7))
    .execute();

  await db.schema
    .createTable('digest_subscriptions')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_subscriptions_pk', ['project_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('digests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    /** The end of the week it covers: a schedule slot, or the minute it was asked for. */
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('audience_kind', 'text', (c) => c.notNull())
    .addColumn('audience_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addUniqueConstraint('digests_once', ['project_id', 'slot', 'trigger', 'audience_kind', 'audience_id'])
    .execute();
  // "Done this week" and "started this week" read status changes by time across a project.
  await db.schema.createIndex('task_history_field_at_idx').on('task_history').columns(['field', 'at']).execute();
  await db.schema
    .createIndex('digests_audience_idx')
    .on('digests')
    .columns(['project_id', 'audience_kind', 'audience_id', 'slot'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('task_history_field_at_idx').execute();
  await db.schema.dropTable('digests').execute();
  await db.schema.dropTable('digest_subscriptions').execute();
  await db.schema.alterTable('projects').dropColumn('stalled_days').execute();
  await db.schema.alterTable('projects').dropColumn('digest_time').execute();
  await db.schema.alterTable('projects').dropColumn('digest_weekday').execute();
  await db.schema.alterTable('projects').dropColumn('time_zone').execute();
}
