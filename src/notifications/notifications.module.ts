import { forwardRef, Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { UsersModule } from '../users/users.module';
import { MailMetrics } from './mail-metrics';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxAdminService } from './outbox-admin.service';
import { RecipientResolvers } from './recipient-resolvers';
import { TemplateRenderer } from './template-renderer';

/**
 * Mail for every track. Other modules import this module and call NotificationsService.enqueue in
 * their own transaction; a module whose contacts' addresses must not be copied into the outbox
 * registers a resolver with RecipientResolvers. The sending side (OutboxDispatcher, MailProcessor) runs in the worker role
 * and is listed in WorkerModule.
 */
@Module({
  // office hours and holidays come from the business calendar of the deadline engine
  imports: [DeadlinesModule, forwardRef(() => UsersModule)],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    RecipientResolvers,
    OutboxAdminService,
    MailMetrics,
    { provide: TemplateRenderer, useFactory: () => new TemplateRenderer() },
  ],
  exports: [NotificationsService, RecipientResolvers, TemplateRenderer],
})
export class NotificationsModule {}
