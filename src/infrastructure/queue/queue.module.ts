import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { QueueName } from './queue-names';

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
  exports: [BullModule],
})
export class QueueModule {}
