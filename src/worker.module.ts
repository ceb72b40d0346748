import { Module } from '@nestjs/common';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DeadlinesProcessor } from './deadlines/deadlines.processor';
import { MailProcessor } from './notifications/mail.processor';
import { NotificationsModule } from './notifications/notifications.module';
import { OutboxDispatcher } from './notifications/outbox-dispatcher';

/**
 * The queue processors. Imported only when APP_ROLE is `worker` or `all`, so API-only instances never
 * consume jobs. Each processor lives in its feature folder and is listed here.
 */
@Module({
  imports: [DeadlinesModule, NotificationsModule],
  providers: [DeadlinesProcessor, OutboxDispatcher, MailProcessor],
})
export class WorkerModule {}
