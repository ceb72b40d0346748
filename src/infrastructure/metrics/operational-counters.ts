import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Counter } from 'prom-client';
import { Repository } from 'typeorm';
import { OperationalCounter } from './entities/operational-counter.entity';
import { MetricsRegistry } from './metrics-registry';

/**
 * Counts of operational events kept in PostgreSQL: a worker increments them, and every instance's
 * /metrics reports them (`rongrian_<name>_total`, read at scrape time).
 */
@Injectable()
export class OperationalCounters {
  private readonly defined = new Set<string>();

  constructor(
    @InjectRepository(OperationalCounter) private readonly counters: Repository<OperationalCounter>,
    private readonly registry: MetricsRegistry,
  ) {}

  /** Declares the counter in /metrics (once per name). */
  define(name: string, help: string): void {
    if (this.defined.has(name)) return;
    this.defined.add(name);
    const read = () => this.value(name);
    new Counter({
      name: `rongrian_${name}_total`,
      help,
      registers: [this.registry],
      async collect() {
        const value = await read().catch(() => null);
        if (value === null) return;
        this.reset();
        this.inc(value);
      },
    });
  }

  async increment(name: string, by = 1): Promise<void> {
    await this.counters.query(
      `INSERT INTO operational_counters (name, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET value = operational_counters.value + $2, updated_at = now()`,
      [name, by],
    );
  }

  async value(name: string): Promise<number> {
    const row = await this.counters.findOneBy({ name });
    return row ? Number(row.value) : 0;
  }
}
