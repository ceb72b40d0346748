import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../../organizations/entities/organization.entity';
import { User } from '../../../users/entities/user.entity';
import { IntegrityReport } from '../../entities/integrity-report.entity';

/**
 * A secret of one report wrapped (ECIES) to one person's public key:
 *  - `data`: the report's data key, for an integrity officer with access;
 *  - `identity`: the identity key (the custodians' half of the reporter's identity), for a custodian;
 *  - `reporter_kek`: the key derived from the reporter's receipt, left for the officers when a migrated
 *    report had no reporter wrap yet; the next of them to open the report completes that wrap.
 */
export type WrappedSecret = 'data' | 'identity' | 'reporter_kek';

@Entity('integrity_report_keys')
@Index('ix_integrity_report_keys_user', ['userId'])
@Check('ck_integrity_report_keys_secret', `secret IN ('data', 'identity', 'reporter_kek')`)
export class IntegrityReportKey {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_report_keys' })
  reportId!: string;

  @ManyToOne(() => IntegrityReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_integrity_report_keys_report' })
  report?: IntegrityReport;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_report_keys' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_integrity_report_keys_user' })
  user?: User;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_integrity_report_keys' })
  secret!: WrappedSecret;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_integrity_report_keys_organization' })
  organization?: Organization;

  @Column('bytea')
  wrapped!: Buffer;
}
