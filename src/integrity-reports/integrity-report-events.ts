import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { IntegrityReport } from './entities/integrity-report.entity';
import { IntegrityNotices } from './integrity-notices';
import { ReportDeadlines } from './report-deadlines';
import { IntegrityStatus, TransitionRule } from './workflow';

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

/** Work to do once the caller's transaction has committed (moving the deadline timers). */
export type AfterCommit = () => Promise<void>;
const NOTHING: AfterCommit = async () => undefined;

/**
 * The one place where a change to an integrity report reaches the shared services: the deadline
 * engine (ReportDeadlines) and the notifications outbox (IntegrityNotices). Called inside the
 * transaction of the change, after it is written and with the report's row locked, so that the
 * change, its deadline bookkeeping and its notification rows commit together. Returns what to do
 * after the commit; the caller runs it.
 *
 * | event                        | deadlines                                   | notices                              |
 * | ---------------------------- | ------------------------------------------- | ------------------------------------ |
 * | submitted                    | both clocks start (receipt day, 00:00)      | officers with access, next batch     |
 * | reporter_added_information   | -                                           | officers with access, next batch     |
 * | officer_messaged_reporter    | the first one: the response (result)        | reporter (if they asked), once a day |
 * | transitioned, a decision     | response (if none yet) and conclusion       | reporter (if they asked), once a day |
 * | identity_requested           | -                                           | custodians, in office hours          |
 *
 * A submission's timers are not created at once: a job added to Redis seconds after the report
 * would record when the reporter acted (BullMQ stamps jobs and its event stream with the time).
 * The sweeper, which runs every few minutes and handles every milestone whose time has passed,
 * covers a new report until an officer's first action (or a worker start) creates its jobs.
 */
@Injectable()
export class IntegrityReportEvents {
  constructor(
    private readonly deadlines: ReportDeadlines,
    private readonly notices: IntegrityNotices,
  ) {}

  async afterChange(tx: EntityManager, event: IntegrityReportEvent): Promise<AfterCommit> {
    const { report } = event;
    switch (event.kind) {
      case 'submitted':
        await this.deadlines.start(tx, report);
        await this.notices.toOfficers(tx, report, 'reporter');
        return NOTHING;
      case 'reporter_added_information':
        await this.notices.toOfficers(tx, report, 'reporter');
        return NOTHING;
      case 'officer_messaged_reporter':
        if (event.firstResponse) await this.deadlines.responded(tx, report);
        await this.notices.toReporter(tx, report);
        return event.firstResponse ? this.rescheduling(report) : NOTHING;
      case 'transitioned':
        if (!event.rule.decision) return NOTHING;
        await this.deadlines.decided(tx, report);
        await this.notices.toReporter(tx, report);
        return this.rescheduling(report);
      case 'identity_requested':
        await this.notices.toCustodians(tx, report, {
          id: event.requestId,
          requestedByUserId: event.actor.userId,
        });
        return NOTHING;
    }
  }

  private rescheduling(report: IntegrityReport): AfterCommit {
    return () => this.deadlines.reschedule(report.id);
  }
}
