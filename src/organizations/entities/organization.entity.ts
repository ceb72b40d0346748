import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An อปท. (อบต., เทศบาล, อบจ.): every case, unit and user belongs to one. */
@Entity('organizations')
@Unique('uq_organizations_slug', ['slug'])
export class Organization {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organizations' })
  id!: string;

  /** URL name used by public routes, e.g. /api/v1/orgs/{slug}/complaints */
  @Column('text')
  slug!: string;

  @Column('text')
  nameTh!: string;

  @Column('text', { nullable: true })
  nameEn!: string | null;

  /** Per-organisation settings (deadline rules per track, office hours); defaults apply to missing keys. */
  @Column('jsonb', { default: () => "'{}'" })
  settings!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
