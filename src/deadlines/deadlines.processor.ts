import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { logConnectionError } from '../infrastructure/queue/connection-errors';
import { QueueName } from '../infrastructure/queue/queue-names';
import { RecurringJobs } from '../infrastructure/queue/recurring-jobs';
import { DeadlineMilestonesService, NoTrackHandlerError } from './deadline-milestones.service';
import { DeadlineJob, DeadlineScheduler, MilestoneJobData } from './deadline-scheduler.service';

/**
 * The deadlines queue, in the worker role only: the ticks that turn due timers into milestone
 * jobs, milestone jobs, the sweeper (which also sets the timers of new cases), the reconciliation
 * of timers from the database at start-up, and their rebuild when Redis lost its data or comes back.
 */
@Processor(QueueName.Deadlines, { concurrency: 4 })
export class DeadlinesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('DeadlinesProcessor');

  constructor(
    private readonly milestones: DeadlineMilestonesService,
    private readonly scheduler: DeadlineScheduler,
    private readonly recurring: RecurringJobs,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.scheduler.startSafetyNets(this.recurring.installed());
    // Redis emptied under a running worker: every timer again; back after an outage: the new cases' timers
    this.recurring.onDataLost(() => this.scheduler.rebuildAfterLoss());
    this.recurring.onReconnected(() => this.scheduler.armNewClocks());
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
          const result = await this.milestones.processCase(track, caseId);
          // the case's timer to its next milestone (the row now says which)
          await this.scheduler.reschedule(track, caseId);
          return result;
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
