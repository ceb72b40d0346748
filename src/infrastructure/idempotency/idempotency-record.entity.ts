import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a request sent with an Idempotency-Key header, kept so that a retry gets the
 * same answer instead of creating a second case. Written in the same transaction as the case.
 */
@Entity('idempotency_records')
export class IdempotencyRecord {
  /** scope (e.g. `complaint:<organization id>`) and the client's key */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_idempotency_records' })
  scopedKey!: string;

  /** SHA-256 of the request body: the same key with another body is refused */
  @Column('text')
  requestHash!: string;

  @Column('int')
  statusCode!: number;

  @Column('jsonb')
  response!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
