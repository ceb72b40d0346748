import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { OrganizationType } from '../organization-types';

/** An อปท. (อบต., เทศบาล, อบจ.): every case, unit and user belongs to one. */
@Entity('organizations')
@Unique('uq_organizations_slug', ['slug'])
@Unique('uq_organizations_dla_code', ['dlaCode'])
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

  /** Kind of local government; null only for an organisation made before organisations were data. */
  @Column('text', { nullable: true })
  type!: OrganizationType | null;

  /** รหัส อปท.: the Department of Local Administration's code; the key of the import. */
  @Column('text', { nullable: true })
  dlaCode!: string | null;

  /** จังหวัด (Thai name, as in the DLA list) */
  @Column('text', { nullable: true })
  province!: string | null;

  /** อำเภอ / เขต */
  @Column('text', { nullable: true })
  district!: string | null;

  @Column('text', { nullable: true })
  contactEmail!: string | null;

  @Column('text', { nullable: true })
  contactPhone!: string | null;

  @Column('text', { nullable: true })
  address!: string | null;

  /** Per-organisation settings (deadline rules per track, office hours); defaults apply to missing keys. */
  @Column('jsonb', { default: {} })
  settings!: Record<string, unknown>;

  /**
   * Whether a complainant's online answer to a request for information restarts the deadline clock
   * by itself (the case goes back to in progress). When false the answer is recorded and the officers
   * told, and an officer resumes the case. Default true: the complainant did what was asked.
   */
  @Column('boolean', { default: true })
  answerResumesClock!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
