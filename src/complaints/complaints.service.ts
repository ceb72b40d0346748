import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../audit/audit.service';
import { Actor, hasRole } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError, TransitionNotAllowed } from '../common/errors/domain-error';
import { normalizeReferenceNo, ReferenceNumberBlocks } from '../common/numbering/reference-numbers';
import { fiscalYearOf } from '../common/time/fiscal-year';
import { normalizeThaiPhone } from '../common/validation/validators';
import { AppConfig } from '../config/app-config';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { rowsOf } from '../infrastructure/database/insert-rows';
import { Creation, IdempotencyService } from '../infrastructure/idempotency/idempotency.service';
import { Organization } from '../organizations/entities/organization.entity';
import { Unit } from '../organizations/entities/unit.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { ComplaintCategory } from '../reference-data/entities/complaint-category.entity';
import { User } from '../users/entities/user.entity';
import { Role } from '../users/roles';
import { ComplaintChannel } from './channels';
import { ComplaintCategories } from './complaint-categories';
import { ComplaintNotices } from './complaint-notices';
import { COMPLAINT_TRACK } from './complaint-track';
import { SubmissionKind } from './submission-kinds';
import {
  allowedActions,
  ANSWERED_STATUSES,
  checkTransition,
  ComplaintAction,
  ComplaintStatus,
  STATUS_LABELS,
  transitionFor,
} from './complaint-workflow';
import { ComplaintAccess } from './complaint-access';
import {
  AssignDto,
  ComplainantAnswerDto,
  ComplainantAnswerReceipt,
  FeedbackDto,
  ExtendDeadlineDto,
  MarkDuplicateDto,
  NoteDto,
  OptionalNoteDto,
  PublicMessageDto,
  ReferDto,
  RejectDto,
  ReopenDto,
} from './dto/complaint-actions.dto';
import { ComplaintReceipt, RegisterComplaintDto, SubmitComplaintDto } from './dto/submit-complaint.dto';
import { Complaint } from './entities/complaint.entity';
import { ComplaintEvent, ComplaintEventType } from './entities/complaint-event.entity';
import { generateTrackingCode, trackingCodeHash, normalizeTrackingCode } from './tracking-code';

interface Intake {
  organization: Organization;
  category: ComplaintCategory;
  dto: SubmitComplaintDto;
  channel: ComplaintChannel;
  receivedAt: Date;
  registeredBy: Actor | null;
}

/** What a history row records. */
type EventFacts = Pick<ComplaintEvent, 'type' | 'isPublic'> &
  Partial<Pick<ComplaintEvent, 'action' | 'fromStatus' | 'toStatus' | 'message' | 'data'>>;

/** Per-action input, by action. */
export type ActionInput =
  | {
      action: ComplaintAction.Accept | ComplaintAction.Start | ComplaintAction.Resume | ComplaintAction.Close;
      dto: OptionalNoteDto;
    }
  | { action: ComplaintAction.Reject; dto: RejectDto }
  | { action: ComplaintAction.Refer; dto: ReferDto }
  | { action: ComplaintAction.MarkDuplicate; dto: MarkDuplicateDto }
  | { action: ComplaintAction.Assign; dto: AssignDto }
  | { action: ComplaintAction.RequestInfo | ComplaintAction.Resolve; dto: PublicMessageDto }
  | { action: ComplaintAction.Reopen; dto: ReopenDto };

/**
 * General complaints: intake (web and offline channels) and every step of the workflow. Each step is
 * one transaction writing the case, its event and the audit entry, and the messages it causes
 * (outbox); deadline jobs are rescheduled after the commit.
 */
