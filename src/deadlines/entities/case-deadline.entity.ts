import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import type { DeadlineMode } from '../day-counting';
import type { DeadlineTrack } from '../deadline-track';

export type DeadlineOutcome = 'met' | 'met_by_explanation' | 'missed';

/**
 * The response deadline of one case of a track (the source of truth; jobs in Redis are only timers).
 * No foreign key to the track's tables: they belong to other modules. Dates are Bangkok civil dates.
 */
@Entity('case_deadlines')
@Unique('uq_case_deadlines_track_case', ['track', 'caseId'])
@Check(
  'ck_case_deadlines_track',
  `"track" IN ('complaint', 'integrity_report', 'integrity_report_conclusion')`,
)
@Check('ck_case_deadlines_mode', `"mode" IN ('calendar', 'working_days')`)
@Index('ix_case_deadlines_next_milestone', ['nextMilestoneAt'], { where: 'next_milestone_at IS NOT NULL' })
@Index('ix_case_deadlines_open', ['organizationId', 'veryOverdueDate'], { where: 'result_at IS NULL' })
@Index('ix_case_deadlines_timers_unset', ['createdAt'], { where: 'NOT timers_set' })
export class CaseDeadline {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_case_deadlines' })
  id!: string;

  @Column('text')
  track!: DeadlineTrack;

  @Column('uuid')
  caseId!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_case_deadlines_organization' })
  organization?: Organization;

  @Column('timestamptz')
  receivedAt!: Date;

  @Column('date')
  receivedDate!: string;

  /** the rule in force at receipt (later settings changes do not move running deadlines) */
  @Column('text')
  mode!: DeadlineMode;

  @Column('int')
  periodDays!: number;

  /** as computed at receipt; never changes */
  @Column('date')
  originalDueDate!: string;

  /** after pauses, extensions and holiday changes */
  @Column('date')
  currentDueDate!: string;

  /** when currentDueDate last changed: reminders due before this instant are not sent */
  @Column('timestamptz')
  dueSetAt!: Date;

  /** the date chosen by the latest extension (null: the due date is counted from receipt) */
  @Column('date', { nullable: true })
  extensionDueDate!: string | null;

  /** closed pauses, in the mode's unit */
  @Column('int', { default: 0 })
  pausedDays!: number;

  /** of which after the latest extension (they move its date) */
  @Column('int', { default: 0 })
  pausedDaysSinceExtension!: number;

  @Column('timestamptz', { nullable: true })
  pausedSince!: Date | null;

  @Column('timestamptz', { nullable: true })
  firstResponseAt!: Date | null;

  /** the first extension recorded before the due date passed: the required explanation */
  @Column('timestamptz', { nullable: true })
  explainedAt!: Date | null;

  /** the due date in force when that explanation was recorded */
  @Column('date', { nullable: true })
  dueDateBeforeExplanation!: string | null;

  /** set once the due date passes with neither result nor explanation; never cleared */
  @Column('timestamptz', { nullable: true })
  overdueSince!: Date | null;

  @Column('timestamptz', { nullable: true })
  resultAt!: Date | null;

  /** frozen when the result is recorded */
  @Column('text', { nullable: true })
  outcome!: DeadlineOutcome | null;

  /** the first reminder day (due_soon from this day on); null without reminders */
  @Column('date', { nullable: true })
  reminderFrom!: string | null;

  /** the last day of twice the period: very overdue from the next day */
  @Column('date')
  veryOverdueDate!: string;

  /** the earliest unhandled milestone (null when none: closed or paused); the sweeper's index */
  @Column('timestamptz', { nullable: true })
  nextMilestoneAt!: Date | null;

  /**
   * false for a new case until the worker has set its timers (the sweeper pass, see
   * DeadlineScheduler.armNewClocks); a flag, not a time: anonymous reports keep no exact times
   */
  @Column('boolean', { default: false })
  timersSet!: boolean;

  /** bumped by every change (optimistic check of the milestone handler) */
  @Column('int', { default: 0 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
