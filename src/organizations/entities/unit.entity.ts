import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization } from './organization.entity';

/** หน่วยงานผู้รับผิดชอบ: a สำนัก / กอง / ฝ่าย of the organisation. */
@Entity('units')
@Unique('uq_units_organization_code', ['organizationId', 'code'])
export class Unit {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_units' })
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_units_organization' })
  organization?: Organization;

  @Column('text')
  code!: string;

  @Column('text')
  nameTh!: string;

  @Column('text', { nullable: true })
  nameEn!: string | null;

  @Column('int', { default: 0 })
  sortOrder!: number;

  @Column('boolean', { default: true })
  isActive!: boolean;
}
