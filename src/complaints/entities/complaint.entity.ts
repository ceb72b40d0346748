import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { Unit } from '../../organizations/entities/unit.entity';
import { ComplaintCategory } from '../../reference-data/entities/complaint-category.entity';
import { User } from '../../users/entities/user.entity';
import { ComplaintChannel } from '../channels';
import { ComplaintStatus } from '../complaint-workflow';
import { SubmissionKind } from '../submission-kinds';

/** เรื่องร้องเรียน/ร้องทุกข์: a general complaint. Its history is in complaint_events. */
@Entity('complaints')
@Unique('uq_complaints_organization_reference', ['organizationId', 'referenceNo'])
@Unique('uq_complaints_tracking_code_hash', ['trackingCodeHash'])
@Index('ix_complaints_organization_received', ['organizationId', 'receivedAt'])
@Index('ix_complaints_organization_status', ['organizationId', 'status'])
@Index('ix_complaints_unit_status', ['unitId', 'status'])
@Index('ix_complaints_assignee', ['assigneeId'])
@Check('ck_complaints_kind', `kind IN ('complaint', 'suggestion', 'compliment')`)
// Officers find the citizen on the phone by number (searches are audited).
@Index('ix_complaints_organization_phone', ['organizationId', 'complainantPhone'])
// Trigram index over subject and description for Thai substring search (no word boundaries in Thai).
@Index('ix_complaints_search_trgm', { synchronize: false })
// Statistics count suggestions and compliments from the table (complaints come from the rollups):
// partial, on (received_at, organization_id) WHERE kind <> 'complaint' (migration FiguresByBreakdown).
@Index('ix_complaints_other_kinds', { synchronize: false })
export class Complaint {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_complaints' })
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_complaints_organization' })
  organization?: Organization;

  /** e.g. 2569/000123: fiscal year of receipt and a per-organisation sequence. */
  @Column('text')
  referenceNo!: string;

  @Column('int')
  fiscalYear!: number;

  /** never loaded with the entity (select: false), so no officer's view or answer can carry it */
  @Column('text', { select: false })
  trackingCodeHash!: string;

  @Column('uuid')
  categoryId!: string;

  @ManyToOne(() => ComplaintCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_complaints_category' })
  category?: ComplaintCategory;

  @Column('text')
  channel!: ComplaintChannel;

  /** complaint (default), suggestion or compliment; see submission-kinds.ts */
  @Column('text', { default: SubmissionKind.Complaint })
  kind!: SubmissionKind;

  @Column('text')
  status!: ComplaintStatus;

  @Column('uuid', { nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_complaints_unit' })
  unit?: Unit | null;

  @Column('uuid', { nullable: true })
  assigneeId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_complaints_assignee' })
  assignee?: User | null;

  @Column('text')
  subject!: string;

  @Column('text')
  description!: string;

  @Column('text', { nullable: true })
  locationAddress!: string | null;

  @Column('text', { nullable: true })
  locationVillage!: string | null;

  @Column('double precision', { nullable: true })
  latitude!: number | null;

  @Column('double precision', { nullable: true })
  longitude!: number | null;

  @Column('text', { nullable: true })
  complainantName!: string | null;

  /** digits only, e.g. 0812345678 */
  @Column('text', { nullable: true })
  complainantPhone!: string | null;

  @Column('text', { nullable: true })
  complainantEmail!: string | null;

  /** Messages go to the complainant's contacts only with this consent. */
  @Column('boolean', { default: false })
  consentToContact!: boolean;

  /** When the organisation actually received it (back-dated for letters and walk-ins). */
  @Column('timestamptz')
  receivedAt!: Date;

  /** The officer who registered an offline complaint; null for the public web form. */
  @Column('uuid', { nullable: true })
  registeredById!: string | null;

  @Column('uuid', { nullable: true })
  duplicateOfId!: string | null;

  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'duplicate_of_id', foreignKeyConstraintName: 'fk_complaints_duplicate_of' })
  duplicateOf?: Complaint | null;

  @Column('int', { default: 0 })
  reopenCount!: number;

  /** The result told to the complainant (public). */
  @Column('text', { nullable: true })
  resultMessage!: string | null;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;

  @Column('smallint', { nullable: true })
  rating!: number | null;

  @Column('text', { nullable: true })
  ratingComment!: string | null;

  @Column('timestamptz', { nullable: true })
  ratedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
