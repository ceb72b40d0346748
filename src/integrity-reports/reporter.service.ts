import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { OrganizationsService } from '../organizations/organizations.service';
import { AllegationType } from '../reference-data/entities/allegation-type.entity';
import {
  ReporterIdentityDto,
  ReporterMessageView,
  ReporterReportView,
  ReporterSessionView,
  SubmitIntegrityReportDto,
  AllegationTypeView,
} from './dto/reporter.dto';
import { randomBytes, randomUUID } from 'node:crypto';
import { newKey } from './crypto/envelope';
import { ReportKeys } from './crypto/report-keys';
import { openForReporter, reporterKek, sealContents, sealForReporter } from './crypto/report-contents';
import { IntegrityReportAccess } from './entities/integrity-report-access.entity';
import { Role } from '../users/roles';
import { IntegrityReporterIdentity } from './entities/integrity-reporter-identity.entity';
import { IntegrityReport } from './entities/integrity-report.entity';
import { AfterCommit, IntegrityReportEvents } from './integrity-report-events';
import { IntegritySecrets } from './integrity-secrets';
import { MessagesService } from './messages.service';
import { withMinimumDuration } from './minimum-duration';
import { formatReceipt } from './receipt';
import { ReceiptsService } from './receipts.service';
import { ReportAccessPolicy } from './report-access';
import { ReportDeadlines } from './report-deadlines';
import { reportNumber } from './report-dates';
import { civilDate, fiscalYearOfDate } from '../common/time/fiscal-year';
import { IdentityStore } from './identity-store';
import { ReporterSession, ReporterSessions } from './reporter-session';
import { RECEIPT_THROTTLE, ReporterThrottle } from './reporter-throttle.service';
import { acceptsMessages, AGENCY_TEXT, OUTCOME_TEXT, STATUS_TEXT } from './workflow';

/**
 * What the anonymous reporter does: submit, come back with the receipt, read, add information.
 * Nothing here writes the audit trail or any instant: reporters are not officers, and an entry
 * with a time and a request id is exactly what would let someone line a report up with other logs.
 */
