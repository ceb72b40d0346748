import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { Repository } from 'typeorm';
import { MetricsRegistry } from '../infrastructure/metrics/metrics-registry';
import { QueueName } from '../infrastructure/queue/queue-names';
import { within } from '../infrastructure/queue/within';
import { CaseDeadline } from './entities/case-deadline.entity';
import { DeadlineScheduler } from './deadline-scheduler.service';

interface Snapshot {
  open: number;
  overdue: number;
  oldestUnarmedSeconds: number;
  /** null when Redis does not answer */
  armed: number | null;
}

/**
 * The deadline engine in /metrics, read at scrape time (all organisations, every track):
 *   rongrian_deadline_open_cases               cases without a result (running or paused)
 *   rongrian_deadline_overdue_cases            of which overdue
 *   rongrian_deadline_timers_armed             timers set (one per running case with a milestone ahead), and jobs
 *                                              waiting in the deadlines queue (fired milestones, the next sweep)
 *   rongrian_deadline_oldest_unarmed_seconds   age of the oldest case whose timers are not set yet (0 when none)
 * Alert on timers armed falling to 0 while cases are open (Redis lost them and no worker rebuilt
 * them), and on the oldest unarmed age exceeding a few sweeper intervals (no worker running).
 */
@Injectable()
export class DeadlineMetrics implements OnModuleInit {
  private readonly logger = new Logger('DeadlineMetrics');
  private cached?: { at: number; snapshot: Promise<Snapshot | null> };

  constructor(
    private readonly registry: MetricsRegistry,
    @InjectRepository(CaseDeadline) private readonly deadlines: Repository<CaseDeadline>,
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  private async read(): Promise<Snapshot> {
    const [row] = (await this.deadlines.query(
      `SELECT count(*) FILTER (WHERE result_at IS NULL)::int AS open,
              count(*) FILTER (WHERE result_at IS NULL AND overdue_since IS NOT NULL)::int AS overdue,
              coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE NOT timers_set)), 0)::float AS oldest
         FROM case_deadlines`,
    )) as { open: number; overdue: number; oldest: number }[];
    const counts = await within(
      2000,
      'Counting deadline timers',
      Promise.all([
        this.scheduler.timerCount(),
        this.queue.getJobCounts('delayed', 'waiting', 'prioritized'),
      ]),
    )
      .then(([timers, jobs]) => ({ timers, ...jobs }))
      .catch(() => null);
    return {
      open: row.open,
      overdue: row.overdue,
      oldestUnarmedSeconds: Math.max(0, Math.round(row.oldest)),
      armed: counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null,
    };
  }

  /** One read per scrape, shared by the gauges (prom-client collects them concurrently). */
  private snapshot(): Promise<Snapshot | null> {
    if (!this.cached || Date.now() - this.cached.at > 1000) {
      const snapshot = this.read().catch((error: Error) => {
        this.logger.warn(`Deadline metrics unavailable: ${error.message}`);
        return null;
      });
      this.cached = { at: Date.now(), snapshot };
    }
    return this.cached.snapshot;
  }

  onModuleInit(): void {
    const gauge = (name: string, help: string, value: (s: Snapshot) => number | null) => {
      const snapshot = () => this.snapshot();
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const s = await snapshot();
          const v = s ? value(s) : null;
          if (v !== null) this.set(v);
        },
      });
    };
    gauge('rongrian_deadline_open_cases', 'Cases whose deadline runs (no result yet)', (s) => s.open);
    gauge('rongrian_deadline_overdue_cases', 'Open cases past their due date', (s) => s.overdue);
    gauge(
      'rongrian_deadline_timers_armed',
      'Jobs waiting in the deadlines queue: milestone timers and the next sweep',
      (s) => s.armed,
    );
    gauge(
      'rongrian_deadline_oldest_unarmed_seconds',
      'Age of the oldest case whose deadline timers are not set yet (0 when none)',
      (s) => s.oldestUnarmedSeconds,
    );
  }
}
