import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { IdempotencyService } from '../infrastructure/idempotency/idempotency.service';
import { logConnectionError } from '../infrastructure/queue/connection-errors';
import { QueueName } from '../infrastructure/queue/queue-names';
import { ComplaintDigestService } from './complaint-digest.service';
import { ComplaintsService } from './complaints.service';

export enum ComplaintsJob {
  AutoClose = 'auto-close',
  DailyDigest = 'daily-digest',
  /** idempotency records older than IDEMPOTENCY_TTL_HOURS (they hold the filings' encrypted answers) */
  PurgeIdempotency = 'purge-idempotency',
}

/** Recurring housekeeping of general complaints (worker role only; scheduled in recurring-jobs.ts). */
@Processor(QueueName.Complaints)
export class ComplaintsMaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(ComplaintsMaintenanceProcessor.name);

  constructor(
    private readonly complaints: ComplaintsService,
    private readonly config: AppConfig,
    private readonly digest: ComplaintDigestService,
    private readonly idempotency: IdempotencyService,
  ) {
    super();
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    logConnectionError(this.logger, 'complaints worker', error);
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === ComplaintsJob.AutoClose) {
      const closed = await this.complaints.closeQuietCases(this.config.complaints.autoCloseDays);
      if (closed > 0) this.logger.log(`Closed ${closed} resolved complaints nobody reopened`);
      return { closed };
    }
    if (job.name === ComplaintsJob.DailyDigest) return { written: await this.digest.sendDailyDigests() };
    if (job.name === ComplaintsJob.PurgeIdempotency)
      return { deleted: await this.idempotency.purgeExpired() };
    throw new Error(`unknown job ${job.name}`);
  }
}
