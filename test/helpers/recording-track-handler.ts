import { EntityManager } from 'typeorm';
import { DeadlineMilestoneHandler, MilestoneEvent } from '../../src/deadlines/deadline-track';

export interface RecordedMilestone extends MilestoneEvent {
  /** the handler ran inside a transaction (the engine's) */
  inTransaction: boolean;
}

/** A test-only track: records every milestone the engine hands it. */
export class RecordingTrackHandler implements DeadlineMilestoneHandler {
  readonly calls: RecordedMilestone[] = [];
  private readonly failing = new Set<string>();

  /** The next call for this case throws (the engine must roll the milestone back). */
  failOnce(caseId: string): void {
    this.failing.add(caseId);
  }

  async onMilestone(tx: EntityManager, event: MilestoneEvent): Promise<void> {
    await tx.query('SELECT 1');
    if (this.failing.delete(event.caseId)) throw new Error('track handler failed');
    this.calls.push({ ...event, inTransaction: tx.queryRunner?.isTransactionActive === true });
  }

  of(caseId: string): RecordedMilestone[] {
    return this.calls.filter((c) => c.caseId === caseId);
  }
}
