import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { IntegrityReportMessage, MessageAuthor } from './entities/integrity-report-message.entity';
import { IntegrityReport } from './entities/integrity-report.entity';
import { civilDate } from '../common/time/fiscal-year';

/** Appends to the conversation with the reporter; the caller holds the report's row lock. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  today(): string {
    return civilDate(this.clock.now(), this.config.app.timeZone);
  }

  async append(
    tx: EntityManager,
    report: IntegrityReport,
    message: { author: MessageAuthor; authorUserId: string | null; body: string },
  ): Promise<IntegrityReportMessage> {
    report.lastMessageSeq += 1;
    await tx.update(IntegrityReport, report.id, { lastMessageSeq: report.lastMessageSeq });
    return tx.save(
      tx.create(IntegrityReportMessage, {
        reportId: report.id,
        seq: report.lastMessageSeq,
        ...message,
        sentOn: this.today(),
      }),
    );
  }
}
