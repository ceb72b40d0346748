import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { IntegrityReport } from './integrity-report.entity';

/**
 * The identity a reporter chose to give, encrypted with AES-256-GCM (IdentityVault) under the key
 * named by `keyId`. Kept apart from the report so that no query for a report ever reads it; only the
 * custodian-approved identity request opens it.
 */
@Entity('integrity_reporter_identities')
export class IntegrityReporterIdentity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_reporter_identities' })
  reportId!: string;

  @OneToOne(() => IntegrityReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_integrity_reporter_identities_report' })
  report?: IntegrityReport;

  @Column('text')
  keyId!: string;

  @Column('bytea')
  iv!: Buffer;

  @Column('bytea')
  ciphertext!: Buffer;

  @Column('bytea')
  authTag!: Buffer;
}
