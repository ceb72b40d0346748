import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { IntegrityReport } from './integrity-report.entity';

/**
 * The identity a reporter chose to give, encrypted. Kept apart from the report so that no query for a report ever reads it; only the
 * custodian-approved identity request opens it.
 */
@Entity('integrity_reporter_identities')
export class IntegrityReporterIdentity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_reporter_identities' })
  reportId!: string;

  @OneToOne(() => IntegrityReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_integrity_reporter_identities_report' })
  report?: IntegrityReport;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_integrity_reporter_identities_organization',
  })
  organization?: Organization;

  /**
   * The identity, sealed under a key derived from BOTH the report's data key (integrity officers with
   * access hold it) and the report's identity key (custodians hold it): no one person opens it.
   */
  @Column('bytea', { nullable: true })
  sealed!: Buffer | null;

  /** The identity key sealed under the reporter's receipt-derived key (to wrap it for new custodians). */
  @Column('bytea', { nullable: true, select: false })
  reporterWrappedKey!: Buffer | null;

  /**
   * Only when the reporter asked for e-mail notices: that address alone, sealed with IDENTITY_KEYS so
   * the mail worker can send to it with no one signed in. Never the name, phone or national id.
   */
  @Column('jsonb', { nullable: true })
  noticeAddress!: NoticeAddress | null;

  /** Before issue 11: the whole identity under IDENTITY_KEYS; emptied by `encrypt-integrity-reports`. */
  @Column('text', { nullable: true })
  keyId!: string | null;

  @Column('bytea', { nullable: true })
  iv!: Buffer | null;

  @Column('bytea', { nullable: true })
  ciphertext!: Buffer | null;

  @Column('bytea', { nullable: true })
  authTag!: Buffer | null;
}

/** A SealedValue of IdentityVault in JSON (base64 fields). */
export interface NoticeAddress {
  keyId: string;
  iv: string;
  ciphertext: string;
  authTag: string;
}
