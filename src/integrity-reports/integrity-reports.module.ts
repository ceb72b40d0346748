import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { EvidenceController, ReporterEvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IntegrityKeysModule } from './crypto/integrity-keys.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { IdentityDisclosureService } from './identity-disclosure.service';
import { IdentityStore, ReporterContacts } from './identity-store';
import { IdentityRequestsController, IntegrityReportsController } from './integrity-reports.controller';
import { IntegrityMilestones } from './integrity-milestones';
import { IntegrityNotices } from './integrity-notices';
import { IntegrityReportEvents } from './integrity-report-events';
import { IntegrityReportsService } from './integrity-reports.service';
import { IntegritySecrets } from './integrity-secrets';
import { MessagesService } from './messages.service';
import { ReceiptsService } from './receipts.service';
import { ReportAccessPolicy } from './report-access';
import { ReportDeadlines } from './report-deadlines';
import { ReporterController } from './reporter.controller';
import { ReporterSessionGuard, ReporterSessions } from './reporter-session';
import { ReporterService } from './reporter.service';
import { ReporterThrottle } from './reporter-throttle.service';

/**
 * Integrity reports (issue 6): the separate, anonymous channel for corruption and misconduct. Its own
 * tables and routes; shares only organisations, users, the audit trail and (through
 * IntegrityReportEvents) the deadline engine (two tracks, milestones handled by IntegrityMilestones)
 * and the notifications outbox (IntegrityNotices; reporters' addresses resolved at send time by
 * ReporterContacts).
 */
@Module({
  imports: [DeadlinesModule, NotificationsModule, UsersModule, IntegrityKeysModule, AttachmentsModule],
  controllers: [
    ReporterController,
    ReporterEvidenceController,
    IntegrityReportsController,
    EvidenceController,
    IdentityRequestsController,
  ],
  providers: [
    IntegritySecrets,
    ReceiptsService,
    ReporterThrottle,
    ReporterSessions,
    ReporterSessionGuard,
    ReportAccessPolicy,
    IdentityStore,
    ReporterContacts,
    MessagesService,
    ReportDeadlines,
    IntegrityNotices,
    IntegrityMilestones,
    IntegrityReportEvents,
    ReporterService,
    IntegrityReportsService,
    IdentityDisclosureService,
    EvidenceService,
  ],
  exports: [ReporterContacts, IdentityStore],
})
export class IntegrityReportsModule {}
