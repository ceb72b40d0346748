import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { civilDate } from '../common/time/fiscal-year';
import { AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { normalizeReferenceNo } from '../common/numbering/reference-numbers';
import { normalizeThaiPhone } from '../common/validation/validators';
import { DeadlineMode } from '../deadlines/day-counting';
import { Unit } from '../organizations/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { ComplaintCategory } from '../reference-data/entities/complaint-category.entity';
import { ComplaintCategories } from './complaint-categories';
import { ComplaintAccess } from './complaint-access';
import {
  ACTION_LABELS,
  allowedActions,
  ComplaintAction,
  ComplaintStatus,
  STATUS_LABELS,
  transitionFor,
} from './complaint-workflow';
import { COMPLAINT_TRACK } from './complaint-track';
import {
  ComplaintDetailView,
  ComplaintPage,
  ComplaintSummary,
  ListComplaintsQuery,
  TimelineEntry,
  TrackingView,
} from './dto/complaint-views.dto';
import { Complaint } from './entities/complaint.entity';
import { ComplaintEvent, ComplaintEventType } from './entities/complaint-event.entity';
import { normalizeTrackingCode, trackingCodeHash } from './tracking-code';
import { categoryDescriptionTh, NEUTRAL_CATEGORY_CODE, publicCategoryOrder } from './category-descriptions';
import { SUBMISSION_KIND_LABELS, SubmissionKind } from './submission-kinds';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Words for public timeline entries that carry no status of their own. */
const EVENT_LABELS: Partial<Record<string, { th: string; en: string }>> = {
  [ComplaintEventType.ComplainantAnswer]: { th: 'ท่านได้ส่งข้อมูลเพิ่มเติมแล้ว', en: 'You answered' },
};

/** A public event as the tracking statement returns it (json). */
interface TimelineRow {
  at: string;
  type: string;
  toStatus: string | null;
  message: string | null;
}

/** The tracking statement's one row; reference_no is null for an unknown code. */
interface TrackedRow {
  reference_no: string | null;
  kind: SubmissionKind;
  received_at: Date;
  rated_at: Date | null;
  own_status: string;
  shown_received_at: Date;
  status: string;
  category_th: string;
  category_en: string;
  due_date: string | null;
  extended: boolean | null;
  timeline: TimelineRow[];
}
const SORTS: Record<string, [string, 'ASC' | 'DESC']> = {
  receivedAt: ['c.received_at', 'ASC'],
  '-receivedAt': ['c.received_at', 'DESC'],
  dueDate: ['d.current_due_date', 'ASC'],
  '-dueDate': ['d.current_due_date', 'DESC'],
  referenceNo: ['c.reference_no', 'ASC'],
  '-referenceNo': ['c.reference_no', 'DESC'],
};

interface SearchKeys {
  pattern: string;
  referenceNo?: string;
  phone?: string;
  trackingCodeHash?: string;
}

/**
 * What an officer's search box may hold: words of the subject or description, a reference number
 * (2570/000001, or 2570/1), a complainant's phone number in any usual spelling, or a tracking code.
 */
export function searchKeys(text: string): SearchKeys {
  // ILIKE over the same expression as the trigram index, so the index serves it.
  const keys: SearchKeys = { pattern: `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` };
  const referenceNo = normalizeReferenceNo(text);
  if (referenceNo) keys.referenceNo = referenceNo;
  const phone = normalizeThaiPhone(text.replace(/[().]/g, ''));
  if (phone) keys.phone = phone;
  const code = normalizeTrackingCode(text);
  if (code) keys.trackingCodeHash = trackingCodeHash(code);
  return keys;
}

/** Reading complaints: officers' lists and detail, and the complainant's tracking page. */
@Injectable()
export class ComplaintQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly access: ComplaintAccess,
    private readonly deadlines: DeadlinesService,
    private readonly organizations: OrganizationsService,
    private readonly categoryList: ComplaintCategories,
    private readonly audit: AuditService,
  ) {}

  async categories(orgSlug: string) {
    const org = await this.organizations.bySlug(orgSlug);
    const rows = await this.categoryList.active(org.id);
    return publicCategoryOrder(rows).map((c) => ({
      code: c.code,
      nameTh: c.nameTh,
      nameEn: c.nameEn,
      descriptionTh: categoryDescriptionTh(c),
      neutral: c.code === NEUTRAL_CATEGORY_CODE,
    }));
  }

  async list(actor: Actor, q: ListComplaintsQuery): Promise<ComplaintPage> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const today = civilDate(this.clock.now(), this.config.app.timeZone);
    const qb = this.db
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .innerJoin(ComplaintCategory, 'cat', 'cat.id = c.category_id')
      .leftJoin('case_deadlines', 'd', `d.track = '${COMPLAINT_TRACK}' AND d.case_id = c.id`)
      .leftJoin(Unit, 'u', 'u.id = c.unit_id')
      .leftJoin(User, 'a', 'a.id = c.assignee_id')
      .select([
        'c.id AS id',
        'c.reference_no AS "referenceNo"',
        'c.subject AS subject',
        'cat.code AS "categoryCode"',
        'c.kind AS kind',
        'cat.name_th AS "categoryNameTh"',
        'c.channel AS channel',
        'c.status AS status',
        'c.unit_id AS "unitId"',
        'u.name_th AS "unitNameTh"',
        'c.assignee_id AS "assigneeId"',
        'a.display_name AS "assigneeName"',
        'c.received_at AS "receivedAt"',
        'to_char(d.current_due_date, \'YYYY-MM-DD\') AS "dueDate"',
        'd.mode AS mode',
        'd.result_at AS "resultAt"',
      ]);
    this.access.restrict(qb, actor);
    if (q.status?.length) qb.andWhere('c.status IN (:...status)', { status: q.status });
    if (q.kind) qb.andWhere('c.kind = :kind', { kind: q.kind });
    if (q.unitId) qb.andWhere('c.unit_id = :unitId', { unitId: q.unitId });
    if (q.categoryCode) qb.andWhere('cat.code = :categoryCode', { categoryCode: q.categoryCode });
    if (q.channel) qb.andWhere('c.channel = :channel', { channel: q.channel });
    if (q.assigneeId) qb.andWhere('c.assignee_id = :assigneeId', { assigneeId: q.assigneeId });
    if (q.mine) {
      qb.andWhere('(c.assignee_id = :me OR c.unit_id = :myUnit)', {
        me: actor.userId,
        myUnit: actor.unitId ?? NO_ID,
      });
    }
    if (q.overdue) qb.andWhere('d.result_at IS NULL AND d.current_due_date < :today', { today });
    if (q.dueWithinDays !== undefined) {
      qb.andWhere(
        `d.result_at IS NULL AND d.current_due_date BETWEEN :today AND (:today::date + :within::int)`,
        {
          today,
          within: q.dueWithinDays,
        },
      );
    }
    const zone = this.config.app.timeZone;
    if (q.receivedFrom)
      qb.andWhere(`c.received_at >= (:from::date)::timestamp AT TIME ZONE '${zone}'`, {
        from: q.receivedFrom.slice(0, 10),
      });
    if (q.receivedTo)
      qb.andWhere(`c.received_at < ((:to::date + 1)::timestamp AT TIME ZONE '${zone}')`, {
        to: q.receivedTo.slice(0, 10),
      });
    const search = q.q?.trim() ? searchKeys(q.q.trim()) : null;
    if (search) {
      const terms = [`(c.subject || ' ' || c.description) ILIKE :pattern`];
      if (search.referenceNo) terms.push('c.reference_no = :referenceNo');
      if (search.phone) terms.push('c.complainant_phone = :phone');
      if (search.trackingCodeHash) terms.push('c.tracking_code_hash = :trackingCodeHash');
      qb.andWhere(`(${terms.join(' OR ')})`, search);
    }
    const [column, direction] = SORTS[q.sort ?? '-receivedAt'];
    qb.orderBy(column, direction, 'NULLS LAST').addOrderBy('c.id', 'ASC');
    const count = await qb.clone().select('count(*)', 'n').orderBy().getRawOne<{ n: string }>();
    const rows = await qb
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawMany<
        Omit<ComplaintSummary, 'daysLeft' | 'daysOverdue' | 'deadlineState'> & {
          resultAt: Date | null;
          receivedAt: Date;
          mode: DeadlineMode | null;
        }
      >();
    const distances = await this.deadlines.distances(
      actor.organizationId,
      rows.map((r) => ({ dueDate: r.dueDate, mode: r.mode, answered: r.resultAt !== null })),
    );
    const total = Number(count?.n ?? 0);
    if (search?.phone || search?.trackingCodeHash) await this.auditSearch(actor, search, total);
    return {
      items: rows.map(({ resultAt, mode: _mode, ...r }, i) => ({
        ...r,
        receivedAt: new Date(r.receivedAt).toISOString(),
        deadlineState: this.deadlineState(r.dueDate, resultAt, today),
        ...distances[i],
      })),
      total,
      page,
      pageSize,
    };
  }

  /** A search that could read contact data: who searched with which kind of key (never the key). */
  private async auditSearch(actor: Actor, search: SearchKeys, matches: number): Promise<void> {
    await this.audit.record(this.db.manager, actor, {
      action: 'complaint.search',
      entityType: 'complaint',
      entityId: actor.organizationId,
      after: {
        keyKinds: [search.phone ? 'phone' : null, search.trackingCodeHash ? 'tracking_code' : null].filter(
          (k) => k !== null,
        ),
        matches,
      },
    });
  }

  private deadlineState(dueDate: string | null, resultAt: Date | null, today: string): string | null {
    if (!dueDate) return null;
    if (resultAt) return 'answered';
    return dueDate < today ? 'overdue' : 'open';
  }

  /** COMPLAINT_NOT_FOUND unless the actor may see the case (one indexed look-up). */
  async assertVisible(actor: Actor, id: string): Promise<void> {
    const qb = this.db
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .select('c.id')
      .where('c.id = :id', { id });
    if (!(await this.access.restrict(qb, actor).getExists())) throw new DomainError('COMPLAINT_NOT_FOUND');
  }

  /** Everything an officer sees of one case, with its full history and the actions open to them. */
  async detail(actor: Actor, id: string): Promise<ComplaintDetailView> {
    const qb = this.db.getRepository(Complaint).createQueryBuilder('c').where('c.id = :id', { id });
    const c = await this.access.restrict(qb, actor).getOne();
    if (!c) throw new DomainError('COMPLAINT_NOT_FOUND');
    const [category, events, deadline, unit, duplicateOf] = await Promise.all([
      this.db.getRepository(ComplaintCategory).findOneByOrFail({ id: c.categoryId }),
      this.db.getRepository(ComplaintEvent).find({ where: { complaintId: c.id }, order: { id: 'ASC' } }),
      this.deadlines.get(COMPLAINT_TRACK, c.id),
      c.unitId ? this.organizations.unit(c.organizationId, c.unitId) : null,
      c.duplicateOfId
        ? this.db
            .getRepository(Complaint)
            .findOne({ select: { id: true, referenceNo: true }, where: { id: c.duplicateOfId } })
        : null,
    ]);
    const people = new Set([c.assigneeId, c.registeredById, ...events.map((e) => e.actorUserId)]);
    people.delete(null);
    const names = new Map(
      (
        await this.db.getRepository(User).find({
          select: { id: true, displayName: true },
          where: { id: In([...people] as string[]), organizationId: c.organizationId },
        })
      ).map((u) => [u.id, u.displayName]),
    );
    const [distance] = await this.deadlines.distances(c.organizationId, [
      {
        dueDate: deadline?.currentDueDate ?? null,
        mode: deadline?.mode ?? null,
        answered: deadline?.resultAt != null,
      },
    ]);
    return {
      ...c,
      statusLabel: STATUS_LABELS[c.status],
      category: { code: category.code, nameTh: category.nameTh, nameEn: category.nameEn },
      unit: unit ? { id: unit.id, nameTh: unit.nameTh, nameEn: unit.nameEn } : null,
      assignee: c.assigneeId ? { id: c.assigneeId, displayName: names.get(c.assigneeId) ?? '' } : null,
      duplicateOf: duplicateOf ? { id: duplicateOf.id, referenceNo: duplicateOf.referenceNo } : null,
      deadline,
      ...distance,
      allowedActions: this.allowedFor(actor, c),
      history: events.map((e) => ({
        ...e,
        actorName: e.actorUserId ? (names.get(e.actorUserId) ?? null) : null,
        actionLabel:
          e.action && e.action in ACTION_LABELS ? ACTION_LABELS[e.action as ComplaintAction] : null,
        note: typeof e.data?.note === 'string' ? e.data.note : null,
      })),
    };
  }

  /** The workflow's actions from this status that this officer may take on this case (roles and unit). */
  allowedFor(actor: Actor, c: Complaint): ComplaintAction[] {
    if (!this.access.mayWrite(actor)) return [];
    return allowedActions(c.status, actor.roles).filter(
      (action) => !transitionFor(action).unitScoped || this.access.mayActOnUnit(actor, c),
    );
  }

  /** The complainant's view by tracking code: status and public timeline, never personal data or notes. */
  async track(code: string): Promise<TrackingView> {
    const normalized = normalizeTrackingCode(code);
    // One statement that does the same work for unknown and known codes (the timeline subquery runs
    // either way), so response times do not tell them apart. A duplicate shows the status and dates
    // of the complaint it repeats (`shown`), never its timeline: the replies, requests and result
    // there were written to another complainant. The joins say CASE, not COALESCE: under row-level
    // security PostgreSQL uses an index only for a condition it knows leaks nothing (CASE and IS NULL
    // yes, COALESCE no), and would read every complaint and event instead.
    const [row] = (await this.db.query(
      `SELECT c.reference_no, c.kind, c.received_at, c.rated_at, c.status AS own_status,
              s.received_at AS shown_received_at, s.status,
              cat.name_th AS category_th, cat.name_en AS category_en,
              to_char(d.current_due_date, 'YYYY-MM-DD') AS due_date, d.extension_due_date IS NOT NULL AS extended,
              (SELECT coalesce(json_agg(json_build_object(
                        'at', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        'type', e.type, 'toStatus', e.to_status, 'message', e.message) ORDER BY e.id), '[]')
                 FROM complaint_events e
                WHERE e.complaint_id = CASE WHEN c.id IS NULL THEN $3 ELSE c.id END AND e.is_public) AS timeline
         FROM (SELECT $1::text AS hash) q
         LEFT JOIN complaints c ON c.tracking_code_hash = q.hash
         LEFT JOIN complaints s ON s.id = CASE WHEN c.duplicate_of_id IS NULL THEN c.id ELSE c.duplicate_of_id END
         LEFT JOIN complaint_categories cat ON cat.id = c.category_id
         LEFT JOIN case_deadlines d ON d.track = $2 AND d.case_id = s.id`,
      [trackingCodeHash(normalized ?? 'not-a-code'), COMPLAINT_TRACK, NO_ID],
    )) as TrackedRow[];
    if (!row.reference_no || !normalized) throw new DomainError('TRACKING_CODE_NOT_FOUND');
    const status = row.status as ComplaintStatus;
    const ownStatus = row.own_status as ComplaintStatus;
    const events = row.timeline;
    const lastExtension = [...events].reverse().find((e) => e.type === ComplaintEventType.DeadlineExtended);
    return {
      referenceNo: row.reference_no,
      kind: row.kind,
      kindLabel: SUBMISSION_KIND_LABELS[row.kind],
      category: { th: row.category_th, en: row.category_en },
      status,
      statusLabel: STATUS_LABELS[status],
      receivedDate: civilDate(row.received_at, this.config.app.timeZone),
      dueDate: row.due_date,
      extended: row.extended === true,
      extensionReason: lastExtension?.message ?? null,
      duplicateOf:
        ownStatus === ComplaintStatus.Duplicate
          ? {
              status,
              statusLabel: STATUS_LABELS[status],
              receivedDate: civilDate(row.shown_received_at, this.config.app.timeZone),
              dueDate: row.due_date,
              extended: row.extended === true,
            }
          : null,
      canGiveFeedback: this.feedbackOpen(ownStatus) && row.rated_at === null,
      canAnswer: ownStatus === ComplaintStatus.AwaitingInfo,
      timeline: events.map((e) => this.timelineEntry(e)),
    };
  }

  feedbackOpen(status: ComplaintStatus): boolean {
    return status === ComplaintStatus.Resolved || status === ComplaintStatus.Closed;
  }

  private timelineEntry(e: TimelineRow): TimelineEntry {
    const status = e.toStatus as ComplaintStatus | null;
    const label = EVENT_LABELS[e.type];
    return {
      at: e.at,
      type: e.type,
      ...(label ? { label } : {}),
      ...(status ? { status, statusLabel: STATUS_LABELS[status] } : {}),
      ...(e.message ? { message: e.message } : {}),
    };
  }
}
