import type { FastifyBaseLogger } from 'fastify';
import { Loop } from '../util/loop.js';
import type { DigestService } from './digest.service.js';

/**
 * Compiles the digests that are due, on every replica: the unique (project, slot, audience) row,
 * claimed with its outbox message in one transaction, is what lets only one of them send each.
 */
export class DigestScheduler {
  private readonly loop: Loop;

  constructor(
    private readonly digests: DigestService,
    pollMs: number,
    log: FastifyBaseLogger,
  ) {
    this.loop = new Loop(
      { name: 'digest scheduler', log, intervalMs: pollMs, retryBaseMs: 1000, retryMaxMs: pollMs },
      async ({ signal }) => {
        const sent = await this.digests.runSchedule(Date.now(), signal);
        if (sent) log.info({ sent }, 'digests queued');
      },
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
