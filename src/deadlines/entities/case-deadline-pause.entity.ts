import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { CaseDeadline } from './case-deadline.entity';

/** A period in which the case awaited information from the complainant (the clock stopped). */
@Entity('case_deadline_pauses')
@Index('ix_case_deadline_pauses_deadline', ['deadlineId', 'pausedAt'])
export class CaseDeadlinePause {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_case_deadline_pauses',
  })
  id!: string;

  @Column('uuid')
  deadlineId!: string;

  @ManyToOne(() => CaseDeadline, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deadline_id', foreignKeyConstraintName: 'fk_case_deadline_pauses_deadline' })
  deadline?: CaseDeadline;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_case_deadline_pauses_organization' })
  organization?: Organization;

  @Column('timestamptz')
  pausedAt!: Date;

  @Column('timestamptz', { nullable: true })
  resumedAt!: Date | null;

  /** in the mode's unit; set on resume */
  @Column('int', { nullable: true })
  pausedDays!: number | null;
}