@Injectable()
export class ReporterService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly receipts: ReceiptsService,
    private readonly secrets: IntegritySecrets,
    private readonly throttle: ReporterThrottle,
    private readonly sessions: ReporterSessions,
    private readonly access: ReportAccessPolicy,
    private readonly identities: IdentityStore,
    private readonly messages: MessagesService,
    private readonly events: IntegrityReportEvents,
    private readonly deadlines: ReportDeadlines,
    private readonly keys: ReportKeys,
  ) {}

  /** The kinds of wrongdoing a report can allege (the same for every organisation; 404 for an unknown one). */
  async allegationTypes(orgSlug: string): Promise<AllegationTypeView[]> {
    await this.organizations.bySlug(orgSlug);
    const rows = await this.db
      .getRepository(AllegationType)
      .find({ where: { isActive: true }, order: { sortOrder: 'ASC' } });
    return rows.map((a) => ({ code: a.code, nameTh: a.nameTh, nameEn: a.nameEn }));
  }

  /** Files a report; answers with the receipt, which exists nowhere else from then on. */
  async submit(orgSlug: string, dto: SubmitIntegrityReportDto, clientAddress: string): Promise<string> {
    const org = await this.organizations.bySlug(orgSlug);
    await this.throttle.takeSubmission(this.secrets.clientKey(clientAddress));
    await this.assertAllegationType(dto.allegationType);
    for (let attempt = 1; ; attempt++) {
      const { digits, hash } = await this.receipts.issue(org.id);
      const reporterKeySalt = randomBytes(16);
      const reporter = { salt: reporterKeySalt, kek: await reporterKek(digits, reporterKeySalt) };
      try {
        const afterCommit = await this.db.transaction((tx) => this.create(tx, org.id, hash, reporter, dto));
        await afterCommit();
        return formatReceipt(digits);
      } catch (error) {
        // Two equal receipts in one organisation (about one in 10^16): draw another.
        const constraint = (error as QueryFailedError & { driverError?: { constraint?: string } }).driverError
          ?.constraint;
        if (constraint !== 'uq_integrity_reports_receipt_hash' || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Exchanges a receipt for a short session. Whatever happens inside (unknown organisation, no match,
   * match) the answer comes after the same minimum time, and the Argon2id cost is paid either way.
   */
  async openSession(orgSlug: string, digits: string, clientAddress: string): Promise<ReporterSessionView> {
    const client = this.secrets.clientKey(clientAddress);
    await this.throttle.countReceiptAttempt(client);
    const limited = await this.throttle.receiptLimit(client);
    const minimumMs =
      this.config.integrity.receiptMinResponseMs * (limited ? RECEIPT_THROTTLE.limitedSlowdownFactor : 1);
    return withMinimumDuration(minimumMs, async () => {
      const org = await this.organizations.bySlug(orgSlug);
      const hash = await this.receipts.hash(org.id, digits);
      const report = await this.db
        .getRepository(IntegrityReport)
        .createQueryBuilder('r')
        .select(['r.id', 'r.organizationId', 'r.reporterKeySalt', 'r.reporterWrappedKey'])
        .where('r.organization_id = :org AND r.receipt_hash = :hash', { org: org.id, hash })
        .getOne();
      if (!report) {
        await this.throttle.recordReceiptFailure(client);
        throw limited ?? new DomainError('INVALID_RECEIPT');
      }
      const dataKey = await this.reporterKey(report, digits);
      const token = await this.sessions.open({
        reportId: report.id,
        organizationId: report.organizationId,
        dataKey,
      });
      return { token, tokenType: 'Bearer', expiresIn: this.sessions.ttlSeconds };
    });
  }

  /**
   * The data key from the reporter's wrap. A report encrypted by `encrypt-integrity-reports` has no
   * reporter wrap (its receipt was unknown then): the receipt's key is left wrapped for the officers
   * who hold the data key, and the next of them to open the report completes the wrap.
   */
  private async reporterKey(
    report: Pick<IntegrityReport, 'id' | 'organizationId' | 'reporterKeySalt' | 'reporterWrappedKey'>,
    digits: string,
  ): Promise<Buffer | null> {
    if (!report.reporterKeySalt) return null;
    const kek = await reporterKek(digits, report.reporterKeySalt);
    await this.identityForNewCustodians(report, kek);
    if (report.reporterWrappedKey) {
      const dataKey = openForReporter(kek, report.id, report.reporterWrappedKey);
      await this.dataKeyForGrantedOfficers(report, dataKey);
      return dataKey;
    }
    await this.db.transaction(async (tx) => {
      const holders = await this.keys.holders(tx, report.id, 'data');
      await this.keys.wrapTo(tx, report, 'reporter_kek', kek, holders);
    });
    return null;
  }

  /**
   * Officers granted access when the report arrived who had no key pair yet (they had never signed in)
   * got no wrap then: the reporter's session, which holds the data key, wraps it to them now. No one
   * else: an officer appointed later still needs a grant from an officer with access.
   */
  private async dataKeyForGrantedOfficers(
    report: Pick<IntegrityReport, 'id' | 'organizationId'>,
    dataKey: Buffer,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const holders = new Set(await this.keys.holders(tx, report.id, 'data'));
      // granted at arrival: no officer changed the entry since (a later grant re-wraps by itself)
      // and still active integrity officers: one moved to another role (a custodian) gets no data key back
      const granted: { user_id: string }[] = await tx.query(
        `SELECT x.user_id FROM integrity_report_access x JOIN users u ON u.id = x.user_id
         WHERE x.report_id = $1 AND x.status = 'granted' AND x.changed_by_user_id IS NULL
           AND u.is_active AND $2 = ANY(u.roles)`,
        [report.id, Role.IntegrityOfficer],
      );
      const missing = granted.map((g) => g.user_id).filter((id) => !holders.has(id));
      if (missing.length > 0) await this.keys.wrapTo(tx, report, 'data', dataKey, missing);
    });
  }

  /**
   * Custodians appointed (or given key pairs) after the report arrived hold no identity key: the
   * reporter's session, which can open it, wraps it to them.
   */
  private async identityForNewCustodians(
    report: Pick<IntegrityReport, 'id' | 'organizationId'>,
    kek: Buffer,
  ) {
    await this.db.transaction(async (tx) => {
      const row = await tx
        .getRepository(IntegrityReporterIdentity)
        .findOne({ select: { reportId: true, reporterWrappedKey: true }, where: { reportId: report.id } });
      if (!row?.reporterWrappedKey) return;
      const holders = new Set(await this.keys.holders(tx, report.id, 'identity'));
      const missing = (await this.identities.custodians(tx, report.organizationId, report.id)).filter(
        (c) => !holders.has(c),
      );
      if (missing.length === 0) return;
      const half = openForReporter(kek, report.id, row.reporterWrappedKey, 'identity');
      await this.keys.wrapTo(tx, report, 'identity', half, missing);
    });
  }

  closeSession(token: string): Promise<void> {
    return this.sessions.close(token);
  }

  async view(session: ReporterSession): Promise<ReporterReportView> {
    const report = await this.reportOf(this.db.manager, session);
    const messages = session.dataKey
      ? await this.messages.conversation(this.db.manager, report.id, session.dataKey)
      : [];
    const concluded = report.workflow.conclusion;
    const { response, conclusion } = await this.deadlines.forReport(report.id);
    return {
      kind: report.kind,
      allegationType: report.allegationTypeCode,
      status: report.status,
      statusText: STATUS_TEXT[report.status],
      outcome: concluded ? OUTCOME_TEXT[concluded.outcome] : null,
      referredTo: report.referralAgency ? AGENCY_TEXT[report.referralAgency] : null,
      receivedOn: report.receivedOn,
      responseDueOn: response && !response.resultAt ? response.currentDueDate : null,
      responseOverdue: response?.state === 'overdue',
      decisionDueOn: conclusion && !conclusion.resultAt ? conclusion.currentDueDate : null,
      canAddInformation: acceptsMessages(report.status) && session.dataKey !== null,
      messages: messages.map((m): ReporterMessageView => ({ from: m.author, body: m.body, on: m.sentOn })),
    };
  }

  async addInformation(session: ReporterSession, body: string): Promise<ReporterMessageView> {
    let afterCommit: AfterCommit | undefined;
    const view = await this.db.transaction(async (tx): Promise<ReporterMessageView> => {
      const report = await this.reportOf(tx, session, true);
      if (!acceptsMessages(report.status)) throw new DomainError('REPORT_CLOSED');
      if (!session.dataKey) throw new DomainError('REPORT_KEY_PENDING');
      const message = await this.messages.append(tx, report, session.dataKey, {
        author: 'reporter',
        authorUserId: null,
        body,
      });
      afterCommit = await this.events.afterChange(tx, { kind: 'reporter_added_information', report });
      return { from: message.author, body, on: message.sentOn };
    });
    await afterCommit?.();
    return view;
  }

  private async create(
    tx: EntityManager,
    organizationId: string,
    receiptHash: string,
    reporter: { salt: Buffer; kek: Buffer },
    dto: SubmitIntegrityReportDto,
  ): Promise<AfterCommit> {
    const receivedOn = civilDate(this.clock.now(), this.config.app.timeZone);
    const fiscalYear = fiscalYearOfDate(receivedOn);
    const [{ last_number: sequence }] = await tx.query(
      `INSERT INTO integrity_report_counters (organization_id, fiscal_year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (organization_id, fiscal_year)
       DO UPDATE SET last_number = integrity_report_counters.last_number + 1
       RETURNING last_number`,
      [organizationId, fiscalYear],
    );
    const identity = dto.identity && hasIdentity(dto.identity) ? dto.identity : null;
    const id = randomUUID();
    const dataKey = newKey();
    const report = await tx.save(
      tx.create(IntegrityReport, {
        id,
        organizationId,
        number: reportNumber(fiscalYear, sequence),
        fiscalYear,
        receiptHash,
        kind: dto.kind,
        allegationTypeCode: dto.allegationType,
        sealedContents: sealContents(dataKey, id, {
          description: dto.description,
          accused: nonEmpty({ ...dto.accused }),
          incidentPeriod: dto.incidentPeriod || null,
          place: dto.place || null,
          evidence: nonEmpty({ ...dto.evidence }),
        }),
        reporterKeySalt: reporter.salt,
        reporterWrappedKey: sealForReporter(reporter.kek, id, dataKey),
        incidentDate: dto.incidentDate ?? null,
        reporterRelation: dto.reporterRelation ?? null,
        identityProvided: identity !== null,
        status: 'received',
        receivedOn,
        workflow: {},
      }),
    );
    await this.access.grantCurrentOfficers(tx, report);
    // wrapped now for the officers who get access, so no one needs to be signed in when it arrives
    const granted = await tx.getRepository(IntegrityReportAccess).findBy({ reportId: id, status: 'granted' });
    await this.keys.wrapTo(
      tx,
      report,
      'data',
      dataKey,
      granted.map((g) => g.userId),
    );
    if (identity) {
      const half = await this.identities.store(tx, report, identity, { dataKey, reporterKek: reporter.kek });
      await this.keys.wrapTo(
        tx,
        report,
        'identity',
        half,
        await this.identities.custodians(tx, organizationId, id),
      );
    }
    return this.events.afterChange(tx, { kind: 'submitted', report });
  }

  private async reportOf(
    tx: EntityManager,
    session: ReporterSession,
    lock = false,
  ): Promise<IntegrityReport> {
    const report = await tx.getRepository(IntegrityReport).findOne({
      where: { id: session.reportId, organizationId: session.organizationId },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!report) throw new DomainError('REPORTER_SESSION_INVALID');
    return report;
  }

  private async assertAllegationType(code: string): Promise<void> {
    if (await this.db.getRepository(AllegationType).existsBy({ code, isActive: true })) return;
    throw new DomainError('VALIDATION_FAILED', [
      {
        field: 'allegationType',
        rule: 'unknownAllegationType',
        message: 'ไม่พบประเภทเรื่องนี้ / unknown allegation type',
      },
    ]);
  }
}

function hasIdentity(identity: ReporterIdentityDto): boolean {
  return Boolean(identity.name || identity.phone || identity.email || identity.nationalId);
}

/** The object without empty fields, or null when nothing is left. */
function nonEmpty<T extends object>(value: T): T | null {
  const kept = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
  return Object.keys(kept).length > 0 ? (kept as T) : null;
}
