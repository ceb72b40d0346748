import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from './user.entity';

export type AccountLinkPurpose = 'invitation' | 'reset';

/**
 * A one-time link e-mailed to an officer to choose their password: an invitation (new account) or a
 * reset. Only the SHA-256 of its token is stored; the token itself is derived from a server secret
 * and the row id when the mail is sent (AccountLinksService), so neither the outbox nor a dump of
 * this table holds a usable link. Single use (`usedAt`), expires (`expiresAt`); issuing a new one
 * revokes the older unused ones.
 */
@Entity('account_links')
@Index('uq_account_links_token_hash', ['tokenHash'], { unique: true })
@Index('ix_account_links_user', ['userId'])
@Check('ck_account_links_purpose', `purpose IN ('invitation', 'reset')`)
export class AccountLink {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_account_links' })
  id!: string;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_account_links_user' })
  user?: User;

  /** the organisation the row belongs to (row-level security); always its parent's */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_account_links_organization' })
  organization?: Organization;

  @Column('text')
  purpose!: AccountLinkPurpose;

  /** hex SHA-256 of the token */
  @Column('text')
  tokenHash!: string;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  /** a newer link replaced it, or the account was deactivated */
  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  /** the administrator who sent it; null when the officer asked themself */
  @Column('uuid', { nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
