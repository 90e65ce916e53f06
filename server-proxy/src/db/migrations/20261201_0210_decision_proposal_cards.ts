import type { Kysely } from 'kysely';

/**
 * The bot's proposal card of a decision, posted in its source channel when it is recorded (with a
 * "Decide" button for mobile), by the outbox message that posts it, so it can be edited later
 * (decided, superseded, revoked). Apart from decision_cards, which hold the cards sent on "decided".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('decision_proposal_cards')
    .addColumn('decision_id', 'text', (c) => c.primaryKey().references('decisions.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('decision_proposal_cards').execute();
}
