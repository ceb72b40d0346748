import { Module } from '@nestjs/common';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DeadlinesProcessor } from './deadlines/deadlines.processor';
import { MailProcessor } from './notifications/mail.processor';
import { NotificationsModule } from './notifications/notifications.module';
import { OutboxDispatcher } from './notifications/outbox-dispatcher';
import { ComplaintsMaintenanceProcessor } from './complaints/complaints-maintenance.processor';
import { ComplaintsModule } from './complaints/complaints.module';
import { AppConfig } from './config/app-config';
import { AttachmentsModule } from './attachments/attachments.module';
import { AttachmentsProcessor } from './attachments/attachments.processor';
import { RECURRING_JOBS, RecurringJobs } from './infrastructure/queue/recurring-jobs';
import { recurringJobs } from './recurring-jobs';

/**
 * The queue processors. Imported only when APP_ROLE is `worker` or `all`, so API-only instances never
 * consume jobs. Each processor lives in its feature folder and is listed here; the recurring jobs
 * are declared in recurring-jobs.ts and kept in Redis by RecurringJobs.
 */
@Module({
  imports: [DeadlinesModule, NotificationsModule, ComplaintsModule, AttachmentsModule],
  providers: [
    { provide: RECURRING_JOBS, inject: [AppConfig], useFactory: recurringJobs },
    RecurringJobs,
    DeadlinesProcessor,
    OutboxDispatcher,
    MailProcessor,
    ComplaintsMaintenanceProcessor,
    AttachmentsProcessor,
  ],
})
export class WorkerModule {}
