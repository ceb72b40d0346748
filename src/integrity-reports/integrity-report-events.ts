import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { IntegrityReport } from './entities/integrity-report.entity';
import { addDays } from './report-dates';
import { IntegrityStatus, TransitionRule } from './workflow';

/** Days to the first response to the reporter until the deadline engine takes over. */
export const PROVISIONAL_RESPONSE_DAYS = 15;

export type IntegrityReportEvent =
  | { kind: 'submitted'; report: IntegrityReport }
  | { kind: 'reporter_added_information'; report: IntegrityReport }
  | { kind: 'officer_messaged_reporter'; report: IntegrityReport; actor: Actor; firstResponse: boolean }
  | {
      kind: 'transitioned';
      report: IntegrityReport;
      actor: Actor;
      rule: TransitionRule;
      from: IntegrityStatus;
      firstResponse: boolean;
    }
  | { kind: 'identity_requested'; report: IntegrityReport; actor: Actor; requestId: string };

/**
 * The one place where a change to an integrity report reaches the shared services: the deadline
 * engine (track `integrity_report`) and the notifications outbox. Called inside the transaction of
 * the change, after it is written, so that the change, its deadline bookkeeping and its notification
 * rows commit together.
 *
 * Until those modules land (issues 4 and 5), this stores the provisional response due date itself.
 * Rules for the notification calls, whoever wires them:
 *  - officers get IntegrityOfficerUpdate ("report IR-… has an update" + link), never content;
 *  - events the reporter causes (`submitted`, `reporter_added_information`) should reach officers in
 *    the next office-hours batch, not at once: a mail sent seconds after a submission tells its reader
 *    when the reporter was online;
 *  - the reporter gets IntegrityReporterUpdate only if they left an e-mail and consented; the outbox
 *    row must carry the report id, not the address: the address is resolved at send time with
 *    ReporterContacts.emailForNotices(reportId) and never stored in clear.
 */
@Injectable()
export class IntegrityReportEvents {
  async afterChange(tx: EntityManager, event: IntegrityReportEvent): Promise<void> {
    const { report } = event;
    switch (event.kind) {
      case 'submitted':
        // Deadline engine: deadlines.startClock(tx, { track: 'integrity_report', caseId: report.id,
        //   organizationId: report.organizationId, receivedOn: report.receivedOn }), and drop
        //   firstResponseDueOn (the reporter view then reads deadlines.get(...)).
        report.firstResponseDueOn = addDays(report.receivedOn, PROVISIONAL_RESPONSE_DAYS);
        await tx.update(IntegrityReport, report.id, { firstResponseDueOn: report.firstResponseDueOn });
        // Notifications: IntegrityOfficerUpdate to every officer with access (held to office hours).
        return;
      case 'reporter_added_information':
        // Notifications: IntegrityOfficerUpdate to every officer with access (held to office hours).
        // Deadline engine: deadlines.resume(...) here if the workflow ever pauses for the reporter.
        return;
      case 'officer_messaged_reporter':
        // Deadline engine: if (event.firstResponse) deadlines.markFirstResponse(tx, track, report.id).
        // Notifications: IntegrityReporterUpdate (consenting reporters only, address resolved at send).
        return;
      case 'transitioned':
        // Deadline engine: if (event.firstResponse) markFirstResponse; if (event.rule.decision)
        //   deadlines.recordResult(tx, track, report.id) (freezes the outcome); on `open_fact_finding`
        //   the conclusion period of the track's settings starts (deadlines.reschedule).
        // Notifications: IntegrityReporterUpdate when event.rule.decision (consenting reporters only).
        return;
      case 'identity_requested':
        // Notifications: tell the organisation's custodians that a request waits (no content).
        return;
    }
  }
}
