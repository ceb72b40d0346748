import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { QueueName } from '../infrastructure/queue/queue-names';
import { RecurringJobs } from '../infrastructure/queue/recurring-jobs';
import { within } from '../infrastructure/queue/within';
import { MailJobData, mailJobId, SEND_MAIL_JOB } from './mail-job';
import { describeError } from '../common/errors/error-summary';

/** Rows handed to the queue at most this many at a time. */
const BATCH = 200;
/** A pending row queued this long ago is handed over again (a no-op if its job still exists). */
export const REQUEUE_AFTER_MS = 5 * 60_000;
/** A row left in `sending` this long (the worker died mid-send) goes round again, same Message-ID. */
export const SENDING_LEASE_MS = 10 * 60_000;
/** A pass that takes longer is abandoned (a connection lost while being opened can wait for ever). */
const TICK_LIMIT_MS = 120_000;

/**
 * Moves due outbox rows to the `mail` queue. Runs in the worker role only (listed in WorkerModule),
 * as the recurring `mail-dispatch` job every MAIL_DISPATCH_INTERVAL_MS (src/recurring-jobs.ts; kept
 * in Redis by RecurringJobs, which reinstalls it when Redis lost it), while the rows in PostgreSQL
 * are the truth. Hands everything pending over again at start-up, whenever the Redis connection
 * comes back and after Redis lost its data, so nothing is lost when Redis or the worker was down;
 * deterministic job ids make the repeats harmless. Safe with several workers.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private running = false;
  private sweepAll = true;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Mail) private readonly queue: Queue<MailJobData>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly recurring: RecurringJobs,
  ) {}

  onApplicationBootstrap(): void {
    const handOverAll = (why: string) => async () => {
      this.sweepAll = true;
      this.logger.log(`${why}: handing every pending mail message to the queue again`);
      await this.tick();
    };
    this.recurring.onReconnected(handOverAll('Redis is back'));
    this.recurring.onDataLost(handOverAll('Redis lost its data'));
    void this.tick();
  }

  /** One pass: hand every due row to the queue. Never runs twice at once in this process. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await within(TICK_LIMIT_MS, 'A mail dispatch pass', this.pass());
    } catch (error) {
      this.sweepAll = true;
      this.logger.warn(`Mail dispatch failed, will try again: ${describeError(error)}`);
    } finally {
      this.running = false;
    }
  }

  private async pass(): Promise<void> {
    await this.recoverAbandoned();
    if (this.sweepAll) {
      this.sweepAll = false;
      await this.db.query(
        `UPDATE notification_outbox SET queued_at = NULL WHERE status = 'pending' AND queued_at IS NOT NULL`,
      );
    }
    while ((await this.dispatchBatch()) === BATCH) {
      // more due rows: go on
    }
  }

  private async recoverAbandoned(): Promise<void> {
    const leaseStart = new Date(this.clock.now().getTime() - SENDING_LEASE_MS);
    const [, count] = (await this.db.query(
      `UPDATE notification_outbox SET status = 'pending', round = round + 1, queued_at = NULL, updated_at = $2
       WHERE status = 'sending' AND last_attempt_at < $1`,
      [leaseStart, this.clock.now()],
    )) as [unknown, number];
    if (count > 0) this.logger.warn(`${count} mail message(s) abandoned mid-send go round again`);
  }

  private async dispatchBatch(): Promise<number> {
    const now = this.clock.now();
    const rows = (await this.db.query(
      `SELECT id, round, request_id FROM notification_outbox
       WHERE status = 'pending' AND not_before <= $1 AND (queued_at IS NULL OR queued_at < $2)
       ORDER BY not_before LIMIT ${BATCH}`,
      [now, new Date(now.getTime() - REQUEUE_AFTER_MS)],
    )) as { id: string; round: number; request_id: string | null }[];
    if (rows.length === 0) return 0;
    await this.queue.addBulk(
      rows.map((r) => ({
        name: SEND_MAIL_JOB,
        data: { messageId: r.id, round: r.round, requestId: r.request_id },
        opts: {
          jobId: mailJobId(r.id, r.round),
          backoff: { type: 'exponential', delay: this.config.mail.retryDelayMs },
        },
      })),
    );
    await this.db.query(
      `UPDATE notification_outbox SET queued_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [rows.map((r) => r.id), now],
    );
    return rows.length;
  }
}
