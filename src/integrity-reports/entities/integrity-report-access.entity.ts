import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';
import { IntegrityReport } from './integrity-report.entity';

export type AccessStatus = 'granted' | 'recused';

/**
 * Who may read a report. When a report arrives every active integrity officer of the organisation is
 * granted; an officer with access may grant it to another integrity officer, or recuse one (a conflict
 * of interest), who then loses it. See ReportAccessPolicy for the full rule.
 */
@Entity('integrity_report_access')
@Index('ix_integrity_report_access_user', ['userId'])
@Check('ck_integrity_report_access_status', `status IN ('granted', 'recused')`)
export class IntegrityReportAccess {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_report_access' })
  reportId!: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_report_access' })
  userId!: string;

  @ManyToOne(() => IntegrityReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_integrity_report_access_report' })
  report?: IntegrityReport;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_integrity_report_access_user' })
  user?: User;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_integrity_report_access_organization',
  })
  organization?: Organization;

  @Column('text')
  status!: AccessStatus;

  /** Why a recusal or grant was made (required for recusals). */
  @Column('text', { nullable: true })
  reason!: string | null;

  /** null for the grants made automatically when the report arrived. */
  @Column('uuid', { nullable: true })
  changedByUserId!: string | null;

  @Column('timestamptz', { nullable: true })
  changedAt!: Date | null;
}
