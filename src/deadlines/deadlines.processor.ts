import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { logConnectionError } from '../infrastructure/queue/connection-errors';
import { QueueName } from '../infrastructure/queue/queue-names';
import { DeadlineMilestonesService, NoTrackHandlerError } from './deadline-milestones.service';
import { DeadlineJob, DeadlineScheduler, MilestoneJobData } from './deadline-scheduler.service';

/**
 * The deadlines queue, in the worker role only: milestone jobs, the sweeper (which also sets the
 * timers of new cases), and at start-up the sweeper's scheduler and the reconciliation of jobs
 * from the database.
 */
@Processor(QueueName.Deadlines, { concurrency: 4 })
export class DeadlinesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('DeadlinesProcessor');

  constructor(
    private readonly milestones: DeadlineMilestonesService,
    private readonly scheduler: DeadlineScheduler,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.scheduler.startSafetyNets();
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    logConnectionError(this.logger, 'deadlines worker', error);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case DeadlineJob.Milestone: {
        const { track, caseId } = job.data as MilestoneJobData;
        try {
          return await this.milestones.processCase(track, caseId);
        } catch (error) {
          // retrying soon cannot help; the sweeper tries again every pass and logs it
          if (error instanceof NoTrackHandlerError) throw new UnrecoverableError(error.message);
          throw error;
        }
      }
      case DeadlineJob.Sweep: {
        const swept = await this.milestones.sweep();
        return { ...swept, armed: await this.scheduler.armNewClocks() };
      }
      default:
        throw new UnrecoverableError(`Unknown deadlines job ${job.name}`);
    }
  }
}
