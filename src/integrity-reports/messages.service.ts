import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { IntegrityReportMessage, MessageAuthor } from './entities/integrity-report-message.entity';
import { IntegrityReport } from './entities/integrity-report.entity';
import { civilDate } from '../common/time/fiscal-year';
import { openMessage, sealMessage } from './crypto/report-contents';

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

  /** Appends a message sealed with the report's data key. */
  async append(
    tx: EntityManager,
    report: IntegrityReport,
    dataKey: Buffer,
    message: { author: MessageAuthor; authorUserId: string | null; body: string },
  ): Promise<IntegrityReportMessage> {
    report.lastMessageSeq += 1;
    await tx.update(IntegrityReport, report.id, { lastMessageSeq: report.lastMessageSeq });
    const { body, ...rest } = message;
    return tx.save(
      tx.create(IntegrityReportMessage, {
        reportId: report.id,
        organizationId: report.organizationId,
        seq: report.lastMessageSeq,
        ...rest,
        sealedBody: sealMessage(dataKey, report.id, report.lastMessageSeq, body),
        sentOn: this.today(),
      }),
    );
  }

  /** The conversation of a report, opened with its data key. */
  async conversation(
    tx: EntityManager,
    reportId: string,
    dataKey: Buffer,
  ): Promise<(IntegrityReportMessage & { body: string })[]> {
    const messages = await tx
      .getRepository(IntegrityReportMessage)
      .find({ where: { reportId }, order: { seq: 'ASC' } });
    return messages.map((m) => Object.assign(m, { body: bodyOf(m, dataKey) }));
  }
}

/** Sealed rows open with the key; rows written before encryption and not yet migrated have none. */
function bodyOf(m: IntegrityReportMessage, dataKey: Buffer): string {
  return m.sealedBody ? openMessage(dataKey, m.reportId, m.seq, m.sealedBody) : '';
}
