import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { RoleRequestsService } from '../users/role-requests.service';
import { Role } from '../users/roles';
import { IdentityDecisionDto } from './dto/officer.dto';
import { DisclosedIdentityView, IdentityRequestView } from './dto/officer-views';
import { IntegrityIdentityRequest } from './entities/integrity-identity-request.entity';
import { IntegrityReport } from './entities/integrity-report.entity';
import { SealOpenError, unwrap, wrapFor } from './crypto/envelope';
import { OfficerKeyring } from './crypto/officer-keyring';
import { ReportKeys } from './crypto/report-keys';
import { IdentityStore } from './identity-store';
import { AfterCommit, IntegrityReportEvents } from './integrity-report-events';
import { ReportAccessPolicy } from './report-access';
import { civilDate } from '../common/time/fiscal-year';

const requestPlace = (request: Pick<IntegrityIdentityRequest, 'id' | 'requestedByUserId'>) =>
  `integrity-identity-request|${request.id}|${request.requestedByUserId}`;

/** How long an approved request lets its requester read the identity. */
export const IDENTITY_ACCESS_HOURS = 48;
const ENTITY = 'integrity_identity_request';

/**
 * Disclosure of a reporter's identity: an integrity officer with access to the report asks in
 * writing; a custodian (not the requester) approves or denies; after approval the requester alone may
 * read it for IDENTITY_ACCESS_HOURS, each reading audited. Request, decision and every reading are in
 * the audit trail; the justification and reasons stay in this module's table.
 */
