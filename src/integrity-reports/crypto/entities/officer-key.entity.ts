import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../../organizations/entities/organization.entity';
import { User } from '../../../users/entities/user.entity';

/**
 * An integrity officer's or custodian's X25519 key pair. The public half is plain (anyone may wrap a
 * key for its owner); the private half is stored twice, sealed under a key derived from the owner's
 * password (Argon2id with `kekSalt`) and under their recovery key, shown to them once. Neither the
 * password nor the recovery key is stored anywhere.
 */
@Entity('integrity_officer_keys')
export class IntegrityOfficerKey {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_officer_keys' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_integrity_officer_keys_user' })
  user?: User;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_integrity_officer_keys_organization' })
  organization?: Organization;

  @Column('bytea')
  publicKey!: Buffer;

  @Column('bytea')
  kekSalt!: Buffer;

  @Column('bytea')
  privateKeyByPassword!: Buffer;

  @Column('bytea')
  privateKeyByRecovery!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
