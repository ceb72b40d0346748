import { BullModule, getQueueToken } from '@nestjs/bullmq';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import Redis from 'ioredis';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { createRedis } from '../redis/redis.module';
import { QueueName } from './queue-names';
import { logConnectionError } from './connection-errors';

/** Every queue gets an 'error' listener: without one BullMQ prints each failed reconnection's stack. */
@Injectable()
class QueueConnectionErrors implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error: Error) => logConnectionError(this.logger, `${name} queue`, error));
    }
  }
}

/** On a Redis Cluster: the one cluster client of the queues (BullMQ does not close one it was given). */
const QUEUE_CLUSTER = Symbol('QUEUE_CLUSTER');

@Injectable()
class QueueClusterLifecycle implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CLUSTER) private readonly cluster: Redis | null) {}
  async onApplicationShutdown(): Promise<void> {
    await this.cluster?.quit().catch(() => this.cluster?.disconnect());
  }
}

@Module({
  providers: [
    {
      provide: QUEUE_CLUSTER,
      inject: [AppConfig],
      // reconnect within 2 s of Redis coming back, as below
      useFactory: (config: AppConfig) =>
        config.redis.cluster
          ? createRedis(config.redis, 'queues', { retryStrategy: (attempt) => Math.min(attempt * 200, 2000) })
          : null,
    },
    QueueClusterLifecycle,
  ],
  exports: [QUEUE_CLUSTER],
})
class QueueConnectionModule {}

/**
 * BullMQ on the shared Redis, with the standard job options and every queue registered. BullMQ owns
 * (and closes on shutdown) the connections it opens from these options.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [AppConfig, QUEUE_CLUSTER],
      useFactory: (config: AppConfig, cluster: Redis | null) => ({
        // reconnect within 2 s of Redis coming back (BullMQ's default backs off up to 20 s); on a
        // Redis Cluster one cluster client (BullMQ duplicates it for its blocking connections)
        connection: cluster
          ? cluster
          : {
              url: config.redis.url,
              maxRetriesPerRequest: null,
              retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
            },
        prefix: `${config.redis.prefix}:bull`,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [QueueConnectionErrors],
  exports: [BullModule],
})
export class QueueModule {}