@Injectable()
export class IdentityDisclosureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: ReportAccessPolicy,
    private readonly identities: IdentityStore,
    private readonly events: IntegrityReportEvents,
    private readonly roles: RoleRequestsService,
    private readonly keys: ReportKeys,
    private readonly keyring: OfficerKeyring,
  ) {}

  async request(actor: Actor, reportId: string, justification: string): Promise<IdentityRequestView> {
    let afterCommit: AfterCommit | undefined;
    const view = await this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, reportId, true);
      if (!report.identityProvided) throw new DomainError('IDENTITY_NOT_PROVIDED');
      const pending = await tx
        .getRepository(IntegrityIdentityRequest)
        .existsBy({ reportId, requestedByUserId: actor.userId, status: 'pending' });
      if (pending) throw new DomainError('IDENTITY_REQUEST_PENDING');
      const request = await tx.save(
        tx.create(IntegrityIdentityRequest, {
          organizationId: actor.organizationId,
          reportId,
          requestedByUserId: actor.userId,
          justification,
          status: 'pending',
        }),
      );
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.create`,
        entityType: ENTITY,
        entityId: request.id,
        after: { reportId, status: 'pending' },
      });
      afterCommit = await this.events.afterChange(tx, {
        kind: 'identity_requested',
        report,
        actor,
        requestId: request.id,
      });
      return (await this.views(tx, [request], [report]))[0];
    });
    await afterCommit?.();
    return view;
  }

  /** Requests about one report, for the officers with access to it. */
  async forReport(actor: Actor, reportId: string): Promise<IdentityRequestView[]> {
    return this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, reportId);
      const requests = await tx
        .getRepository(IntegrityIdentityRequest)
        .find({ where: { reportId }, order: { requestedAt: 'DESC' } });
      return this.views(tx, requests, [report]);
    });
  }

  /** The custodian's queue. Custodians see the justification and the report number, not the report. */
  async forCustodian(
    actor: Actor,
    status: IntegrityIdentityRequest['status'],
  ): Promise<IdentityRequestView[]> {
    return this.db.transaction(async (tx) => {
      const requests = await tx.getRepository(IntegrityIdentityRequest).find({
        where: { organizationId: actor.organizationId, status },
        order: { requestedAt: 'ASC' },
      });
      const reports = requests.length
        ? await tx.getRepository(IntegrityReport).findBy({ id: In(requests.map((r) => r.reportId)) })
        : [];
      return this.views(tx, requests, reports);
    });
  }

  async decide(actor: Actor, requestId: string, dto: IdentityDecisionDto): Promise<IdentityRequestView> {
    return this.db.transaction(async (tx) => {
      const request = await tx.getRepository(IntegrityIdentityRequest).findOne({
        where: { id: requestId, organizationId: actor.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw new DomainError('IDENTITY_REQUEST_NOT_FOUND');
      if (request.requestedByUserId === actor.userId) throw new DomainError('IDENTITY_SELF_DECISION');
      if (request.status !== 'pending') throw new DomainError('IDENTITY_REQUEST_DECIDED');
      const now = this.clock.now();
      await this.assertPastWaitingPeriod(tx, actor, now);
      request.status = dto.decision === 'approve' ? 'approved' : 'denied';
      request.decidedByUserId = actor.userId;
      request.decisionReason = dto.reason;
      request.decidedAt = now;
      request.accessUntil =
        request.status === 'approved' ? new Date(now.getTime() + IDENTITY_ACCESS_HOURS * 3_600_000) : null;
      await tx.save(request);
      if (request.status === 'approved') await this.passIdentityKey(tx, actor, request);
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.${request.status === 'approved' ? 'approve' : 'deny'}`,
        entityType: ENTITY,
        entityId: request.id,
        before: { status: 'pending' },
        after: { status: request.status, accessUntil: request.accessUntil?.toISOString() ?? null },
      });
      const report = await tx.getRepository(IntegrityReport).findOneByOrFail({ id: request.reportId });
      return (await this.views(tx, [request], [report]))[0];
    });
  }

  /**
   * A custodian appointed recently (CUSTODIAN_WAITING_DAYS after the approval that gave them the
   * role) does not decide yet: someone who just had a custodian account made cannot use it at once.
   */
  private async assertPastWaitingPeriod(tx: EntityManager, actor: Actor, now: Date): Promise<void> {
    const since = await this.roles.receivedAt(tx, actor.userId, Role.Custodian);
    if (!since) return;
    const availableFrom = new Date(since.getTime() + this.config.auth.custodianWaitingDays * 86_400_000);
    if (availableFrom > now) {
      throw new DomainError('CUSTODIAN_WAITING_PERIOD', { availableFrom: availableFrom.toISOString() });
    }
  }

  /** The identity, for the requester of an approved, unexpired request who still has access. */
  async read(actor: Actor, reportId: string, requestId: string): Promise<DisclosedIdentityView> {
    return this.db.transaction(async (tx) => {
      const report = await this.access.load(tx, actor, reportId);
      const request = await tx
        .getRepository(IntegrityIdentityRequest)
        .findOneBy({ id: requestId, reportId, requestedByUserId: actor.userId });
      if (!request) throw new DomainError('IDENTITY_REQUEST_NOT_FOUND');
      const usable =
        request.status === 'approved' &&
        request.accessUntil !== null &&
        request.accessUntil > this.clock.now();
      if (!usable) throw new DomainError('IDENTITY_ACCESS_NOT_GRANTED');
      const [{ identity_key_wrapped: wrapped }]: { identity_key_wrapped: Buffer | null }[] = await tx.query(
        `SELECT identity_key_wrapped FROM integrity_identity_requests WHERE id = $1`,
        [request.id],
      );
      if (!wrapped) throw new DomainError('IDENTITY_ACCESS_NOT_GRANTED');
      const privateKey = await this.keyring.privateKey(actor);
      let half: Buffer;
      try {
        half = unwrap(privateKey, wrapped, requestPlace(request));
      } catch (error) {
        // passed to a key pair the requester has replaced since: a new request is needed
        if (error instanceof SealOpenError) throw new DomainError('IDENTITY_ACCESS_NOT_GRANTED');
        throw error;
      }
      const dataKey = await this.keys.dataKey(tx, actor, reportId);
      const identity = await this.identities.open(tx, report, half, dataKey);
      if (!identity) throw new DomainError('IDENTITY_NOT_PROVIDED');
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.read_identity`,
        entityType: ENTITY,
        entityId: request.id,
        after: { reportId },
      });
      return identity;
    });
  }

  /**
   * The approving custodian opens the report's identity key with their own private key and wraps it
   * to the requester: with their data key, the requester alone can then open the identity. Neither the
   * custodian (no data key) nor the officer (no identity key) could before.
   */
  private async passIdentityKey(
    tx: EntityManager,
    actor: Actor,
    request: IntegrityIdentityRequest,
  ): Promise<void> {
    const half = await this.keys.secretOf(tx, actor, request.reportId, 'identity');
    if (!half) throw new DomainError('IDENTITY_KEY_NOT_HELD');
    const publicKey = (await this.keyring.publicKeys(tx, [request.requestedByUserId])).get(
      request.requestedByUserId,
    );
    if (!publicKey) throw new DomainError('OFFICER_HAS_NO_KEY');
    await tx.update(IntegrityIdentityRequest, request.id, {
      identityKeyWrapped: wrapFor(publicKey, half, requestPlace(request)),
    });
  }

  private async views(
    tx: EntityManager,
    requests: IntegrityIdentityRequest[],
    reports: IntegrityReport[],
  ): Promise<IdentityRequestView[]> {
    const ids = requests
      .flatMap((r) => [r.requestedByUserId, r.decidedByUserId])
      .filter((i): i is string => !!i);
    const users = ids.length ? await tx.getRepository(User).findBy({ id: In([...new Set(ids)]) }) : [];
    const person = (id: string | null) => {
      const user = users.find((u) => u.id === id);
      return user ? { id: user.id, displayName: user.displayName } : null;
    };
    const day = (d: Date) => civilDate(d, this.config.app.timeZone);
    return requests.map((r) => ({
      id: r.id,
      reportId: r.reportId,
      reportNumber: reports.find((p) => p.id === r.reportId)?.number ?? '',
      requestedBy: person(r.requestedByUserId)!,
      justification: r.justification,
      status: r.status,
      requestedOn: day(r.requestedAt),
      decidedBy: person(r.decidedByUserId),
      decisionReason: r.decisionReason,
      decidedOn: r.decidedAt ? day(r.decidedAt) : null,
      accessUntil: r.accessUntil?.toISOString() ?? null,
    }));
  }
}
