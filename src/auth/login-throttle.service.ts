import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { REDIS } from '../infrastructure/redis/redis.module';

/** Failed sign-ins within WINDOW slow the next attempts, then lock for the rest of the window. */
export const LOGIN_THROTTLE = {
  windowSeconds: 15 * 60,
  slowAfterAccountFailures: 3,
  lockAfterAccountFailures: 10,
  lockAfterClientFailures: 50,
  maxDelayMs: 4000,
};

/** The Redis key counting an account's failed sign-ins (under REDIS_PREFIX); its lock lives there too. */
export function accountFailuresKey(email: string): string {
  return `login-fail:account:${createHash('sha256').update(email.toLowerCase()).digest('base64url')}`;
}

@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private keys(email: string, client: string): [string, string] {
    return [accountFailuresKey(email), `login-fail:client:${client}`];
  }

  /** Throws ACCOUNT_LOCKED while locked; otherwise waits longer the more failures there were. */
  async beforeAttempt(email: string, client: string): Promise<void> {
    const [accountKey, clientKeyName] = this.keys(email, client);
    const [account, fromClient, ttl] = await Promise.all([
      this.redis.get(accountKey),
      this.redis.get(clientKeyName),
      this.redis.ttl(accountKey),
    ]);
    const accountFailures = Number(account ?? 0);
    const clientFailures = Number(fromClient ?? 0);
    if (
      accountFailures >= LOGIN_THROTTLE.lockAfterAccountFailures ||
      clientFailures >= LOGIN_THROTTLE.lockAfterClientFailures
    ) {
      const retryAfter = String(Math.max(ttl, 1));
      throw new DomainError('ACCOUNT_LOCKED', { retryAfterSeconds: Number(retryAfter) }, undefined, {
        'retry-after': retryAfter,
      });
    }
    const excess = accountFailures - LOGIN_THROTTLE.slowAfterAccountFailures;
    if (excess >= 0) {
      const delay = Math.min(this.config.auth.loginSlowdownBaseMs * 2 ** excess, LOGIN_THROTTLE.maxDelayMs);
      await sleep(delay);
    }
  }

  async recordFailure(email: string, client: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of this.keys(email, client)) multi.incr(key).expire(key, LOGIN_THROTTLE.windowSeconds);
    await multi.exec();
  }

  async recordSuccess(email: string, client: string): Promise<void> {
    await this.redis.del(this.keys(email, client)[0]);
  }
}
