import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One officer action: who, when, what, before and after. Append-only: a database trigger rejects
 * UPDATE and DELETE on this table.
 */
@Entity('audit_entries')
@Index('ix_audit_entries_organization_created', ['organizationId', 'createdAt'])
@Index('ix_audit_entries_entity', ['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_audit_entries' })
  id!: string;

  @Column('uuid', { nullable: true })
  organizationId!: string | null;

  /** null for actions of the system itself (seeding, scheduled jobs). */
  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  @Column('text')
  action!: string;

  @Column('text')
  entityType!: string;

  @Column('text')
  entityId!: string;

  @Column('jsonb', { nullable: true })
  before!: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after!: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  requestId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
