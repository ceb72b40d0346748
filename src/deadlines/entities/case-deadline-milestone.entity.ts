import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import type { Milestone } from '../deadline-track';
import { CaseDeadline } from './case-deadline.entity';

/**
 * A milestone the engine has handled. Written in the same transaction as the track handler's work, and
 * unique per (case, milestone, date), so a milestone is handled exactly once whatever the jobs do.
 */
@Entity('case_deadline_milestones')
@Unique('uq_case_deadline_milestones_occurrence', ['deadlineId', 'key', 'targetDate'])
export class CaseDeadlineMilestone {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_case_deadline_milestones',
  })
  id!: string;

  @Column('uuid')
  deadlineId!: string;

  @ManyToOne(() => CaseDeadline, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deadline_id', foreignKeyConstraintName: 'fk_case_deadline_milestones_deadline' })
  deadline?: CaseDeadline;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_case_deadline_milestones_organization',
  })
  organization?: Organization;

  /** 'reminder-3', 'reminder-1', 'due', 'very_overdue' */
  @Column('text')
  key!: string;

  @Column('text')
  milestone!: Milestone;

  /** the due date (reminders, due) or very-overdue date the milestone belonged to */
  @Column('date')
  targetDate!: string;

  @Column('timestamptz')
  fireAt!: Date;

  @Column('timestamptz')
  handledAt!: Date;

  /** false when skipped: a reminder overtaken by a later milestone before it was handled */
  @Column('boolean')
  notified!: boolean;
}
