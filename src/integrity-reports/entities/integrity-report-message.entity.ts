import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';
import { IntegrityReport } from './integrity-report.entity';

export type MessageAuthor = 'reporter' | 'officer';

/**
 * The conversation with the reporter: what officers address to them and what they add. Internal notes
 * live in another table, so no query here can ever show one to the reporter. Dated to the day and
 * ordered by `seq`; no instants.
 */
@Entity('integrity_report_messages')
@Unique('uq_integrity_report_messages_report_seq', ['reportId', 'seq'])
@Check('ck_integrity_report_messages_author', `author IN ('reporter', 'officer')`)
export class IntegrityReportMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_report_messages' })
  id!: string;

  @Column('uuid')
  reportId!: string;

  @ManyToOne(() => IntegrityReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_integrity_report_messages_report' })
  report?: IntegrityReport;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_integrity_report_messages_organization',
  })
  organization?: Organization;

  @Column('int')
  seq!: number;

  @Column('text')
  author!: MessageAuthor;

  /** The officer who wrote it; null for the reporter. */
  @Column('uuid', { nullable: true })
  authorUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_user_id', foreignKeyConstraintName: 'fk_integrity_report_messages_author' })
  authorUser?: User | null;

  /** The text, sealed with the report's data key (crypto/report-contents.ts). */
  @Column('bytea', { nullable: true })
  sealedBody!: Buffer | null;

  /** Plain text of a message written before encryption; emptied by `encrypt-integrity-reports`. */
  @Column('text', { name: 'body', nullable: true, select: false })
  legacyBody!: string | null;

  @Column('date')
  sentOn!: string;
}
