import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../infrastructure/redis/redis.module';
import { endOfClockHour } from './hour-window';

/**
 * Wrong receipts from one client within the window (the clock hour) before further attempts are
 * refused. Every window is a clock hour, whose end is the keys' expiry (see endOfClockHour).
 */
export const RECEIPT_THROTTLE = { windowSeconds: 60 * 60, maxFailures: 10, limitedSlowdownFactor: 3 };

/**
 * Abuse limits of the integrity channel, counted in Redis under the client's daily keyed hash (see
 * IntegritySecrets.clientKey) per clock hour: no address is stored anywhere, and no expiry dates a request.
 */
@Injectable()
export class ReporterThrottle {
  private readonly logger = new Logger(ReporterThrottle.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /**
   * Counts a submission; refuses beyond INTEGRITY_SUBMISSIONS_PER_HOUR. When Redis is away reports
   * are still accepted: a whistleblower must never be turned away by an outage of a counter.
   */
  async takeSubmission(client: string): Promise<void> {
    let count: number;
    let ttl: number;
    try {
      ({ count, ttl } = await this.countInHour(`integrity:submissions:${client}`));
    } catch {
      this.logger.warn('Submission limit not checked: Redis unavailable');
      return;
    }
    if (count > this.config.integrity.submissionsPerHour) {
      const retryAfter = String(Math.max(ttl, 1));
      throw new DomainError(
        'SUBMISSION_LIMIT_REACHED',
        { retryAfterSeconds: Number(retryAfter) },
        undefined,
        {
          'retry-after': retryAfter,
        },
      );
    }
  }

  /**
   * Counts a receipt sign-in, right or wrong (each costs an Argon2id hash): at most
   * RATE_LIMIT_TRACKING_PER_MINUTE in a clock hour (the per-minute limiter, whose keys would date
   * the attempt, does not run on the reporter's routes).
   */
  async countReceiptAttempt(client: string): Promise<void> {
    const attempts = await this.countInHour(`integrity:receipt-attempts:${client}`);
    if (attempts.count > this.config.app.routeLimits.tracking) {
      const retryAfter = String(Math.max(attempts.ttl, 1));
      throw new DomainError('RATE_LIMITED', undefined, undefined, { 'retry-after': retryAfter });
    }
  }

  /**
   * After too many wrong receipts from this client in this hour, the error a further wrong one gets
   * instead of INVALID_RECEIPT (null below the limit). A right receipt still opens its report: a
   * network shared with someone who mistypes, or guesses, must not shut a reporter out. Guessing
   * stays hopeless: 10^16 receipts, Argon2id per try, the hourly attempt cap and a longer minimum
   * answer time.
   */
  async receiptLimit(client: string): Promise<DomainError | null> {
    const key = this.receiptKey(client);
    const [failures, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
    if (Number(failures ?? 0) < RECEIPT_THROTTLE.maxFailures) return null;
    const retryAfter = String(Math.max(ttl, 1));
    return new DomainError('RECEIPT_ATTEMPTS_LIMITED', { retryAfterSeconds: Number(retryAfter) }, undefined, {
      'retry-after': retryAfter,
    });
  }

  /**
   * Counts a wrong receipt. A right one does not reset the count: otherwise someone holding one valid
   * receipt could interleave it with guesses and never be slowed down.
   */
  async recordReceiptFailure(client: string): Promise<void> {
    await this.countInHour(this.receiptKey(client));
  }

  /** Adds one to the counter of this clock hour, which expires at the hour's end; its count and TTL. */
  private async countInHour(key: string): Promise<{ count: number; ttl: number }> {
    const result = await this.redis
      .multi()
      .incr(key)
      .expireat(key, endOfClockHour(Date.now()), 'NX')
      .ttl(key)
      .exec();
    return {
      count: Number(result?.[0]?.[1] ?? 0),
      ttl: Number(result?.[2]?.[1] ?? RECEIPT_THROTTLE.windowSeconds),
    };
  }

  private receiptKey(client: string): string {
    return `integrity:receipt-failures:${client}`;
  }
}
