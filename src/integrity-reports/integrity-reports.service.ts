import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError, TransitionNotAllowed } from '../common/errors/domain-error';
import { FieldProblem } from '../common/errors/error-codes';
import { AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { GrantDto, ListReportsQuery, RecusalDto, TransitionDto } from './dto/officer.dto';
import {
  AccessEntryView,
  ConversationMessageView,
  NoteView,
  ReportDetailView,
  ReportListView,
  ReportSummaryView,
} from './dto/officer-views';
import { randomUUID } from 'node:crypto';
import { IntegrityReportKey } from './crypto/entities/report-key.entity';
import {
  joinParticulars,
  openContents,
  openNote,
  openParticulars,
  sealForReporter,
  sealNote,
  sealParticulars,
  splitParticulars,
} from './crypto/report-contents';
import { ReportKeys } from './crypto/report-keys';
import { IntegrityReportAccess } from './entities/integrity-report-access.entity';
import { IntegrityReportMessage } from './entities/integrity-report-message.entity';
import { IntegrityReportNote } from './entities/integrity-report-note.entity';
import { IntegrityReportTransition } from './entities/integrity-report-transition.entity';
import { IntegrityReport } from './entities/integrity-report.entity';
import { AfterCommit, IntegrityReportEvents } from './integrity-report-events';
import { MessagesService } from './messages.service';
import { accessCondition, ReportAccessPolicy } from './report-access';
import { civilDate } from '../common/time/fiscal-year';
import { ReportDeadlineDates, ReportDeadlines, summary } from './report-deadlines';
import {
  acceptsMessages,
  allowedActions,
  TransitionDetails,
  TransitionRule,
  transitionFor,
} from './workflow';

const DETAILS: TransitionDetails[] = ['dismissal', 'referral', 'factFinding', 'conclusion', 'closure'];
const ENTITY = 'integrity_report';

/**
 * The integrity officers' side. Every route reaches a report through ReportAccessPolicy; every read
 * and change is audited in the same transaction. Audit entries carry ids, statuses and codes only,
 * never what the reporter or an officer wrote.
 */
@Injectable()
export class IntegrityReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: ReportAccessPolicy,
    private readonly messages: MessagesService,
    private readonly events: IntegrityReportEvents,
    private readonly deadlines: ReportDeadlines,
    private readonly keys: ReportKeys,
  ) {}

  async list(actor: Actor, query: ListReportsQuery): Promise<ReportListView> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const builder = this.db
      .getRepository(IntegrityReport)
      .createQueryBuilder('r')
      .where('r.organization_id = :org', { org: actor.organizationId })
      .andWhere(accessCondition(':actorId'), { actorId: actor.userId })
      .orderBy('r.received_on', 'DESC')
      .addOrderBy('r.number', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('r.kind = :kind', { kind: query.kind });
    const [reports, total] = await builder.getManyAndCount();
    const deadlines = await this.deadlines.forReports(reports.map((r) => r.id));
    return { items: reports.map((r) => summaryOf(r, deadlines.get(r.id)!)), total, page, pageSize };
  }

  /** The whole report for an officer with access; the read is audited. */
  async detail(actor: Actor, id: string): Promise<ReportDetailView> {
    return this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, id);
      await this.audit.record(tx, actor, { action: `${ENTITY}.read`, entityType: ENTITY, entityId: id });
      const { dataKey, other: reporterKek } = await this.keys.dataKeyAnd(tx, actor, id, 'reporter_kek');
      if (reporterKek) await this.completeReporterWrap(tx, id, dataKey, reporterKek);
      const contents = report.sealedContents ? openContents(dataKey, id, report.sealedContents) : null;
      // one connection in a transaction: one query at a time
      const messages = await this.messages.conversation(tx, id, dataKey);
      const notes = (
        await tx
          .getRepository(IntegrityReportNote)
          .find({ where: { reportId: id }, order: { createdAt: 'ASC' } })
      ).map((n) => Object.assign(n, { body: n.sealedBody ? openNote(dataKey, id, n.id, n.sealedBody) : '' }));
      const history = await tx
        .getRepository(IntegrityReportTransition)
        .find({ where: { reportId: id }, order: { createdAt: 'ASC' } });
      const names = await this.namesOf(tx, [
        ...messages.map((m) => m.authorUserId),
        ...notes.map((n) => n.authorUserId),
        ...history.map((h) => h.actorUserId),
      ]);
      return {
        ...summaryOf(report, await this.deadlines.forReport(id)),
        description: contents?.description ?? '',
        accused: contents?.accused ?? null,
        incidentDate: report.incidentDate,
        incidentPeriod: contents?.incidentPeriod ?? null,
        place: contents?.place ?? null,
        evidence: contents?.evidence ?? null,
        reporterRelation: report.reporterRelation,
        decidedOn: report.decidedOn,
        closedOn: report.closedOn,
        workflow: joinParticulars(report.workflow, openParticulars(dataKey, id, report.sealedParticulars)),
        allowedActions: allowedActions(report.status),
        messages: messages.map((m) => messageView(m, names)),
        notes: notes.map((n) => this.noteView(n, names)),
        history: history.map((h) => ({
          action: h.action,
          from: h.fromStatus,
          to: h.toStatus,
          officer: names.get(h.actorUserId) ?? '',
          on: this.dayOf(h.createdAt),
        })),
      };
    });
  }

  /** Applies one step of the workflow table, with the details that step records. */
  async transition(actor: Actor, id: string, dto: TransitionDto): Promise<ReportSummaryView> {
    let afterCommit: AfterCommit | undefined;
    const report = await this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, id, true);
      const rule = transitionFor(report.status, dto.action);
      if (!rule) {
        throw new TransitionNotAllowed(report.status, dto.action, allowedActions(report.status));
      }
      assertDetails(rule, dto);
      const from = report.status;
      const today = this.messages.today();
      const firstResponse = rule.decision && !report.firstResponseOn;
      const dataKey = await this.keys.dataKey(tx, actor, id);
      const workflow = joinParticulars(
        report.workflow,
        openParticulars(dataKey, id, report.sealedParticulars),
      );
      if (rule.details && dto[rule.details])
        Object.assign(workflow, { [rule.details]: { ...dto[rule.details] } });
      const { plain, secret } = splitParticulars(workflow);
      const changes: Partial<
        Pick<
          IntegrityReport,
          | 'status'
          | 'workflow'
          | 'sealedParticulars'
          | 'decidedOn'
          | 'firstResponseOn'
          | 'closedOn'
          | 'outcome'
          | 'referralAgency'
        >
      > = { status: rule.to, workflow: plain, sealedParticulars: sealParticulars(dataKey, id, secret) };
      if (rule.decision) changes.decidedOn = today;
      if (firstResponse) changes.firstResponseOn = today;
      if (rule.to === 'closed') changes.closedOn = today;
      if (dto.conclusion) changes.outcome = dto.conclusion.outcome;
      if (dto.referral) changes.referralAgency = dto.referral.agency;
      await tx.update(IntegrityReport, report.id, changes);
      Object.assign(report, changes);
      await tx.insert(IntegrityReportTransition, {
        reportId: report.id,
        organizationId: report.organizationId,
        action: rule.action,
        fromStatus: from,
        toStatus: rule.to,
        actorUserId: actor.userId,
      });
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.${rule.action}`,
        entityType: ENTITY,
        entityId: report.id,
        before: { status: from },
        after: {
          status: rule.to,
          ...(dto.referral ? { agency: dto.referral.agency } : {}),
          ...(dto.conclusion ? { outcome: dto.conclusion.outcome } : {}),
        },
      });
      afterCommit = await this.events.afterChange(tx, {
        kind: 'transitioned',
        report,
        actor,
        rule,
        from,
        firstResponse,
      });
      return report;
    });
    await afterCommit?.();
    return summaryOf(report, await this.deadlines.forReport(report.id));
  }

  /** A message the reporter will read when they come back with their receipt. */
  async messageReporter(actor: Actor, id: string, body: string): Promise<ConversationMessageView> {
    let afterCommit: AfterCommit | undefined;
    const view = await this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, id, true);
      if (!acceptsMessages(report.status)) throw new DomainError('REPORT_CLOSED');
      const firstResponse = !report.firstResponseOn;
      if (firstResponse) {
        report.firstResponseOn = this.messages.today();
        await tx.update(IntegrityReport, report.id, { firstResponseOn: report.firstResponseOn });
      }
      const message = await this.messages.append(tx, report, await this.keys.dataKey(tx, actor, id), {
        author: 'officer',
        authorUserId: actor.userId,
        body,
      });
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.message_reporter`,
        entityType: ENTITY,
        entityId: report.id,
        after: { messageId: message.id },
      });
      afterCommit = await this.events.afterChange(tx, {
        kind: 'officer_messaged_reporter',
        report,
        actor,
        firstResponse,
      });
      return messageView(Object.assign(message, { body }), await this.namesOf(tx, [actor.userId]));
    });
    await afterCommit?.();
    return view;
  }

  /** A note for the other integrity officers only. */
  async addNote(actor: Actor, id: string, body: string): Promise<NoteView> {
    return this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, id);
      const dataKey = await this.keys.dataKey(tx, actor, id);
      const noteId = randomUUID();
      const note = await tx.save(
        tx.create(IntegrityReportNote, {
          id: noteId,
          reportId: report.id,
          organizationId: report.organizationId,
          authorUserId: actor.userId,
          sealedBody: sealNote(dataKey, report.id, noteId, body),
        }),
      );
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.note`,
        entityType: ENTITY,
        entityId: report.id,
        after: { noteId: note.id },
      });
      return this.noteView(Object.assign(note, { body }), await this.namesOf(tx, [actor.userId]));
    });
  }

  async accessList(actor: Actor, id: string): Promise<AccessEntryView[]> {
    return this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, id);
      const officers = await this.access.officersOf(tx, report);
      return officers.map(({ user, entry, hasAccess }) => ({
        userId: user.id,
        displayName: user.displayName,
        status: entry?.status ?? 'none',
        hasAccess,
        reason: entry?.reason ?? null,
        changedOn: entry?.changedAt ? this.dayOf(entry.changedAt) : null,
      }));
    });
  }

  /** Removes an officer's access for a conflict of interest (themself included). */
  async recuse(actor: Actor, id: string, dto: RecusalDto): Promise<AccessEntryView[]> {
    await this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, id, true);
      await this.access.integrityOfficer(tx, actor, dto.userId);
      const before = await this.setAccess(tx, actor, report, dto.userId, 'recused', dto.reason);
      await this.keys.revoke(tx, report.id, dto.userId);
      if ((await this.access.grantedOfficerCount(tx, report.id)) === 0) {
        throw new DomainError('LAST_OFFICER_WITH_ACCESS');
      }
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.recuse`,
        entityType: ENTITY,
        entityId: report.id,
        before: { userId: dto.userId, status: before },
        after: { userId: dto.userId, status: 'recused' },
      });
    });
    return this.accessListAfterChange(actor, id);
  }

  /**
   * Gives an integrity officer access (a new officer, or one whose recusal is lifted). A recusal is
   * lifted only by a third officer: neither the recused one nor the one who recused them.
   */
  async grant(actor: Actor, id: string, dto: GrantDto): Promise<AccessEntryView[]> {
    await this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, id, true);
      await this.access.integrityOfficer(tx, actor, dto.userId);
      const entry = await tx
        .getRepository(IntegrityReportAccess)
        .findOneBy({ reportId: report.id, userId: dto.userId });
      if (entry?.status === 'recused' && [dto.userId, entry.changedByUserId].includes(actor.userId)) {
        throw new DomainError('RECUSAL_LIFT_NOT_ALLOWED');
      }
      const before = await this.setAccess(tx, actor, report, dto.userId, 'granted', dto.reason ?? null);
      // the grant is the report's data key re-wrapped from the granting officer to the new one
      await this.keys.grant(tx, actor, report.id, dto.userId);
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.grant`,
        entityType: ENTITY,
        entityId: report.id,
        before: { userId: dto.userId, status: before },
        after: { userId: dto.userId, status: 'granted', keyWrapped: true },
      });
    });
    return this.accessListAfterChange(actor, id);
  }

  /** After recusing oneself there is nothing left to show. */
  private async accessListAfterChange(actor: Actor, id: string): Promise<AccessEntryView[]> {
    try {
      return await this.accessList(actor, id);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'INTEGRITY_REPORT_NOT_FOUND') return [];
      throw error;
    }
  }

  private async setAccess(
    tx: EntityManager,
    actor: Actor,
    report: IntegrityReport,
    userId: string,
    status: 'granted' | 'recused',
    reason: string | null,
  ): Promise<string> {
    const existing = await tx.getRepository(IntegrityReportAccess).findOneBy({ reportId: report.id, userId });
    await tx.getRepository(IntegrityReportAccess).upsert(
      {
        reportId: report.id,
        organizationId: report.organizationId,
        userId,
        status,
        reason,
        changedByUserId: actor.userId,
        changedAt: this.clock.now(),
      },
      ['reportId', 'userId'],
    );
    return existing?.status ?? 'none';
  }

  /**
   * A migrated report whose reporter signed in since: the receipt's key was left wrapped for the
   * officers holding the data key; seal the data key under it, so the reporter reads from now on.
   */
  private async completeReporterWrap(
    tx: EntityManager,
    id: string,
    dataKey: Buffer,
    kek: Buffer,
  ): Promise<void> {
    await tx.update(IntegrityReport, id, { reporterWrappedKey: sealForReporter(kek, id, dataKey) });
    await tx.delete(IntegrityReportKey, { reportId: id, secret: 'reporter_kek' });
  }

  private noteView(note: IntegrityReportNote & { body: string }, names: Map<string, string>): NoteView {
    return {
      id: note.id,
      officer: names.get(note.authorUserId) ?? '',
      body: note.body,
      on: this.dayOf(note.createdAt),
    };
  }

  private dayOf(instant: Date): string {
    return civilDate(instant, this.config.app.timeZone);
  }

  private async namesOf(tx: EntityManager, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
    if (wanted.length === 0) return new Map();
    const users = await tx.getRepository(User).findBy({ id: In(wanted) });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}

export function summaryOf(r: IntegrityReport, deadlines: ReportDeadlineDates): ReportSummaryView {
  const response = summary(deadlines.response);
  const conclusion = summary(deadlines.conclusion);
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    allegationType: r.allegationTypeCode,
    status: r.status,
    receivedOn: r.receivedOn,
    firstResponseDueOn: response.dueOn,
    firstResponseOn: r.firstResponseOn,
    responseDeadline: response.state,
    conclusionDueOn: conclusion.dueOn,
    conclusionDeadline: conclusion.state,
    identityProvided: r.identityProvided,
  };
}

function messageView(
  m: IntegrityReportMessage & { body: string },
  names: Map<string, string>,
): ConversationMessageView {
  return {
    id: m.id,
    from: m.author,
    officer: m.authorUserId ? (names.get(m.authorUserId) ?? '') : null,
    body: m.body,
    on: m.sentOn,
  };
}

/** The request carries exactly the details its action records: required ones present, others absent. */
function assertDetails(rule: TransitionRule, dto: TransitionDto): void {
  const problems: FieldProblem[] = [];
  for (const field of DETAILS) {
    const given = dto[field] !== undefined;
    if (field === rule.details && rule.detailsRequired && !given) {
      problems.push({ field, rule: 'requiredForAction', message: `${field} is required for ${rule.action}` });
    }
    if (field !== rule.details && given) {
      problems.push({ field, rule: 'notForAction', message: `${field} does not belong to ${rule.action}` });
    }
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems);
}
