import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import {
  ATTENTION_STATUSES,
  ListMailMessagesQuery,
  MailMessagePage,
  MailMessageView,
  MailSummary,
} from './dto/mail-message.dto';
import { OUTBOX_STATUSES, OutboxMessage, OutboxStatus } from './entities/outbox-message.entity';
import { isIntegrityTemplate, MessageTemplate } from './message-template';
import { TemplateRenderer } from './template-renderer';

const RETRYABLE: OutboxStatus[] = ['failed', 'not_sent'];

/** What administrators see of the outbox, and the retry of a failed message. Scoped to their organisation. */
@Injectable()
export class OutboxAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: TemplateRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, query: ListMailMessagesQuery): Promise<MailMessagePage> {
    const [rows, total] = await this.db.getRepository(OutboxMessage).findAndCount({
      where: { organizationId: actor.organizationId, status: In(query.status ?? ATTENTION_STATUSES) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit ?? 50,
      skip: query.offset ?? 0,
    });
    return { total, items: rows.map((r) => this.view(r)) };
  }

  /** A failed (or not sent) message goes round again, with the same Message-ID. */
  async retry(actor: Actor, id: string): Promise<MailMessageView> {
    return this.db.transaction(async (tx) => {
      const row = await tx.findOne(OutboxMessage, {
        where: { id, organizationId: actor.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new DomainError('MAIL_MESSAGE_NOT_FOUND');
      if (!RETRYABLE.includes(row.status) || (!row.recipientEmail && !row.resolveType)) {
        throw new DomainError('MAIL_NOT_RETRYABLE', { status: row.status });
      }
      const now = this.clock.now();
      const before = { status: row.status, round: row.round };
      Object.assign(row, {
        status: 'pending',
        round: row.round + 1,
        queuedAt: null,
        notBefore: now,
        updatedAt: now,
      });
      await tx.update(OutboxMessage, row.id, {
        status: row.status,
        round: row.round,
        queuedAt: null,
        notBefore: now,
        updatedAt: now,
      });
      await this.audit.record(tx, actor, {
        action: 'notification.retry',
        entityType: 'mail_message',
        entityId: row.id,
        before,
        after: { status: row.status, round: row.round },
      });
      return this.view(row);
    });
  }

  async summary(actor: Actor): Promise<MailSummary> {
    const { counts, oldestPendingSeconds } = await this.counts(actor.organizationId);
    return { smtpConfigured: Boolean(this.config.mail.smtpUrl), counts, oldestPendingSeconds };
  }

  /** Messages by status, and the age of the oldest due pending one; one organisation or all. */
  async counts(
    organizationId: string | null,
  ): Promise<{ counts: Record<OutboxStatus, number>; oldestPendingSeconds: number | null }> {
    const now = this.clock.now();
    const rows = (await this.db.query(
      `SELECT status, count(*)::int AS count,
              min(not_before) FILTER (WHERE status = 'pending' AND not_before <= $2) AS oldest_due
       FROM notification_outbox WHERE ($1::uuid IS NULL OR organization_id = $1) GROUP BY status`,
      [organizationId, now],
    )) as { status: OutboxStatus; count: number; oldest_due: Date | null }[];
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
    let oldestPendingSeconds: number | null = null;
    for (const r of rows) {
      counts[r.status] = r.count;
      if (r.oldest_due)
        oldestPendingSeconds = Math.max(0, (now.getTime() - new Date(r.oldest_due).getTime()) / 1000);
    }
    return { counts, oldestPendingSeconds };
  }

  private view(row: OutboxMessage): MailMessageView {
    const integrity = isIntegrityTemplate(row.template);
    let subjectLine: string | null = null;
    if (!integrity && row.params) {
      try {
        subjectLine = this.renderer.render(row.template as MessageTemplate, row.params).subject;
      } catch {
        subjectLine = null;
      }
    }
    return {
      id: row.id,
      template: row.template,
      status: row.status,
      recipientKind: row.recipientKind,
      recipient: row.recipientKind === 'reporter' ? null : row.recipientEmail,
      subjectLine,
      aboutType: integrity ? null : row.subjectType,
      aboutId: integrity ? null : row.subjectId,
      messageId: row.messageId,
      attempts: row.attempts,
      lastError: row.lastError,
      notBefore: row.notBefore,
      createdAt: row.createdAt,
      lastAttemptAt: row.lastAttemptAt,
      sentAt: row.sentAt,
    };
  }
}
