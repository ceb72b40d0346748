import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last number given per organisation, series (e.g. `complaint`) and fiscal year. */
@Entity('reference_counters')
export class ReferenceCounter {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_reference_counters' })
  organizationId!: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_reference_counters' })
  series!: string;

  @PrimaryColumn('int', { primaryKeyConstraintName: 'pk_reference_counters' })
  fiscalYear!: number;

  @Column('int')
  lastValue!: number;
}
