import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { MessageTemplate } from '../notifications/message-template';
import { NotificationsService } from '../notifications/notifications.service';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { Role } from '../users/roles';
import { IntegrityReport } from './entities/integrity-report.entity';
import { REPORTER_CONTACT } from './identity-store';
import { civilDate } from '../common/time/fiscal-year';
import { ReportAccessPolicy } from './report-access';

/**
 * Links in messages: pages of the web front-end, made absolute on PUBLIC_BASE_URL. Ids only, never a
 * query string (the notifications module refuses one in integrity messages).
 */
export const officerReportPath = (reportId: string) => `/officer/integrity-reports/${reportId}`;
export const IDENTITY_REQUESTS_PATH = '/officer/integrity-reports/identity-requests';
export const followUpPath = (orgSlug: string) => `/orgs/${orgSlug}/integrity/follow-up`;

/**
 * Who caused what a notice is about. `reporter`: the anonymous reporter acted (submitted, added
 * information); the notice goes out with the next office-hours batch (the next opening) and its
 * outbox row records the day only, so that neither the mail's arrival nor the row tells when the
 * reporter was online. Otherwise it is held only until office hours.
 */
export type NoticeCause = 'reporter' | 'officer' | 'deadline';

/**
 * The integrity channel's messages, through the shared outbox, in the caller's transaction. They
 * carry no content: officers get "report IR-… has an update" and a link, the reporter "there is an
 * update, use your receipt", custodians "a request waits". Officers' notices go only to the
 * integrity officers who can read the report; the reporter's address is resolved when sending.
 */
@Injectable()
export class IntegrityNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly access: ReportAccessPolicy,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly organizations: OrganizationsService,
  ) {}

  /** "Report IR-… has an update" to every integrity officer who has access to the report now. */
  async toOfficers(tx: EntityManager, report: IntegrityReport, cause: NoticeCause): Promise<void> {
    const officers = (await this.access.officersOf(tx, report)).filter((o) => o.hasAccess);
    if (officers.length === 0) return;
    const org = await this.organization(tx, report);
    const byReporter = cause === 'reporter';
    const notBefore = byReporter
      ? await this.notifications.officeBatchNotBefore(tx, report.organizationId)
      : await this.notifications.officeHoursNotBefore(tx, report.organizationId);
    await this.notifications.enqueueAll(
      tx,
      officers.map(({ user }) => ({
        organizationId: report.organizationId,
        template: MessageTemplate.IntegrityOfficerUpdate,
        to: { email: user.email, name: user.displayName, kind: 'officer' as const },
        params: { orgName: org.nameTh, reportNo: report.number, caseUrl: officerReportPath(report.id) },
        notBefore,
        subject: { type: 'integrity_report', id: report.id },
        // what the reporter does in one batch's time is one notice per officer, recorded to the day
        ...(byReporter
          ? {
              recordDayOnly: true,
              dedupeKey: `integrity:${report.id}:reporter-activity:${notBefore.toISOString()}:${user.id}`,
            }
          : {}),
      })),
    );
  }

  /**
   * "There is an update, use your receipt" to a reporter who gave an e-mail and asked for notices,
   * at most once a day. The outbox keeps the report id only; the address is looked up when sending
   * (ReporterContacts), and nothing is sent if there is none or no consent.
   */
  async toReporter(tx: EntityManager, report: IntegrityReport): Promise<void> {
    if (!report.identityProvided) return;
    const org = await this.organization(tx, report);
    const today = civilDate(this.clock.now(), this.config.app.timeZone);
    await this.notifications.enqueue(tx, {
      organizationId: report.organizationId,
      template: MessageTemplate.IntegrityReporterUpdate,
      to: { kind: 'reporter', resolve: { type: REPORTER_CONTACT, id: report.id } },
      params: { orgName: org.nameTh, followUpUrl: followUpPath(org.slug) },
      dedupeKey: `integrity:${report.id}:reporter-update:${today}`,
      subject: { type: 'integrity_report', id: report.id },
    });
  }

  /** "An identity request waits" to the organisation's custodians (not the requester), in office hours. */
  async toCustodians(
    tx: EntityManager,
    report: IntegrityReport,
    request: { id: string; requestedByUserId: string },
  ): Promise<void> {
    const custodians = (
      await this.notifications.officerRecipients(tx, report.organizationId, { roles: [Role.Custodian] })
    ).filter((c) => c.userId !== request.requestedByUserId);
    if (custodians.length === 0) return;
    const org = await this.organization(tx, report);
    const notBefore = await this.notifications.officeHoursNotBefore(tx, report.organizationId);
    await this.notifications.enqueueAll(
      tx,
      custodians.map((to) => ({
        organizationId: report.organizationId,
        template: MessageTemplate.IntegrityIdentityRequest,
        to,
        params: { orgName: org.nameTh, reportNo: report.number, requestsUrl: IDENTITY_REQUESTS_PATH },
        notBefore,
        dedupeKey: `integrity:identity-request:${request.id}:${to.userId}`,
        subject: { type: 'integrity_identity_request', id: request.id },
      })),
    );
  }

  private organization(tx: EntityManager, report: IntegrityReport): Promise<Organization> {
    return this.organizations.byId(report.organizationId, tx);
  }
}
