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
import { IntegrityReport } from './integrity-report.entity';

/** An internal note between integrity officers; never shown to the reporter. */
@Entity('integrity_report_notes')
@Index('ix_integrity_report_notes_report', ['reportId'])
export class IntegrityReportNote {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_report_notes' })
  id!: string;

  @Column('uuid')
  reportId!: string;

  @ManyToOne(() => IntegrityReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_integrity_report_notes_report' })
  report?: IntegrityReport;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_integrity_report_notes_organization' })
  organization?: Organization;

  @Column('uuid')
  authorUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_user_id', foreignKeyConstraintName: 'fk_integrity_report_notes_author' })
  authorUser?: User;

  /** The text, sealed with the report's data key (crypto/report-contents.ts). */
  @Column('bytea', { nullable: true })
  sealedBody!: Buffer | null;

  /** Plain text of a note written before encryption; emptied by `encrypt-integrity-reports`. */
  @Column('text', { name: 'body', nullable: true, select: false })
  legacyBody!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
