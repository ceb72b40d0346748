import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { AllegationType } from '../../reference-data/entities/allegation-type.entity';
import { ActionTakenKind, Agency, IntegrityStatus, Outcome, ReporterRelation, ReportKind } from '../workflow';

export interface AccusedPerson {
  name?: string;
  position?: string;
  unit?: string;
}

export interface Evidence {
  description?: string;
  witnesses?: string;
}

/** The particulars each workflow step records (officer-entered, shown to officers only). */
export interface WorkflowRecord {
  dismissal?: { reason: string };
  referral?: { agency: Agency; agencyName?: string; referredOn: string; letterNumber: string };
  factFinding?: {
    orderNumber: string;
    orderDate: string;
    committee: { name: string; position?: string }[];
  };
  conclusion?: {
    outcome: Outcome;
    summary?: string;
    actionsTaken?: { kind: ActionTakenKind; description: string }[];
  };
  closure?: { note?: string };
}

/**
 * A report of corruption or misconduct (แจ้งเบาะแส / ร้องเรียนการทุจริต). Deliberately without
 * creation or update instants: everything the reporter causes is stored to the day only, so that
 * neither an officer nor a database dump can line a report up with network or building logs.
 */
@Entity('integrity_reports')
@Unique('uq_integrity_reports_receipt_hash', ['organizationId', 'receiptHash'])
@Unique('uq_integrity_reports_number', ['organizationId', 'number'])
@Index('ix_integrity_reports_organization_status', ['organizationId', 'status'])
@Index('ix_integrity_reports_organization_received', ['organizationId', 'receivedOn'])
@Check(
  'ck_integrity_reports_status',
  `status IN ('received', 'screening', 'not_admissible', 'referred', 'fact_finding', 'concluded', 'closed')`,
)
@Check('ck_integrity_reports_kind', `kind IN ('complaint', 'tip')`)
export class IntegrityReport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_reports' })
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_integrity_reports_organization' })
  organization?: Organization;

  /** Readable per-organisation number for officers, e.g. IR-2569-0007 (fiscal year in BE). */
  @Column('text')
  number!: string;

  @Column('int')
  fiscalYear!: number;

  /** Argon2id of the receipt (see receipt.ts); never the receipt itself. */
  @Column('text', { select: false })
  receiptHash!: string;

  @Column('text')
  kind!: ReportKind;

  @Column('text')
  allegationTypeCode!: string;

  @ManyToOne(() => AllegationType, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'allegation_type_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fk_integrity_reports_allegation_type',
  })
  allegationType?: AllegationType;

  /**
   * What the reporter wrote (ReportContents: description, accused, incident period, place, evidence),
   * sealed with the report's own data key (see crypto/report-keys.ts). Null only for a report filed
   * before encryption that `encrypt-integrity-reports` has not reached yet.
   */
  @Column('bytea', { nullable: true })
  sealedContents!: Buffer | null;

  /** Salt of the key derived from the receipt (Argon2id) that opens `reporterWrappedKey`. */
  @Column('bytea', { nullable: true, select: false })
  reporterKeySalt!: Buffer | null;

  /** The data key sealed under the receipt-derived key: the reporter's own way in. */
  @Column('bytea', { nullable: true, select: false })
  reporterWrappedKey!: Buffer | null;

  /** Before encryption (issue 11) these held the contents in plain text; emptied by the migration command. */
  @Column('text', { name: 'description', nullable: true, select: false })
  legacyDescription!: string | null;

  @Column('jsonb', { name: 'accused', nullable: true, select: false })
  legacyAccused!: AccusedPerson | null;

  @Column('date', { nullable: true })
  incidentDate!: string | null;

  @Column('text', { name: 'incident_period', nullable: true, select: false })
  legacyIncidentPeriod!: string | null;

  @Column('text', { name: 'place', nullable: true, select: false })
  legacyPlace!: string | null;

  @Column('jsonb', { name: 'evidence', nullable: true, select: false })
  legacyEvidence!: Evidence | null;

  @Column('text', { nullable: true })
  reporterRelation!: ReporterRelation | null;

  /** Officers see only this; the identity itself is encrypted in integrity_reporter_identities. */
  @Column('boolean', { default: false })
  identityProvided!: boolean;

  @Column('text', { default: 'received' })
  status!: IntegrityStatus;

  /**
   * Civil date of receipt in the business time zone. The due dates of the first response and of the
   * decision are the deadline engine's (tracks `integrity_report`, `integrity_report_conclusion`).
   */
  @Column('date')
  receivedOn!: string;

  @Column('date', { nullable: true })
  firstResponseOn!: string | null;

  /** Day of the decision the reporter is told of (not admissible, referred, concluded). */
  @Column('date', { nullable: true })
  decidedOn!: string | null;

  @Column('date', { nullable: true })
  closedOn!: string | null;

  /** Denormalised from `workflow` for statistics. */
  @Column('text', { nullable: true })
  outcome!: Outcome | null;

  @Column('text', { nullable: true })
  referralAgency!: Agency | null;

  /** Particulars of the steps taken; their officer-written text is in `sealedParticulars`. */
  @Column('jsonb', { default: {} })
  workflow!: WorkflowRecord;

  /** The officer-written text of the particulars, sealed with the data key (crypto/report-contents.ts). */
  @Column('bytea', { nullable: true })
  sealedParticulars!: Buffer | null;

  /** Last sequence number given to a message of this report (orders messages within a day). */
  @Column('int', { default: 0 })
  lastMessageSeq!: number;
}
