import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Kind of wrongdoing alleged in an integrity report; national list shared by every organisation. */
@Entity('allegation_types')
export class AllegationType {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_allegation_types' })
  code!: string;

  @Column('text')
  nameTh!: string;

  @Column('text')
  nameEn!: string;

  @Column('int', { default: 0 })
  sortOrder!: number;

  @Column('boolean', { default: true })
  isActive!: boolean;
}
