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
}
