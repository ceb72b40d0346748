import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';

/** The narrative supervisors write for the year (each part free text, Thai). */
export interface AnnualNarrative {
  problems: string;
  obstacles: string;
  solutions: string;
  preventiveActions: string;
}

/** What the public reads: the narrative and the figures as they were when the report was published. */
export interface PublishedAnnualReport {
  narrative: AnnualNarrative;
  complaints: unknown;
  integrityReports: unknown;
}

/**
 * รายงานสรุปผลการดำเนินการเรื่องร้องเรียน: one per organisation and fiscal year. Supervisors edit
 * the draft narrative; publishing copies it with the year's figures into `published`, so that the
 * published document stays as published until it is published again.
 */
@Entity('annual_reports')
@Unique('uq_annual_reports_organization_year', ['organizationId', 'fiscalYear'])
export class AnnualReport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_annual_reports' })
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_annual_reports_organization' })
  organization?: Organization;

  @Column('int')
  fiscalYear!: number;

  @Column('jsonb')
  narrative!: AnnualNarrative;

  @Column('uuid')
  updatedById!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('jsonb', { nullable: true })
  published!: PublishedAnnualReport | null;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Column('uuid', { nullable: true })
  publishedById!: string | null;
}
