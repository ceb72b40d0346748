import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import Redis, { Cluster, RedisOptions } from 'ioredis';
import { AppConfig } from '../../config/app-config';

export const REDIS = Symbol('REDIS');

/** REDIS_URL as ioredis options: redis[s]://[user:password@]host[:port][/db] */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

export type RedisSettings = Pick<AppConfig['redis'], 'url' | 'cluster'>;

/**
 * The one way to open a Redis connection. `forCommands` fails fast while Redis is away (requests
 * then answer 503) and reconnects by itself; `forQueues` waits, as BullMQ requires. With
 * REDIS_CLUSTER a cluster client started from REDIS_URL's node: it has the same commands (typed as
 * Redis here), and the hash-tagged prefix keeps every key of ours in one slot.
 */
export function createRedis(
  settings: RedisSettings,
  purpose: 'commands' | 'queues',
  extra: RedisOptions = {},
): Redis {
  const options: RedisOptions = {
    ...redisOptionsFromUrl(settings.url),
    connectTimeout: 5000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    ...(purpose === 'commands'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 }
      : { maxRetriesPerRequest: null, enableReadyCheck: false }),
    ...extra,
  };
  if (!settings.cluster) return new Redis(options);
  const { host, port, keyPrefix, enableOfflineQueue, enableReadyCheck, retryStrategy, lazyConnect, ...node } =
    options;
  const cluster = new Cluster([{ host, port }], {
    redisOptions: node,
    keyPrefix,
    enableOfflineQueue,
    enableReadyCheck,
    lazyConnect,
    clusterRetryStrategy: retryStrategy ?? undefined,
  });
  return cluster as unknown as Redis;
}

/** How long start-up waits for the command connection before serving without it. */
const CONNECT_WAIT_MS = 3000;

@Injectable()
class RedisLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /**
   * Commands fail at once until the connection is ready (no offline queue): an instance serving
   * before its first connection is up would answer sign-in with 503 while Redis is fine. Start-up
   * waits for it a little; a Redis that is really down does not hold start-up (readiness says degraded).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    await new Promise<void>((resolve) => {
      onReady = resolve;
      this.redis.once('ready', onReady);
      timer = setTimeout(resolve, CONNECT_WAIT_MS);
    });
    clearTimeout(timer);
    this.redis.off('ready', onReady!);
  }
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const redis = createRedis(config.redis, 'commands', { keyPrefix: `${config.redis.prefix}:` });
        const logger = new Logger('Redis');
        let down = false;
        redis.on('error', (error: Error) => {
          if (!down) logger.warn(`Redis unavailable: ${error.message}`);
          down = true;
        });
        redis.on('ready', () => {
          if (down) logger.log('Redis connection restored');
          down = false;
        });
        return redis;
      },
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
