import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import type { DeadlineState } from '../deadlines/deadline-rules';
import type { DeadlineTrack } from '../deadlines/deadline-track';
import { DeadlinesService } from '../deadlines/deadlines.service';
import type { DeadlineView } from '../deadlines/dto/deadline-view';
import { IntegrityReport } from './entities/integrity-report.entity';
import { startOfDay } from '../deadlines/day-counting';
import { describeError } from '../common/errors/error-summary';

/** The first response to the reporter (a message or a decision): default 15 days. */
export const RESPONSE_TRACK: DeadlineTrack = 'integrity_report';
/** The decision on the report (not admissible, referred, concluded): default 90 days from receipt. */
export const CONCLUSION_TRACK: DeadlineTrack = 'integrity_report_conclusion';
export const REPORT_TRACKS: readonly DeadlineTrack[] = [RESPONSE_TRACK, CONCLUSION_TRACK];

/** A report's two deadlines as its views show them (dates only). */
export interface ReportDeadlineDates {
  response: DeadlineView | null;
  conclusion: DeadlineView | null;
}

export interface DeadlineSummary {
  dueOn: string | null;
  state: DeadlineState | null;
}

export const summary = (d: DeadlineView | null): DeadlineSummary => ({
  dueOn: d?.currentDueDate ?? null,
  state: d?.state ?? null,
});

/**
 * A report's deadlines in the shared engine: two tracks keyed by the report id (the engine keeps one
 * row per track and case). Both clocks start at receipt, recorded as 00:00 of the receipt day so
 * that the engine's instants tell the day only. The first message to the reporter or the first
 * decision is the response (its outcome is frozen then); a decision is also the conclusion.
 * Callers hold the report's row lock (engine rule: lock your own case row first).
 */
@Injectable()
export class ReportDeadlines implements OnApplicationBootstrap {
  private readonly logger = new Logger('IntegrityReports');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** In the worker role: reports received before the deadlines were wired get theirs (in the background). */
  onApplicationBootstrap(): void {
    if (this.config.app.role === 'api') return;
    this.startMissing().catch((error: unknown) =>
      this.logger.error(`Integrity report deadlines not started: ${describeError(error)}`),
    );
  }

  /**
   * Starts the clocks of every report that has none (received before this module used the engine),
   * with the response and decision it already had recorded as results on their days. Returns how many.
   */
  async startMissing(): Promise<number> {
    const ids: { id: string }[] = await this.db.query(
      `SELECT r.id FROM integrity_reports r WHERE NOT EXISTS (
         SELECT 1 FROM case_deadlines d WHERE d.track = $1 AND d.case_id = r.id)`,
      [RESPONSE_TRACK],
    );
    for (const { id } of ids) {
      await this.db.transaction(async (tx) => {
        const report = await tx
          .getRepository(IntegrityReport)
          .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!report) return;
        await this.start(tx, report);
        const dayOf = (date: string) => startOfDay(date, this.config.app.timeZone);
        if (report.firstResponseOn) {
          await this.deadlines.markFirstResponse(tx, RESPONSE_TRACK, id, dayOf(report.firstResponseOn));
          await this.deadlines.recordResult(tx, RESPONSE_TRACK, id, dayOf(report.firstResponseOn));
        }
        if (report.decidedOn)
          await this.deadlines.recordResult(tx, CONCLUSION_TRACK, id, dayOf(report.decidedOn));
      });
      await this.reschedule(id);
    }
    if (ids.length > 0)
      this.logger.log(`Deadlines started for ${ids.length} integrity report(s) received earlier`);
    return ids.length;
  }

  /** Starts both clocks (idempotent: a report that has them keeps them). */
  async start(tx: EntityManager, report: IntegrityReport): Promise<void> {
    const receivedAt = startOfDay(report.receivedOn, this.config.app.timeZone);
    for (const track of REPORT_TRACKS) {
      await this.deadlines.startClock(tx, {
        track,
        caseId: report.id,
        organizationId: report.organizationId,
        receivedAt,
        startedAt: receivedAt,
      });
    }
  }

  /** The reporter has been answered: the response deadline has its result. */
  async responded(tx: EntityManager, report: IntegrityReport): Promise<void> {
    // a report received before the deadlines were wired gets its clocks now
    await this.start(tx, report);
    const now = this.clock.now();
    await this.deadlines.markFirstResponse(tx, RESPONSE_TRACK, report.id, now);
    await this.deadlines.recordResult(tx, RESPONSE_TRACK, report.id, now);
  }

  /** A decision the reporter is told of: it answers them (if nothing did before) and concludes. */
  async decided(tx: EntityManager, report: IntegrityReport): Promise<void> {
    await this.responded(tx, report);
    await this.deadlines.recordResult(tx, CONCLUSION_TRACK, report.id, this.clock.now());
  }

  /** Moves the timers of both deadlines; after the commit. Never throws. */
  async reschedule(reportId: string): Promise<void> {
    await Promise.all(REPORT_TRACKS.map((track) => this.deadlines.reschedule(track, reportId)));
  }

  async forReports(ids: string[]): Promise<Map<string, ReportDeadlineDates>> {
    const [response, conclusion] = await Promise.all([
      this.deadlines.getMany(RESPONSE_TRACK, ids),
      this.deadlines.getMany(CONCLUSION_TRACK, ids),
    ]);
    return new Map(
      ids.map((id) => [id, { response: response.get(id) ?? null, conclusion: conclusion.get(id) ?? null }]),
    );
  }

  async forReport(id: string): Promise<ReportDeadlineDates> {
    return (await this.forReports([id])).get(id)!;
  }
}
