import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import type { UnitOfWork } from '../db/unit_of_work.js';
import { OPEN_STATUSES, type TaskStatus } from './task.types.js';

const EVERY_MS = 30_000;

/**
 * Queues a DM to the assignee when a due date comes within the lead time. The conditional update
 * of reminder_sent_at makes each reminder go out once, whichever replica gets there first.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly leadMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  tick(now = Date.now()): Promise<void> {
    this.running ??= this.run(now)
      .catch((err) => this.log.warn({ err }, 'reminder pass failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async run(now: number): Promise<void> {
    const due = await this.db
      .selectFrom('tasks')
      .select(['id', 'title', 'status', 'assignee_id', 'due_at', 'channel_id', 'version'])
      .where('deleted_at', 'is', null)
      .where('reminder_sent_at', 'is', null)
      .where('assignee_id', 'is not', null)
      .where('status', 'in', OPEN_STATUSES)
      .where('due_at', '<=', new Date(now + this.leadMs).toISOString())
      .where('due_at', '>', new Date(now - 24 * 3600 * 1000).toISOString())
      .limit(200)
      .execute();
    for (const t of due) {
      await this.uow.run(async (w) => {
        const claimed = await w.trx
          .updateTable('tasks')
          .set({ reminder_sent_at: w.at })
          .where('id', '=', t.id)
          .where('reminder_sent_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        await w.notify({
          kind: 'reminder_dm',
          user_id: t.assignee_id!,
          task: {
            id: t.id,
            title: t.title,
            status: t.status as TaskStatus,
            assignee_id: t.assignee_id,
            due_at: t.due_at,
            channel_id: t.channel_id,
            version: Number(t.version),
          },
        });
      });
    }
  }
}
