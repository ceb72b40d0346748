import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { CaseDeadline } from './case-deadline.entity';

/** `extension`: an officer's explanation with a new date; `resume`: a pause moved the date;
 *  `holiday_change`: a holiday was added or removed. */
export type DeadlineChangeKind = 'extension' | 'resume' | 'holiday_change';

/** Every change of a case's current due date, for the case history and the explanation page. */
@Entity('case_deadline_changes')
@Index('ix_case_deadline_changes_deadline', ['deadlineId', 'id'])
export class CaseDeadlineChange {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_case_deadline_changes',
  })
  id!: string;

  @Column('uuid')
  deadlineId!: string;

  @ManyToOne(() => CaseDeadline, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deadline_id', foreignKeyConstraintName: 'fk_case_deadline_changes_deadline' })
  deadline?: CaseDeadline;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_case_deadline_changes_organization' })
  organization?: Organization;

  @Column('text')
  kind!: DeadlineChangeKind;

  @Column('date')
  previousDueDate!: string;

  @Column('date')
  newDueDate!: string;

  /** the officer's explanation (extension), or what changed (holiday, pause) */
  @Column('text')
  reason!: string;

  /** extensions: recorded before the due date passed (counts as the explanation) */
  @Column('boolean', { nullable: true })
  timely!: boolean | null;

  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  /** business time of the change (the Clock) */
  @Column('timestamptz')
  at!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
