import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';

/** The last report number given per organisation and fiscal year (IR-<year>-<number>). */
@Entity('integrity_report_counters')
export class IntegrityReportCounter {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_report_counters' })
  organizationId!: string;

  @PrimaryColumn('int', { primaryKeyConstraintName: 'pk_integrity_report_counters' })
  fiscalYear!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_integrity_report_counters_organization',
  })
  organization?: Organization;

  @Column('int')
  lastNumber!: number;
}
