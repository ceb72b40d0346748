import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Counters of operational events that happen in a worker but are reported by whichever instance
 * serves /metrics (so they live in PostgreSQL, and survive the Redis loss they often count).
 */
@Entity('operational_counters')
export class OperationalCounter {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_operational_counters' })
  name!: string;

  /** bigint: read as a string by the driver */
  @Column('bigint', { default: 0 })
  value!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
