import {
  Check,
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
import { IntegrityReport } from './integrity-report.entity';

export type IdentityRequestStatus = 'pending' | 'approved' | 'denied';

/**
 * An integrity officer's written request to learn a reporter's identity. A custodian approves or
 * denies it; once approved, the requester alone may read the identity until `accessUntil`.
 */
@Entity('integrity_identity_requests')
@Index('ix_integrity_identity_requests_organization_status', ['organizationId', 'status'])
@Index('ix_integrity_identity_requests_report', ['reportId'])
@Check('ck_integrity_identity_requests_status', `status IN ('pending', 'approved', 'denied')`)
export class IntegrityIdentityRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_identity_requests' })
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_integrity_identity_requests_organization',
  })
  organization?: Organization;

  @Column('uuid')
  reportId!: string;

  @ManyToOne(() => IntegrityReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_integrity_identity_requests_report' })
  report?: IntegrityReport;

  @Column('uuid')
  requestedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'requested_by_user_id',
    foreignKeyConstraintName: 'fk_integrity_identity_requests_requested_by',
  })
  requestedBy?: User;

  @Column('text')
  justification!: string;

  @Column('text', { default: 'pending' })
  status!: IdentityRequestStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column('uuid', { nullable: true })
  decidedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'decided_by_user_id',
    foreignKeyConstraintName: 'fk_integrity_identity_requests_decided_by',
  })
  decidedBy?: User | null;

  @Column('text', { nullable: true })
  decisionReason!: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  /** Until when the requester may read the identity (approved requests only). */
  @Column('timestamptz', { nullable: true })
  accessUntil!: Date | null;

  /**
   * The report's identity key, wrapped by the approving custodian to the requester's public key: with
   * their own data-key wrap, the requester alone can then open the identity (crypto/identity-keys.ts).
   */
  @Column('bytea', { nullable: true, select: false })
  identityKeyWrapped!: Buffer | null;
}
