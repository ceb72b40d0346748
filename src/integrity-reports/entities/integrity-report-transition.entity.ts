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
import { User } from '../../users/entities/user.entity';
import { IntegrityStatus, WorkflowAction } from '../workflow';
import { IntegrityReport } from './integrity-report.entity';

/** One step of a report's workflow, taken by an officer. */
@Entity('integrity_report_transitions')
@Index('ix_integrity_report_transitions_report', ['reportId'])
export class IntegrityReportTransition {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_report_transitions' })
  id!: string;

  @Column('uuid')
  reportId!: string;

  @ManyToOne(() => IntegrityReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_integrity_report_transitions_report' })
  report?: IntegrityReport;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_integrity_report_transitions_organization',
  })
  organization?: Organization;

  @Column('text')
  action!: WorkflowAction;

  @Column('text')
  fromStatus!: IntegrityStatus;

  @Column('text')
  toStatus!: IntegrityStatus;

  @Column('uuid')
  actorUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_user_id', foreignKeyConstraintName: 'fk_integrity_report_transitions_actor' })
  actorUser?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
