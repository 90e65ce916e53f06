import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import type { UnitOfWork } from '../db/unit_of_work.js';
import { Loop } from '../util/loop.js';
import { claimReminder, tasksDueForReminder } from './task.repository.js';
import { snapshot } from './task.service.js';

const EVERY_MS = 30_000;
const BATCH = 200;
/** A date further past than this gets no reminder (the service was down, or the task came in late). */
const TOO_LATE_MS = 24 * 3600 * 1000;

/**
 * Queues a DM to the assignee when a due date comes within the lead time. The conditional update
 * of reminder_sent_at makes each reminder go out once, whichever replica gets there first.
 */
export class ReminderScheduler {
  private readonly loop: Loop;

  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly leadMs: number,
    log: FastifyBaseLogger,
  ) {
    this.loop = new Loop({ name: 'reminder scheduler', log, intervalMs: EVERY_MS, retryBaseMs: 1000, retryMaxMs: EVERY_MS }, () =>
      this.run(Date.now()),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One full pass, begun now; resolves when it has ended. */
  tick(): Promise<void> {
    return this.loop.runNow();
  }

  private async run(now: number): Promise<void> {
    const due = await tasksDueForReminder(
      this.db,
      new Date(now - TOO_LATE_MS).toISOString(),
      new Date(now + this.leadMs).toISOString(),
      BATCH,
    );
    for (const t of due) {
      await this.uow.run(async (w) => {
        if (!(await claimReminder(w.trx, t.id, w.at))) return;
        await w.notify({ kind: 'reminder_dm', user_id: t.assignee_id!, task: snapshot(t) });
      });
    }
  }
}
