import { Module } from '@nestjs/common';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DeadlinesProcessor } from './deadlines/deadlines.processor';
import { MailProcessor } from './notifications/mail.processor';
import { NotificationsModule } from './notifications/notifications.module';
import { OutboxDispatcher } from './notifications/outbox-dispatcher';
import { ComplaintsMaintenanceProcessor } from './complaints/complaints-maintenance.processor';
import { ComplaintsModule } from './complaints/complaints.module';

/**
 * The queue processors. Imported only when APP_ROLE is `worker` or `all`, so API-only instances never
 * consume jobs. Each processor lives in its feature folder and is listed here.
 */
@Module({
  imports: [DeadlinesModule, NotificationsModule, ComplaintsModule],
  providers: [DeadlinesProcessor, OutboxDispatcher, MailProcessor, ComplaintsMaintenanceProcessor],
})
export class WorkerModule {}
