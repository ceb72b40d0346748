import Redis from 'ioredis';

interface Counted {
  current: number;
  ttl: number;
}
type Done = (error: Error | null, result?: Counted) => void;

/** The store interface of @fastify/rate-limit (its stores are plain JavaScript). */
interface RateLimitStore {
  incr(key: string, done: Done, timeWindow: number, max: number): void;
  read(key: string, done: Done, timeWindow: number, max: number): void;
  child(routeOptions: unknown): RateLimitStore;
}
type StoreClass = new (...args: unknown[]) => RateLimitStore;

/* eslint-disable @typescript-eslint/no-require-imports -- the library ships its stores without types */
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as StoreClass;
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as StoreClass;
/* eslint-enable @typescript-eslint/no-require-imports */

interface GlobalParams {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
}

/**
 * Rate limits counted in Redis (shared by every API instance), and in this process while Redis is
 * away, instead of not at all: each instance then allows the limit on its own, which is looser by
 * the number of instances but still a limit. Counting returns to Redis as soon as it answers.
 */
export function fallbackRateLimitStore(redis: Redis, nameSpace: string) {
  class FallbackStore implements RateLimitStore {
    constructor(
      private readonly shared: RateLimitStore,
      private readonly local: RateLimitStore,
    ) {}

    static create(params: GlobalParams): FallbackStore {
      return new FallbackStore(
        new RedisStore(params.continueExceeding, params.exponentialBackoff, redis, nameSpace),
        new LocalStore(params.continueExceeding, params.exponentialBackoff),
      );
    }

    incr(key: string, done: Done, timeWindow: number, max: number): void {
      this.use('incr', key, done, timeWindow, max);
    }

    read(key: string, done: Done, timeWindow: number, max: number): void {
      this.use('read', key, done, timeWindow, max);
    }

    private use(method: 'incr' | 'read', key: string, done: Done, timeWindow: number, max: number): void {
      // not even trying while the connection is known to be down: no request waits for a timeout
      if (redis.status !== 'ready') return this.local[method](key, done, timeWindow, max);
      this.shared[method](
        key,
        (error, result) => (error ? this.local[method](key, done, timeWindow, max) : done(null, result)),
        timeWindow,
        max,
      );
    }

    child(routeOptions: unknown): FallbackStore {
      return new FallbackStore(this.shared.child(routeOptions), this.local.child(routeOptions));
    }
  }
  // the plugin calls `new Store(globalParams)`
  return function Store(params: GlobalParams) {
    return FallbackStore.create(params);
  } as unknown as new (params: GlobalParams) => FallbackStore;
}
