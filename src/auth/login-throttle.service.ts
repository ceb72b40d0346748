import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { REDIS } from '../infrastructure/redis/redis.module';

/**
 * Failed sign-ins are counted per account and client (the pair), per client and per account, each
 * over WINDOW. A pair slows down, then locks: a stranger locks only their own pair, never the
 * officer. The account's total never locks; above `accountUnderAttackAfter` every attempt from a
 * client without a device token waits `LOGIN_SLOWDOWN_BASE_MS × 8` (at most `maxDelayMs`) first.
 * A device token (given at each successful sign-in, valid `deviceTokenDays`) marks the officer's
 * own browser: its attempts count only against that token, so neither a pair lock nor a client lock
 * from someone behind the same address stops it.
 */
export const LOGIN_THROTTLE = {
  windowSeconds: 15 * 60,
  slowAfterFailures: 3,
  lockAfterFailures: 10,
  lockAfterClientFailures: 50,
  accountUnderAttackAfter: 10,
  unknownClientDelayFactor: 8,
  maxDelayMs: 4000,
  deviceTokenDays: 90,
};

/** The account's pseudonym in the throttle's Redis keys (a hash of the lower-cased e-mail). */
export function throttleAccount(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('base64url');
}

/** Redis keys (under REDIS_PREFIX) of the failure counters. */
const failureKey = {
  pair: (account: string, client: string) => `login-fail:pair:${account}:${client}`,
  client: (client: string) => `login-fail:client:${client}`,
  account: (account: string) => `login-fail:account:${account}`,
  device: (device: string) => `login-fail:device:${device}`,
};

/** Redis keys (under REDIS_PREFIX) of an account's failures: its total and, as a pattern, its pairs. */
export function accountFailureKeys(email: string): { total: string; pairs: string } {
  const account = throttleAccount(email);
  return { total: failureKey.account(account), pairs: failureKey.pair(account, '*') };
}

/** One sign-in attempt as the throttle sees it: the account, the client, and the device if known. */
export interface SignInAttempt {
  account: string;
  client: string;
  /** the device token's id when a valid one for this account was presented */
  device: string | null;
}

@Injectable()
export class LoginThrottleService {
  private readonly deviceKey: Buffer;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.deviceKey = createHmac('sha256', config.auth.jwtSecret).update('rongrian:sign-in-device').digest();
  }

  /** Throws ACCOUNT_LOCKED while this pair (or client) is locked; otherwise waits as the counts say. */
  async beforeAttempt(email: string, client: string, deviceToken?: string): Promise<SignInAttempt> {
    const account = throttleAccount(email);
    const device = this.verifyDevice(deviceToken, account);
    if (device) {
      const failures = Number((await this.redis.get(failureKey.device(device))) ?? 0);
      // A device token that was used to guess is spent: the attempt counts as an unknown client's.
      if (failures < LOGIN_THROTTLE.lockAfterFailures) {
        await this.slowDown(failures);
        return { account, client, device };
      }
    }
    const [pair, fromClient, onAccount, pairTtl, clientTtl] = await Promise.all([
      this.redis.get(failureKey.pair(account, client)),
      this.redis.get(failureKey.client(client)),
      this.redis.get(failureKey.account(account)),
      this.redis.ttl(failureKey.pair(account, client)),
      this.redis.ttl(failureKey.client(client)),
    ]);
    const pairLocked = Number(pair ?? 0) >= LOGIN_THROTTLE.lockAfterFailures;
    if (pairLocked || Number(fromClient ?? 0) >= LOGIN_THROTTLE.lockAfterClientFailures) {
      const retryAfter = String(Math.max(pairLocked ? pairTtl : clientTtl, 1));
      throw new DomainError('ACCOUNT_LOCKED', { retryAfterSeconds: Number(retryAfter) }, undefined, {
        'retry-after': retryAfter,
      });
    }
    const underAttack = Number(onAccount ?? 0) >= LOGIN_THROTTLE.accountUnderAttackAfter;
    await this.slowDown(
      Number(pair ?? 0),
      underAttack ? this.config.auth.loginSlowdownBaseMs * LOGIN_THROTTLE.unknownClientDelayFactor : 0,
    );
    return { account, client, device: null };
  }

  async recordFailure(attempt: SignInAttempt): Promise<void> {
    const keys = attempt.device
      ? [failureKey.device(attempt.device)]
      : [failureKey.pair(attempt.account, attempt.client), failureKey.client(attempt.client)];
    const multi = this.redis.multi();
    for (const key of [...keys, failureKey.account(attempt.account)]) {
      multi.incr(key).expire(key, LOGIN_THROTTLE.windowSeconds, 'NX');
    }
    await multi.exec();
  }

  /** Clears the pair's (or device's) failures and returns a fresh device token for this browser. */
  async recordSuccess(attempt: SignInAttempt): Promise<string> {
    await this.redis.del(
      attempt.device ? failureKey.device(attempt.device) : failureKey.pair(attempt.account, attempt.client),
    );
    return this.issueDevice(attempt.account);
  }

  private async slowDown(failures: number, atLeastMs = 0): Promise<void> {
    const excess = failures - LOGIN_THROTTLE.slowAfterFailures;
    const byFailures = excess >= 0 ? this.config.auth.loginSlowdownBaseMs * 2 ** excess : 0;
    const delay = Math.min(Math.max(byFailures, atLeastMs), LOGIN_THROTTLE.maxDelayMs);
    if (delay > 0) await sleep(delay);
  }

  /** `id.expiry.mac`: bound to the account, verifiable without storage, useless for another account. */
  private issueDevice(account: string): string {
    const id = randomBytes(12).toString('base64url');
    const expires = Math.floor(Date.now() / 1000) + LOGIN_THROTTLE.deviceTokenDays * 86_400;
    return `${id}.${expires}.${this.deviceMac(account, id, expires)}`;
  }

  private verifyDevice(token: string | undefined, account: string): string | null {
    const parts = token?.split('.');
    if (!parts || parts.length !== 3 || !/^[A-Za-z0-9_-]{16}$/.test(parts[0])) return null;
    const expires = Number(parts[1]);
    if (!Number.isInteger(expires) || expires * 1000 <= Date.now()) return null;
    const expected = Buffer.from(this.deviceMac(account, parts[0], expires));
    const given = Buffer.from(parts[2]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? parts[0] : null;
  }

  private deviceMac(account: string, id: string, expires: number): string {
    return createHmac('sha256', this.deviceKey).update(`${account}|${id}|${expires}`).digest('base64url');
  }
}
