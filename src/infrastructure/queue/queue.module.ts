import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { QueueName } from './queue-names';

/**
 * A queue without an 'error' listener has BullMQ print every failed reconnection while Redis is
 * away: one warning a minute per queue instead, in both roles (the outage itself shows in
 * /health/ready and in the Redis module's log line). Queues whose owner listens already are left alone.
 */
@Injectable()
class QueueErrorLog implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      if (queue.listenerCount('error') > 0) continue;
      let lastWarning = 0;
      queue.on('error', (error: Error) => {
        if (Date.now() - lastWarning < 60_000) return;
        lastWarning = Date.now();
        this.logger.warn(`Queue ${name}: ${error.message}`);
      });
    }
  }
}

/**
 * BullMQ on the shared Redis, with the standard job options and every queue registered. BullMQ owns
 * (and closes on shutdown) the connections it opens from these options.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // reconnect within 2 s of Redis coming back (BullMQ's default backs off up to 20 s)
        connection: {
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
  providers: [QueueErrorLog],
  exports: [BullModule],
})
export class QueueModule {}
