import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AttachmentsService, OpenedFile } from '../attachments/attachments.service';
import { AttachmentView, attachmentView } from '../attachments/dto/attachment-views';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { ReportKeys } from './crypto/report-keys';
import { IntegrityReport } from './entities/integrity-report.entity';
import { IntegrityReportEvents } from './integrity-report-events';
import { IntegritySecrets } from './integrity-secrets';
import { ReportAccessPolicy } from './report-access';
import { ReporterSession } from './reporter-session';
import { acceptsMessages } from './workflow';

export const EVIDENCE_TRACK = 'integrity_report';
const ENTITY = 'integrity_report';

const officerBase = (id: string) => `/api/v1/integrity-reports/${id}/attachments`;
const reporterBase = '/api/v1/integrity-reports/session/attachments';

/**
 * Evidence files of integrity reports, encrypted with the report's data key before they reach the
 * store (neither the store nor a database dump shows them), kept without their names. The reporter
 * adds them through the receipt session; officers with access add and read them with their unlocked
 * key; every officer's upload and download is audited. Nothing on the reporter's side is audited or
 * dated beyond the day (see ReporterService).
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly attachments: AttachmentsService,
    private readonly access: ReportAccessPolicy,
    private readonly keys: ReportKeys,
    private readonly audit: AuditService,
    private readonly events: IntegrityReportEvents,
    private readonly secrets: IntegritySecrets,
  ) {}

  async reporterUpload(session: ReporterSession, request: FastifyRequest): Promise<AttachmentView[]> {
    // refused before the body is read when the report takes no more information
    await this.reportOf(session);
    const dataKey = session.dataKey;
    if (!dataKey) throw new DomainError('REPORT_KEY_PENDING');
    let afterCommit: (() => Promise<void>) | undefined;
    const rows = await this.attachments.attach(
      request,
      { budgetClient: `integrity:${this.secrets.clientKey(request.ip)}`, dataKey, keepNames: false },
      async (tx, link) => {
        const report = await this.reportOf(session, tx, true);
        const added = await link({
          organizationId: report.organizationId,
          caseTrack: EVIDENCE_TRACK,
          caseId: report.id,
          source: 'reporter',
          uploadedBy: null,
          isPublic: false,
        });
        afterCommit = await this.events.afterChange(tx, { kind: 'reporter_added_information', report });
        return added;
      },
    );
    await afterCommit?.();
    return rows.map((a) => attachmentView(a, reporterBase));
  }

  /** The files of the session's report (the reporter's own and the officers'). */
  async reporterList(session: ReporterSession): Promise<AttachmentView[]> {
    const rows = await this.attachments.list(EVIDENCE_TRACK, session.reportId);
    return rows.map((a) => attachmentView(a, reporterBase));
  }

  async officerUpload(actor: Actor, id: string, request: FastifyRequest): Promise<AttachmentView[]> {
    const dataKey = await this.db.transaction(async (tx) => {
      await this.access.load(tx, actor, id);
      return this.keys.dataKey(tx, actor, id);
    });
    const rows = await this.attachments.attach(
      request,
      { budgetClient: `officer:${actor.userId}`, dataKey, keepNames: false },
      async (tx, link) => {
        const report = await this.access.load(tx, actor, id, true);
        const added = await link({
          organizationId: report.organizationId,
          caseTrack: EVIDENCE_TRACK,
          caseId: report.id,
          source: 'officer',
          uploadedBy: actor.userId,
          isPublic: false,
        });
        await this.audit.record(tx, actor, {
          action: `${ENTITY}.attachments_added`,
          entityType: ENTITY,
          entityId: report.id,
          after: { attachmentIds: added.map((a) => a.id) },
        });
        return added;
      },
    );
    return rows.map((a) => attachmentView(a, officerBase(id)));
  }

  async officerList(actor: Actor, id: string): Promise<AttachmentView[]> {
    await this.access.load(this.db.manager, actor, id);
    const rows = await this.attachments.list(EVIDENCE_TRACK, id);
    return rows.map((a) => attachmentView(a, officerBase(id)));
  }

  /** A file for an officer with access and the report's key; the download is audited first. */
  async officerDownload(
    actor: Actor,
    id: string,
    attachmentId: string,
    which: 'file' | 'thumbnail',
  ): Promise<OpenedFile> {
    const { attachment, dataKey } = await this.db.transaction(async (tx) => {
      await this.access.load(tx, actor, id);
      const found = await this.attachments.find(tx, EVIDENCE_TRACK, id, attachmentId);
      const key = await this.keys.dataKey(tx, actor, id);
      await this.audit.record(tx, actor, {
        action: which === 'file' ? `${ENTITY}.attachment_downloaded` : `${ENTITY}.attachment_previewed`,
        entityType: ENTITY,
        entityId: id,
        after: { attachmentId },
      });
      return { attachment: found, dataKey: key };
    });
    return this.attachments.open(attachment, which, dataKey);
  }

  async reporterDownload(
    session: ReporterSession,
    attachmentId: string,
    which: 'file' | 'thumbnail',
  ): Promise<OpenedFile> {
    if (!session.dataKey) throw new DomainError('REPORT_KEY_PENDING');
    const a = await this.attachments.find(this.db.manager, EVIDENCE_TRACK, session.reportId, attachmentId);
    return this.attachments.open(a, which, session.dataKey);
  }

  private async reportOf(
    session: ReporterSession,
    manager = this.db.manager,
    lock = false,
  ): Promise<IntegrityReport> {
    const report = await manager.getRepository(IntegrityReport).findOne({
      where: { id: session.reportId, organizationId: session.organizationId },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!report) throw new DomainError('REPORTER_SESSION_INVALID');
    if (!acceptsMessages(report.status)) throw new DomainError('REPORT_CLOSED');
    return report;
  }
}
