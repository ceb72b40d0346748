import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DeadlineMilestoneHandler, MilestoneEvent } from '../deadlines/deadline-track';
import { DeadlineTracksRegistry } from '../deadlines/deadline-tracks.registry';
import { IntegrityReport } from './entities/integrity-report.entity';
import { IntegrityNotices } from './integrity-notices';
import { CONCLUSION_TRACK, RESPONSE_TRACK } from './report-deadlines';

/**
 * What the deadline engine's milestones of a report mean (both tracks), inside the engine's
 * transaction: every reminder, the due date and "very overdue" reach the report's integrity officers
 * (those with access, no other role) as "report IR-… has an update", in office hours. When the first
 * response is overdue the reporter who asked for notices is told too: their view then says that the
 * answer is late and the officers have been alerted. Nothing else, and never any content.
 */
@Injectable()
export class IntegrityMilestones implements DeadlineMilestoneHandler, OnModuleInit {
  constructor(
    private readonly registry: DeadlineTracksRegistry,
    private readonly notices: IntegrityNotices,
  ) {}

  onModuleInit(): void {
    this.registry.register(RESPONSE_TRACK, this);
    this.registry.register(CONCLUSION_TRACK, this);
  }

  async onMilestone(tx: EntityManager, event: MilestoneEvent): Promise<void> {
    const report = await tx
      .getRepository(IntegrityReport)
      .findOneBy({ id: event.caseId, organizationId: event.organizationId });
    if (!report) return;
    await this.notices.toOfficers(tx, report, 'deadline');
    if (event.track === RESPONSE_TRACK && event.milestone === 'due')
      await this.notices.toReporter(tx, report);
  }
}
