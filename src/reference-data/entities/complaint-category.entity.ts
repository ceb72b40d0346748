import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { Unit } from '../../organizations/entities/unit.entity';

/** A kind of general complaint; new complaints of this kind are routed to `defaultUnit`. */
@Entity('complaint_categories')
@Unique('uq_complaint_categories_organization_code', ['organizationId', 'code'])
export class ComplaintCategory {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_complaint_categories' })
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_complaint_categories_organization' })
  organization?: Organization;

  @Column('text')
  code!: string;

  @Column('text')
  nameTh!: string;

  @Column('text')
  nameEn!: string;

  /** What belongs in this category, shown to whoever picks it (the citizen's form, intake). */
  @Column('text', { nullable: true })
  descriptionTh!: string | null;

  @Column('text', { nullable: true })
  descriptionEn!: string | null;

  @Column('uuid', { nullable: true })
  defaultUnitId!: string | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'default_unit_id', foreignKeyConstraintName: 'fk_complaint_categories_default_unit' })
  defaultUnit?: Unit | null;

  @Column('int', { default: 0 })
  sortOrder!: number;

  @Column('boolean', { default: true })
  isActive!: boolean;
}
