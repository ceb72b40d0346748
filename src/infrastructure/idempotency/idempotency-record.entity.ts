import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a request sent with an Idempotency-Key header, kept so that a retry gets the
 * same answer instead of creating a second case. Written in the same statement as the case, deleted
 * after IDEMPOTENCY_TTL_HOURS. The answer holds a tracking code: it is stored only encrypted under a
 * key derived from the client's Idempotency-Key, which is itself stored only as a hash (see
 * IdempotencyService), so a database dump yields no code.
 */
@Entity('idempotency_records')
@Index('ix_idempotency_records_created_at', ['createdAt'])
export class IdempotencyRecord {
  /** SHA-256 of the scope (e.g. `complaint:<organization id>`) and the client's key */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_idempotency_records' })
  scopedKey!: string;

  /** HMAC of the request body under the record's key: the same key with another body is refused */
  @Column('text')
  requestHash!: string;

  @Column('int')
  statusCode!: number;

  /** the answer as JSON, AES-256-GCM: 12-byte IV, 16-byte tag, ciphertext */
  @Column('bytea')
  response!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
