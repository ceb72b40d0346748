import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Role } from '../users/roles';
import { ListMailMessagesQuery, MailMessagePage, MailMessageView, MailSummary } from './dto/mail-message.dto';
import { OutboxAdminService } from './outbox-admin.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly outbox: OutboxAdminService) {}

  @Get('messages')
  @ApiOperation({
    summary: 'Mail of my organisation by status (default: failed, pending, sending, not sent), newest first',
  })
  @ApiOkResponse({ type: MailMessagePage })
  list(@CurrentActor() actor: Actor, @Query() query: ListMailMessagesQuery): Promise<MailMessagePage> {
    return this.outbox.list(actor, query);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Mail counts by status, oldest waiting message, whether SMTP is configured' })
  @ApiOkResponse({ type: MailSummary })
  summary(@CurrentActor() actor: Actor): Promise<MailSummary> {
    return this.outbox.summary(actor);
  }

  @Post('messages/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed (or not sent) message again, with the same Message-ID' })
  @ApiOkResponse({ type: MailMessageView })
  @ApiErrors(409)
  retry(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<MailMessageView> {
    return this.outbox.retry(actor, id);
  }
}
