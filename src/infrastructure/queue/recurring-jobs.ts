import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { describeError } from '../../common/errors/error-summary';
import { OperationalCounters } from '../metrics/operational-counters';
import { QueueName } from './queue-names';
import { within } from './within';

/** One recurring job: a BullMQ job scheduler the worker keeps in Redis. */
export interface RecurringJob {
  /** the scheduler's id in Redis (keep it stable: a renamed one leaves the old scheduler behind) */
  id: string;
  queue: QueueName;
  /** the job name its queue's processor handles */
  name: string;
  repeat: { every: number } | { pattern: string; tz: string };
}

/** The declared list (see src/recurring-jobs.ts). */
export const RECURRING_JOBS = Symbol('RECURRING_JOBS');

export type RedisListener = () => Promise<unknown>;

const REDIS_TIMEOUT_MS = 3000;
export const REDIS_DATA_LOSSES = 'redis_data_losses';

/**
 * Keeps every declared recurring job scheduled (worker role only). It installs them all at start,
 * and checks that they are still in Redis every SCHEDULES_CHECK_INTERVAL_MS and whenever a queue
 * connection comes back. A missing schedule means Redis lost its data (restarted empty, flushed,
 * failed over to an empty replica): it is reinstalled at once, the loss is logged and counted
 * (`rongrian_redis_data_losses_total`), and the features that keep state in Redis rebuild it from
 * PostgreSQL through `onDataLost`.
 */
@Injectable()
export class RecurringJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Schedules');
  private timer?: NodeJS.Timeout;
  private started?: Promise<void>;
  private checking?: Promise<string[]>;
  private readonly lostListeners: RedisListener[] = [];
  private readonly backListeners: RedisListener[] = [];

  constructor(
    @Inject(RECURRING_JOBS) readonly declared: RecurringJob[],
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
    private readonly counters: OperationalCounters,
  ) {
    counters.define(REDIS_DATA_LOSSES, 'Times a worker found that Redis had lost its recurring schedules');
  }

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** Called after Redis lost its data (the schedules are back already). */
  onDataLost(listener: RedisListener): void {
    this.lostListeners.push(listener);
  }

  /** Called whenever a queue connection to Redis comes back after it was lost. */
  onReconnected(listener: RedisListener): void {
    this.backListeners.push(listener);
  }

  onApplicationBootstrap(): void {
    void this.installed();
    this.watchConnections().catch((error: unknown) =>
      this.logger.warn(`Not watching the Redis connection: ${(error as Error).message}`),
    );
    this.timer = setInterval(() => void this.check(), this.config.redis.schedulesCheckIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Resolves once every schedule was upserted at start (an upsert also applies changed intervals). */
  installed(): Promise<void> {
    this.started ??= (async () => {
      for (const job of this.declared) await this.install(job);
      this.logger.log(`Recurring jobs scheduled: ${this.declared.map((j) => j.id).join(', ')}`);
    })().catch((error: unknown) => {
      this.logger.error(`Recurring jobs could not be scheduled yet: ${(error as Error).message}`);
    });
    return this.started;
  }

  /** Reinstalls every declared schedule missing from Redis; returns their ids. One check at a time. */
  check(): Promise<string[]> {
    this.checking ??= this.checkNow()
      .catch((error: unknown) => {
        this.logger.warn(`Recurring jobs not checked (will try again): ${(error as Error).message}`);
        return [];
      })
      .finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkNow(): Promise<string[]> {
    await this.installed();
    const first = await this.missingSchedules();
    if (first.length === 0) return [];
    // The schedules are read one by one: Redis may have lost its data between two reads, so the
    // first pass saw only the later ones missing. A second pass sees everything that was lost, so
    // that one loss is reinstalled, logged and counted once (not once per part).
    const again = new Set(await this.missingSchedules());
    const missing = this.declared.filter((job) => first.includes(job) || again.has(job));
    for (const job of missing) await this.install(job);
    const ids = missing.map((j) => j.id);
    this.logger.warn(
      `Redis lost its data: ${ids.length} of ${this.declared.length} recurring schedules were missing ` +
        `(${ids.join(', ')}) and are reinstalled; rebuilding the deadline timers and the mail queue from PostgreSQL`,
    );
    await this.counters.increment(REDIS_DATA_LOSSES).catch(() => undefined);
    await this.notify(this.lostListeners);
    return ids;
  }

  /** The declared schedules Redis does not hold. */
  private async missingSchedules(): Promise<RecurringJob[]> {
    const missing: RecurringJob[] = [];
    for (const job of this.declared) {
      const found = await within(
        REDIS_TIMEOUT_MS,
        'Reading a job scheduler',
        this.queue(job.queue).getJobScheduler(job.id),
      );
      if (!found) missing.push(job);
    }
    return missing;
  }

  private async install(job: RecurringJob): Promise<void> {
    await within(
      REDIS_TIMEOUT_MS,
      `Scheduling ${job.id}`,
      this.queue(job.queue).upsertJobScheduler(job.id, job.repeat, {
        name: job.name,
        // a recurring job is not retried (the next run comes soon) and leaves no history behind
        opts: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } },
      }),
    );
  }

  /** The listeners side by side: mail need not wait for thousands of deadline timers. */
  private async notify(listeners: RedisListener[]): Promise<void> {
    await Promise.all(
      listeners.map((listener) =>
        listener().catch((error: unknown) =>
          this.logger.error(`Rebuilding after a Redis loss failed (will try again): ${describeError(error)}`),
        ),
      ),
    );
  }

  /** The connection coming back (one queue's: they all reach the same Redis): tell, and check at once. */
  private async watchConnections(): Promise<void> {
    const client = await this.queue(this.declared[0].queue).getBackend().client;
    let lost = false;
    client.on('close', () => (lost = true));
    client.on('ready', () => {
      if (!lost) return;
      lost = false;
      this.logger.log('Redis is back: checking the recurring schedules');
      void this.notify(this.backListeners).then(() => this.check());
    });
  }
}
