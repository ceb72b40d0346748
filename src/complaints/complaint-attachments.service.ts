import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { AttachmentsService, OpenedFile } from '../attachments/attachments.service';
import {
  AttachmentView,
  attachmentView,
  PublicAttachmentView,
  publicAttachmentView,
} from '../attachments/dto/attachment-views';
import { Attachment } from '../attachments/entities/attachment.entity';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { clientKey } from '../infrastructure/http/client-key';
import { ComplaintAccess } from './complaint-access';
import { ComplaintQueries } from './complaint-queries.service';
import { COMPLAINT_TRACK } from './complaint-track';
import { ComplaintStatus } from './complaint-workflow';
import { ComplaintsService } from './complaints.service';
import { ComplaintEventType } from './entities/complaint-event.entity';
import { Complaint } from './entities/complaint.entity';
import { normalizeTrackingCode, trackingCodeHash } from './tracking-code';

/** A file of a complaint the officer may not see is as unknown as one that does not exist. */
const notFound = (error: unknown): never => {
  if (error instanceof DomainError && error.code === 'COMPLAINT_NOT_FOUND')
    throw new DomainError('ATTACHMENT_NOT_FOUND');
  throw error;
};

/** While a complaint takes files from its complainant: just filed, or asked for more information. */
export const CITIZEN_UPLOAD_STATUSES: readonly ComplaintStatus[] = [
  ComplaintStatus.Received,
  ComplaintStatus.AwaitingInfo,
];

/** A file's own routes (its download, preview and visibility), whatever complaint it belongs to. */
const OFFICER_BASE = '/api/v1/complaints/attachments';
const publicBase = (code: string) => `/api/v1/track/${code}/attachments`;

/**
 * Files of general complaints: the complainant's photos (with the tracking code), officers' documents
 * (internal or public). Citizens' files reach the tracking page only when an officer publishes them.
 */
@Injectable()
export class ComplaintAttachments {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly attachments: AttachmentsService,
    private readonly access: ComplaintAccess,
    private readonly queries: ComplaintQueries,
    private readonly complaints: ComplaintsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async citizenUpload(code: string, request: FastifyRequest): Promise<PublicAttachmentView[]> {
    // refused before a byte of the body is read when the code is unknown or the case takes no files
    await this.lockByCode(this.db.manager, code, false);
    const rows = await this.attachments.attach(
      request,
      { budgetClient: clientKey(this.config.auth.jwtSecret, request.ip), keepNames: true },
      async (tx, link) => {
        const c = await this.lockByCode(tx, code, true);
        const added = await link({
          organizationId: c.organizationId,
          caseTrack: COMPLAINT_TRACK,
          caseId: c.id,
          source: 'citizen',
          uploadedBy: null,
          isPublic: false,
        });
        await this.complaints.addEvent(tx, c, null, {
          type: ComplaintEventType.FilesAdded,
          isPublic: false,
          data: { count: added.length, source: 'citizen' },
        });
        return added;
      },
    );
    return rows.map((a) => publicAttachmentView(a, publicBase(code)));
  }

  async officerUpload(
    actor: Actor,
    id: string,
    isPublic: boolean,
    request: FastifyRequest,
  ): Promise<AttachmentView[]> {
    if (!this.access.mayWrite(actor)) throw new DomainError('FORBIDDEN');
    await this.queries.assertVisible(actor, id);
    const rows = await this.attachments.attach(
      request,
      { budgetClient: `officer:${actor.userId}`, keepNames: true },
      async (tx, link) => {
        const c = await this.access.loadForUpdate(tx, actor, id);
        const added = await link({
          organizationId: c.organizationId,
          caseTrack: COMPLAINT_TRACK,
          caseId: c.id,
          source: 'officer',
          uploadedBy: actor.userId,
          isPublic,
        });
        await this.complaints.addEvent(tx, c, actor, {
          type: ComplaintEventType.FilesAdded,
          isPublic: false,
          data: { count: added.length, source: 'officer', isPublic },
        });
        await this.audit.record(tx, actor, {
          action: 'complaint.attachments_added',
          entityType: 'complaint',
          entityId: c.id,
          after: { attachmentIds: added.map((a) => a.id), isPublic },
        });
        return added;
      },
    );
    return rows.map((a) => attachmentView(a, OFFICER_BASE));
  }

  async list(actor: Actor, id: string): Promise<AttachmentView[]> {
    await this.queries.assertVisible(actor, id);
    const rows = await this.attachments.list(COMPLAINT_TRACK, id);
    return rows.map((a) => attachmentView(a, OFFICER_BASE));
  }

  async setVisibility(actor: Actor, attachmentId: string, isPublic: boolean): Promise<AttachmentView> {
    if (!this.access.mayWrite(actor)) throw new DomainError('FORBIDDEN');
    const row = await this.db.transaction(async (tx) => {
      const { caseId } = await this.attachments.findById(tx, COMPLAINT_TRACK, attachmentId);
      const c = await this.access.loadForUpdate(tx, actor, caseId).catch(notFound);
      const a = await this.attachments.find(tx, COMPLAINT_TRACK, c.id, attachmentId);
      if (a.isPublic === isPublic) return a;
      await this.attachments.setPublic(tx, a, isPublic);
      await this.complaints.addEvent(tx, c, actor, {
        type: ComplaintEventType.FileVisibilityChanged,
        isPublic: false,
        data: { attachmentId, isPublic },
      });
      await this.audit.record(tx, actor, {
        action: isPublic ? 'complaint.attachment_published' : 'complaint.attachment_unpublished',
        entityType: 'complaint',
        entityId: c.id,
        before: { attachmentId, isPublic: !isPublic },
        after: { attachmentId, isPublic },
      });
      return a;
    });
    return attachmentView(row, OFFICER_BASE);
  }

  async officerDownload(
    actor: Actor,
    attachmentId: string,
    which: 'file' | 'thumbnail',
  ): Promise<OpenedFile> {
    const a = await this.attachments.findById(this.db.manager, COMPLAINT_TRACK, attachmentId);
    await this.queries.assertVisible(actor, a.caseId).catch(notFound);
    return this.attachments.open(a, which);
  }

  async publicList(code: string): Promise<PublicAttachmentView[]> {
    const c = await this.lockByCode(this.db.manager, code, false, false);
    const rows = await this.attachments.list(COMPLAINT_TRACK, c.id, true);
    return rows.map((a) => publicAttachmentView(a, publicBase(code)));
  }

  async publicDownload(code: string, attachmentId: string, which: 'file' | 'thumbnail'): Promise<OpenedFile> {
    const c = await this.lockByCode(this.db.manager, code, false, false);
    const a: Attachment = await this.attachments.find(
      this.db.manager,
      COMPLAINT_TRACK,
      c.id,
      attachmentId,
      true,
    );
    return this.attachments.open(a, which);
  }

  /** The complaint of a tracking code (locked in `tx` when `lock`); it must take files when `forUpload`. */
  private async lockByCode(
    tx: EntityManager,
    code: string,
    lock: boolean,
    forUpload = true,
  ): Promise<Complaint> {
    const normalized = normalizeTrackingCode(code);
    const c = normalized
      ? await tx.findOne(Complaint, {
          where: { trackingCodeHash: trackingCodeHash(normalized) },
          ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!c) throw new DomainError('TRACKING_CODE_NOT_FOUND');
    if (forUpload && !CITIZEN_UPLOAD_STATUSES.includes(c.status))
      throw new DomainError('ATTACHMENTS_NOT_OPEN', { status: c.status });
    return c;
  }
}
