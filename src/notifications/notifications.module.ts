import { Module } from '@nestjs/common';
import { MailMetrics } from './mail-metrics';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxAdminService } from './outbox-admin.service';
import { TemplateRenderer } from './template-renderer';

/**
 * Mail for every track. Other modules import this module and call NotificationsService.enqueue in
 * their own transaction. The sending side (OutboxDispatcher, MailProcessor) runs in the worker role
 * and is listed in WorkerModule.
 */
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    OutboxAdminService,
    MailMetrics,
    { provide: TemplateRenderer, useFactory: () => new TemplateRenderer() },
  ],
  exports: [NotificationsService, TemplateRenderer],
})
export class NotificationsModule {}
