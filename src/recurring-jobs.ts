import { AttachmentsJob } from './attachments/attachments.processor';
import { AppConfig } from './config/app-config';
import { ComplaintsJob } from './complaints/complaints-maintenance.processor';
import { DeadlineJob, SWEEP_EVERY_MS, SWEEPER_ID } from './deadlines/deadline-scheduler.service';
import { RecurringJob } from './infrastructure/queue/recurring-jobs';
import { QueueName } from './infrastructure/queue/queue-names';
import { DISPATCH_MAIL_JOB } from './notifications/mail-job';

/**
 * Every recurring job of the service, in one list. The worker installs them at start and keeps them
 * in Redis (RecurringJobs); a test checks that each one exists, also after Redis lost its data.
 * A new recurring job is added here, with its handler in the queue's processor.
 */
export function recurringJobs(config: AppConfig): RecurringJob[] {
  return [
    // fires missed deadline milestones and sets the timers of newly filed cases
    {
      id: SWEEPER_ID,
      queue: QueueName.Deadlines,
      name: DeadlineJob.Sweep,
      repeat: { every: SWEEP_EVERY_MS },
    },
    // moves due outbox rows to the mail queue
    {
      id: 'mail-dispatch',
      queue: QueueName.Mail,
      name: DISPATCH_MAIL_JOB,
      repeat: { every: config.mail.dispatchIntervalMs },
    },
    // closes resolved complaints nobody reopened within COMPLAINT_AUTO_CLOSE_DAYS
    {
      id: 'auto-close',
      queue: QueueName.Complaints,
      name: ComplaintsJob.AutoClose,
      repeat: { every: 3600_000 },
    },
    // deletes idempotency records older than IDEMPOTENCY_TTL_HOURS (they hold the filings' encrypted answers)
    {
      id: 'purge-idempotency',
      queue: QueueName.Complaints,
      name: ComplaintsJob.PurgeIdempotency,
      repeat: { every: 3600_000 },
    },
    // removes the stored bytes of uploads never linked to a case (a crash or a dropped connection mid-upload)
    {
      id: 'sweep-abandoned-uploads',
      queue: QueueName.Attachments,
      name: AttachmentsJob.SweepAbandoned,
      repeat: { every: 3600_000 },
    },
    // the units' morning digest at 08:30 business time (working days only; held to office hours)
    {
      id: 'daily-digest',
      queue: QueueName.Complaints,
      name: ComplaintsJob.DailyDigest,
      repeat: { pattern: '30 8 * * *', tz: config.app.timeZone },
    },
  ];
}
