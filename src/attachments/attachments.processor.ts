import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { logConnectionError } from '../infrastructure/queue/connection-errors';
import { QueueName } from '../infrastructure/queue/queue-names';
import { AttachmentsService } from './attachments.service';

export enum AttachmentsJob {
  /** blobs of uploads never linked to a case (scheduled in recurring-jobs.ts) */
  SweepAbandoned = 'sweep-abandoned-uploads',
}

@Processor(QueueName.Attachments)
export class AttachmentsProcessor extends WorkerHost {
  private readonly logger = new Logger(AttachmentsProcessor.name);

  constructor(private readonly attachments: AttachmentsService) {
    super();
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    logConnectionError(this.logger, 'attachments worker', error);
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === AttachmentsJob.SweepAbandoned) {
      const removed = await this.attachments.sweepAbandoned();
      if (removed > 0) this.logger.log(`Removed ${removed} abandoned uploads`);
      return { removed };
    }
    throw new Error(`unknown job ${job.name}`);
  }
}