@Injectable()
export class ComplaintsService {
  private readonly logger = new Logger(ComplaintsService.name);
  private readonly referenceNumbers = new ReferenceNumberBlocks();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly idempotency: IdempotencyService,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditService,
    private readonly access: ComplaintAccess,
    private readonly notices: ComplaintNotices,
    private readonly categories: ComplaintCategories,
  ) {}

  /** A citizen files a complaint through the public web form. */
  async submitOnline(
    orgSlug: string,
    dto: SubmitComplaintDto,
    idempotencyKey?: string,
  ): Promise<ComplaintReceipt> {
    const organization = await this.organizations.bySlug(orgSlug);
    const receivedAt = this.clock.now();
    const category = await this.categories.byCode(organization.id, dto.categoryCode);
    const receipt = await this.file(
      { organization, category, dto, channel: ComplaintChannel.Web, receivedAt, registeredBy: null },
      idempotencyKey,
    );
    return this.publicReceipt(receipt);
  }

  /** An officer registers a complaint received by phone, letter, in person, … */
  async registerOffline(
    actor: Actor,
    dto: RegisterComplaintDto,
    idempotencyKey?: string,
  ): Promise<ComplaintReceipt> {
    const receivedAt = new Date(dto.receivedAt);
    if (receivedAt.getTime() > this.clock.now().getTime() + 60_000) {
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'receivedAt', rule: 'notInFuture', message: 'receivedAt cannot be in the future' },
      ]);
    }
    const maxDaysBack = this.config.complaints.intakeMaxDaysBack;
    if (receivedAt.getTime() < this.clock.now().getTime() - maxDaysBack * 86_400_000) {
      throw new DomainError('VALIDATION_FAILED', [
        {
          field: 'receivedAt',
          rule: 'notTooOld',
          message: `receivedAt may be at most ${maxDaysBack} days ago`,
          messageTh: `วันที่รับเรื่องย้อนหลังได้ไม่เกิน ${maxDaysBack} วัน`,
        },
      ]);
    }
    const organization = await this.organizations.byId(actor.organizationId);
    const { channel, receivedAt: _r, ...rest } = dto;
    const category = await this.categories.byCode(organization.id, dto.categoryCode);
    return this.file(
      { organization, category, dto: rest as SubmitComplaintDto, channel, receivedAt, registeredBy: actor },
      idempotencyKey,
      dto,
    );
  }

  /**
   * Both intake paths: numbered, then the complaint, its first event, its deadline, the messages it
   * causes (and the audit entry of an officer) written in one statement, once per Idempotency-Key.
   * The worker sets the deadline's timers (see DeadlinesService.planClock).
   */
  private file(input: Intake, idempotencyKey?: string, body: unknown = input.dto): Promise<ComplaintReceipt> {
    return this.idempotency.create<ComplaintReceipt, string>(
      `complaint:${input.organization.id}`,
      idempotencyKey,
      body,
      {
        prepare: (session) => this.takeReferenceNumber(session, input.organization.id, input.receivedAt),
        plan: (referenceNo, session) => this.intake(session, input, referenceNo),
      },
    );
  }

  /**
   * The next number of the organisation's register for the fiscal year of receipt, from that
   * register's sequence, in blocks while filings are busy (ReferenceNumberBlocks): concurrent
   * submissions never wait for one another's number. A submission that fails afterwards leaves a gap
   * in the numbers; numbers never repeat.
   */
  private async takeReferenceNumber(
    session: EntityManager,
    organizationId: string,
    receivedAt: Date,
  ): Promise<string> {
    const fiscalYear = fiscalYearOf(receivedAt, this.config.app.timeZone);
    const sequence = await this.referenceNumbers.take(session, organizationId, COMPLAINT_TRACK, fiscalYear);
    return `${fiscalYear}/${String(sequence).padStart(6, '0')}`;
  }

  /** Plans the rows of a new complaint; reads (cached reference data, the unit's officers) through `session`. */
  private async intake(
    session: EntityManager,
    input: Intake,
    referenceNo: string,
  ): Promise<Creation<ComplaintReceipt>> {
    const { organization, dto, category } = input;
    const trackingCode = generateTrackingCode();
    const contact = dto.complainant ?? {};
    const complaint = session.create(Complaint, {
      id: randomUUID(),
      organizationId: organization.id,
      referenceNo,
      fiscalYear: fiscalYearOf(input.receivedAt, this.config.app.timeZone),
      trackingCodeHash: trackingCodeHash(normalizeTrackingCode(trackingCode)!),
      categoryId: category.id,
      channel: input.channel,
      kind: dto.kind ?? SubmissionKind.Complaint,
      status: ComplaintStatus.Received,
      // routed to the category's unit; screening confirms it with `assign`
      unitId: category.defaultUnitId,
      assigneeId: null,
      subject: dto.subject,
      description: dto.description,
      locationAddress: dto.location?.address ?? null,
      locationVillage: dto.location?.village ?? null,
      latitude: dto.location?.lat ?? null,
      longitude: dto.location?.lng ?? null,
      complainantName: contact.name ?? null,
      complainantPhone: contact.phone ? normalizeThaiPhone(contact.phone) : null,
      complainantEmail: contact.email?.toLowerCase() ?? null,
      consentToContact: contact.consentToContact === true,
      receivedAt: input.receivedAt,
      registeredById: input.registeredBy?.userId ?? null,
    });
    const received = this.event(complaint, input.registeredBy, {
      type: ComplaintEventType.Received,
      toStatus: ComplaintStatus.Received,
      isPublic: true,
      data: { channel: input.channel },
    });
    const clock = await this.deadlines.planClock(
      {
        track: COMPLAINT_TRACK,
        caseId: complaint.id,
        organizationId: organization.id,
        receivedAt: input.receivedAt,
      },
      session,
    );
    const audit = input.registeredBy
      ? [
          this.audit.entry(input.registeredBy, {
            action: 'complaint.register',
            entityType: 'complaint',
            entityId: complaint.id,
            after: {
              channel: input.channel,
              categoryCode: category.code,
              receivedAt: input.receivedAt.toISOString(),
            },
          }),
        ]
      : [];
    const trackingUrl = this.trackingUrl(trackingCode);
    const unit = complaint.unitId
      ? await this.organizations.unit(organization.id, complaint.unitId, session)
      : null;
    const messages = await this.notices.received(session, organization, complaint, unit, category, {
      trackingCode,
      trackingUrl,
      dueDate: clock.view.currentDueDate,
    });
    return {
      rows: [
        rowsOf(Complaint, [complaint]),
        rowsOf(ComplaintEvent, [received]),
        clock.rows,
        ...audit,
        messages,
      ],
      result: {
        id: complaint.id,
        kind: complaint.kind,
        referenceNo,
        trackingCode,
        trackingUrl,
        status: complaint.status,
        statusLabel: STATUS_LABELS[complaint.status],
        receivedAt: input.receivedAt.toISOString(),
        dueDate: clock.view.currentDueDate,
      },
    };
  }

  /** Applies one workflow action as one transaction. */
  async perform(actor: Actor, id: string, input: ActionInput): Promise<Complaint> {
    const complaint = await this.db.transaction(async (tx) => {
      const c = await this.access.loadForUpdate(tx, actor, id);
      const transition = transitionFor(input.action);
      const check = checkTransition(c.status, input.action, actor.roles);
      if (!check.ok && check.reason === 'not_from_this_status') {
        throw new TransitionNotAllowed(c.status, input.action, allowedActions(c.status, actor.roles), {
          statusLabel: STATUS_LABELS[c.status],
          updatedAt: c.updatedAt,
        });
      }
      if (!check.ok || (transition.unitScoped && !this.access.mayActOnUnit(actor, c))) {
        throw new DomainError('FORBIDDEN');
      }
      const before = this.snapshot(c);
      const from = c.status;
      c.status = transition.to;
      const now = this.clock.now();
      const effect = await this.applyEffects(tx, actor, c, input, now);
      await tx.save(c);
      await this.addEvent(tx, c, actor, {
        type: ComplaintEventType.StatusChanged,
        action: input.action,
        fromStatus: from,
        toStatus: c.status,
        isPublic: effect.publicMessage !== undefined || from !== c.status,
        message: effect.publicMessage ?? null,
        data: effect.data ?? null,
      });
      await this.audit.record(tx, actor, {
        action: `complaint.${input.action}`,
        entityType: 'complaint',
        entityId: c.id,
        before,
        after: { ...this.snapshot(c), ...(effect.data ?? {}) },
      });
      await this.notices.afterAction(tx, c, input.action, effect.publicMessage);
      return c;
    });
    await this.afterCommit(complaint.id);
    return complaint;
  }

  private async applyEffects(
    tx: EntityManager,
    actor: Actor,
    c: Complaint,
    input: ActionInput,
    now: Date,
  ): Promise<{ publicMessage?: string; data?: Record<string, unknown> }> {
    switch (input.action) {
      case ComplaintAction.Accept:
      case ComplaintAction.Start:
      case ComplaintAction.Close:
        if (input.action === ComplaintAction.Close) c.closedAt = now;
        return { data: input.dto.note ? { note: input.dto.note } : undefined };
      case ComplaintAction.Resume:
        await this.deadlines.resume(tx, COMPLAINT_TRACK, c.id, now);
        return { data: input.dto.note ? { note: input.dto.note } : undefined };
      case ComplaintAction.Reject:
        await this.answer(tx, c, now);
        return { publicMessage: input.dto.message, data: { reasonCode: input.dto.reasonCode } };
      case ComplaintAction.Refer: {
        await this.answer(tx, c, now);
        const d = input.dto;
        return {
          publicMessage:
            d.message ??
            `ส่งเรื่องต่อให้ ${d.agency} เมื่อวันที่ ${d.referredOn} / Referred to ${d.agency} on ${d.referredOn}`,
          data: { agency: d.agency, referredOn: d.referredOn, letterNo: d.letterNo ?? null },
        };
      }
      case ComplaintAction.MarkDuplicate: {
        const { duplicateOfId, duplicateOfReference } = input.dto;
        const primary = await tx.findOneBy(
          Complaint,
          duplicateOfId
            ? { id: duplicateOfId, organizationId: c.organizationId }
            : {
                referenceNo: normalizeReferenceNo(duplicateOfReference ?? '') ?? '',
                organizationId: c.organizationId,
              },
        );
        const field = duplicateOfId ? 'duplicateOfId' : 'duplicateOfReference';
        if (!primary) throw new DomainError('DUPLICATE_TARGET_NOT_FOUND', { field });
        if (primary.id === c.id || primary.status === ComplaintStatus.Duplicate) {
          throw new DomainError('DUPLICATE_TARGET_INVALID', {
            field,
            reason: primary.id === c.id ? 'same_complaint' : 'target_is_duplicate',
            referenceNo: primary.referenceNo,
          });
        }
        c.duplicateOfId = primary.id;
        await this.answer(tx, c, now);
        return {
          publicMessage: `เรื่องนี้ซ้ำกับเรื่องเลขที่ ${primary.referenceNo} ซึ่งอยู่ระหว่างดำเนินการ / Same as complaint ${primary.referenceNo}, which is being handled`,
          data: { duplicateOf: primary.referenceNo },
        };
      }
      case ComplaintAction.Assign:
        await this.assign(tx, actor, c, input.dto);
        return { data: { unitId: c.unitId, assigneeId: c.assigneeId, note: input.dto.note ?? null } };
      case ComplaintAction.RequestInfo:
        await this.deadlines.pause(tx, COMPLAINT_TRACK, c.id, now);
        await this.deadlines.markFirstResponse(tx, COMPLAINT_TRACK, c.id, now);
        return { publicMessage: input.dto.message };
      case ComplaintAction.Resolve:
        c.resultMessage = input.dto.message;
        c.resolvedAt = now;
        await this.answer(tx, c, now);
        return { publicMessage: input.dto.message };
      case ComplaintAction.Reopen:
        c.reopenCount += 1;
        c.closedAt = null;
        return { publicMessage: input.dto.reason, data: { reopenCount: c.reopenCount } };
    }
  }

  /** The complainant got an answer: the response clock stops and its outcome is frozen. */
  private async answer(tx: EntityManager, c: Complaint, now: Date): Promise<void> {
    await this.deadlines.markFirstResponse(tx, COMPLAINT_TRACK, c.id, now);
    await this.deadlines.recordResult(tx, COMPLAINT_TRACK, c.id, now);
  }

  private async assign(tx: EntityManager, actor: Actor, c: Complaint, dto: AssignDto): Promise<void> {
    const unit = await tx.findOneBy(Unit, {
      id: dto.unitId,
      organizationId: c.organizationId,
      isActive: true,
    });
    if (!unit) {
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'unitId', rule: 'knownUnit', message: 'unitId is not a unit of this organisation' },
      ]);
    }
    // A unit head distributes work inside their own unit; screening staff route anywhere.
    if (!hasRole(actor, Role.Intake, Role.Supervisor) && unit.id !== actor.unitId)
      throw new DomainError('FORBIDDEN');
    if (dto.assigneeId) {
      const assignee = await tx.findOneBy(User, {
        id: dto.assigneeId,
        organizationId: c.organizationId,
        isActive: true,
      });
      if (
        !assignee ||
        assignee.unitId !== unit.id ||
        !assignee.roles.some((r) => r === Role.Officer || r === Role.UnitHead)
      ) {
        throw new DomainError('VALIDATION_FAILED', [
          {
            field: 'assigneeId',
            rule: 'officerOfUnit',
            message: 'assigneeId must be an active officer of that unit',
          },
        ]);
      }
    }
    c.unitId = unit.id;
    c.assigneeId = dto.assigneeId ?? null;
  }

  /** A public reply (the complainant reads it) or an internal note. */
  async addNote(actor: Actor, id: string, dto: NoteDto): Promise<void> {
    await this.db.transaction(async (tx) => {
      const c = await this.access.loadForUpdate(tx, actor, id);
      // Executives and administrators only read: they may neither note nor publish, whatever their unit.
      if (!this.access.mayWrite(actor) || (dto.isPublic && !this.access.mayActOnUnit(actor, c))) {
        throw new DomainError('FORBIDDEN');
      }
      await this.addEvent(tx, c, actor, {
        type: dto.isPublic ? ComplaintEventType.PublicReply : ComplaintEventType.InternalNote,
        isPublic: dto.isPublic,
        message: dto.message,
      });
      await this.audit.record(tx, actor, {
        action: dto.isPublic ? 'complaint.public_reply' : 'complaint.internal_note',
        entityType: 'complaint',
        entityId: c.id,
      });
      if (dto.isPublic) {
        await this.deadlines.markFirstResponse(tx, COMPLAINT_TRACK, c.id, this.clock.now());
        await this.notices.publicReply(tx, c, dto.message);
      }
    });
    await this.afterCommit(id);
  }

  /** The explanation required when a case cannot be finished in time: a reason and a new due date. */
  async extendDeadline(actor: Actor, id: string, dto: ExtendDeadlineDto): Promise<void> {
    await this.db.transaction(async (tx) => {
      const c = await this.access.loadForUpdate(tx, actor, id);
      if (
        !hasRole(actor, Role.Officer, Role.UnitHead, Role.Supervisor) ||
        !this.access.mayActOnUnit(actor, c)
      ) {
        throw new DomainError('FORBIDDEN');
      }
      if (ANSWERED_STATUSES.has(c.status)) {
        throw new TransitionNotAllowed(c.status, 'extend', allowedActions(c.status, actor.roles), {
          statusLabel: STATUS_LABELS[c.status],
          updatedAt: c.updatedAt,
        });
      }
      const before = await this.deadlines.get(COMPLAINT_TRACK, c.id, tx);
      const after = await this.deadlines.extend(tx, actor, COMPLAINT_TRACK, c.id, dto);
      await this.addEvent(tx, c, actor, {
        type: ComplaintEventType.DeadlineExtended,
        isPublic: true,
        message: dto.reason,
        data: { previousDueDate: before?.currentDueDate ?? null, newDueDate: after.currentDueDate },
      });
      await this.audit.record(tx, actor, {
        action: 'complaint.extend_deadline',
        entityType: 'complaint',
        entityId: c.id,
        before: { dueDate: before?.currentDueDate ?? null },
        after: { dueDate: after.currentDueDate, reason: dto.reason },
      });
      await this.notices.extended(tx, c, dto.reason, before?.currentDueDate ?? null, after.currentDueDate);
    });
    await this.afterCommit(id);
  }

  /**
   * The complainant answers a request for information online, with the tracking code. The answer is
   * a public history entry ("you answered"; officers read it on the case), the officers are told
   * through the outbox, and when the organisation's answerResumesClock is on (the default) the case
   * goes back to in progress and the deadline clock runs again, as if an officer had resumed it. The
   * setting is read in the transaction, not from the organisation cache, so a change applies at once.
   */
  async answerRequest(code: string, dto: ComplainantAnswerDto): Promise<ComplainantAnswerReceipt> {
    const normalized = normalizeTrackingCode(code);
    const now = this.clock.now();
    const result = await this.db.transaction(async (tx) => {
      const c = await this.byTrackingCodeForUpdate(tx, normalized);
      if (c.status !== ComplaintStatus.AwaitingInfo) throw new DomainError('ANSWER_NOT_EXPECTED');
      const org = await tx.findOneOrFail(Organization, {
        where: { id: c.organizationId },
        select: { id: true, answerResumesClock: true },
      });
      await this.addEvent(tx, c, null, {
        type: ComplaintEventType.ComplainantAnswer,
        isPublic: true,
        message: dto.message,
      });
      const clockResumed = org.answerResumesClock;
      if (clockResumed) {
        c.status = transitionFor(ComplaintAction.Resume).to;
        await this.deadlines.resume(tx, COMPLAINT_TRACK, c.id, now);
        await tx.save(c);
        await this.addEvent(tx, c, null, {
          type: ComplaintEventType.StatusChanged,
          action: ComplaintAction.Resume,
          fromStatus: ComplaintStatus.AwaitingInfo,
          toStatus: c.status,
          isPublic: true,
          data: { automatic: true, after: 'complainant_answer' },
        });
      }
      await this.audit.record(tx, null, {
        action: 'complaint.complainant_answer',
        entityType: 'complaint',
        entityId: c.id,
        before: { status: ComplaintStatus.AwaitingInfo },
        after: { status: c.status, clockResumed },
      });
      await this.notices.complainantAnswered(tx, c, clockResumed);
      return { id: c.id, status: c.status, clockResumed };
    });
    await this.afterCommit(result.id);
    return {
      answeredAt: now.toISOString(),
      status: result.status,
      statusLabel: STATUS_LABELS[result.status],
      clockResumed: result.clockResumed,
    };
  }

  /** The complaint of a tracking code, locked; TRACKING_CODE_NOT_FOUND for an unknown or malformed one. */
  private async byTrackingCodeForUpdate(tx: EntityManager, normalized: string | null): Promise<Complaint> {
    const c = normalized
      ? await tx.findOne(Complaint, {
          where: { trackingCodeHash: trackingCodeHash(normalized) },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!c) throw new DomainError('TRACKING_CODE_NOT_FOUND');
    return c;
  }

  /** The complainant rates the service once the case has a result; accepted once. */
  async giveFeedback(code: string, dto: FeedbackDto): Promise<void> {
    const normalized = normalizeTrackingCode(code);
    await this.db.transaction(async (tx) => {
      const c = await this.byTrackingCodeForUpdate(tx, normalized);
      if (c.status !== ComplaintStatus.Resolved && c.status !== ComplaintStatus.Closed)
        throw new DomainError('FEEDBACK_NOT_OPEN');
      if (c.ratedAt) throw new DomainError('FEEDBACK_ALREADY_GIVEN');
      c.rating = dto.rating;
      c.ratingComment = dto.comment ?? null;
      c.ratedAt = this.clock.now();
      await tx.save(c);
      await this.addEvent(tx, c, null, {
        type: ComplaintEventType.Feedback,
        isPublic: false,
        data: { rating: dto.rating, hasComment: Boolean(dto.comment) },
      });
    });
  }

  /** Closes resolved cases nobody reopened within the organisation's period (a system action). */
  async closeQuietCases(olderThanDays: number): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanDays * 86_400_000);
    const ids: { id: string }[] = await this.db.query(
      `SELECT id FROM complaints WHERE status = $1 AND resolved_at < $2 ORDER BY resolved_at LIMIT 1000`,
      [ComplaintStatus.Resolved, cutoff],
    );
    for (const { id } of ids) {
      await this.db.transaction(async (tx) => {
        const c = await tx.findOne(Complaint, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!c || c.status !== ComplaintStatus.Resolved) return;
        c.status = ComplaintStatus.Closed;
        c.closedAt = this.clock.now();
        await tx.save(c);
        await this.addEvent(tx, c, null, {
          type: ComplaintEventType.StatusChanged,
          action: ComplaintAction.Close,
          fromStatus: ComplaintStatus.Resolved,
          toStatus: ComplaintStatus.Closed,
          isPublic: true,
          data: { automatic: true, afterDays: olderThanDays },
        });
        await this.audit.record(tx, null, {
          action: 'complaint.auto_close',
          entityType: 'complaint',
          entityId: c.id,
          before: { status: 'resolved' },
          after: { status: 'closed' },
        });
        await this.notices.afterAction(tx, c, ComplaintAction.Close, undefined);
      });
    }
    return ids.length;
  }

  async addEvent(tx: EntityManager, c: Complaint, actor: Actor | null, e: EventFacts): Promise<void> {
    await tx.insert(ComplaintEvent, this.event(c, actor, e));
  }

  /** A history row of `c`, not yet written. */
  private event(c: Complaint, actor: Actor | null, e: EventFacts): QueryDeepPartialEntity<ComplaintEvent> {
    return {
      complaintId: c.id,
      organizationId: c.organizationId,
      actorUserId: actor?.userId ?? null,
      action: e.action ?? null,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      isPublic: e.isPublic,
      message: e.message ?? null,
      type: e.type,
      // typed jsonb
      data: (e.data ?? null) as never,
    };
  }

  private async afterCommit(id: string): Promise<void> {
    await this.deadlines.reschedule(COMPLAINT_TRACK, id);
  }

  private trackingUrl(code: string): string {
    return `${this.config.app.publicBaseUrl}/track/${code}`;
  }

  private snapshot(c: Complaint): Record<string, unknown> {
    return {
      status: c.status,
      unitId: c.unitId,
      assigneeId: c.assigneeId,
      duplicateOfId: c.duplicateOfId,
      reopenCount: c.reopenCount,
    };
  }

  /** The citizen's copy of the receipt: no internal id. */
  private publicReceipt(receipt: ComplaintReceipt): ComplaintReceipt {
    const { id: _id, ...rest } = receipt;
    return rest as ComplaintReceipt;
  }
}
