import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../infrastructure/redis/redis.module';

/** Wrong receipts from one client within the window before further wrong ones are refused more slowly. */
export const RECEIPT_THROTTLE = { windowSeconds: 15 * 60, maxFailures: 10, limitedSlowdownFactor: 3 };
const SUBMISSION_WINDOW_SECONDS = 60 * 60;

/**
 * Abuse limits of the integrity channel, counted in Redis under the client's daily keyed hash (see
 * IntegritySecrets.clientKey) with a short expiry: no address is stored anywhere.
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
    const key = `integrity:submissions:${client}`;
    let count: number;
    let ttl: number;
    try {
      const result = await this.redis
        .multi()
        .incr(key)
        .expire(key, SUBMISSION_WINDOW_SECONDS, 'NX')
        .ttl(key)
        .exec();
      count = Number(result?.[0]?.[1] ?? 0);
      ttl = Number(result?.[2]?.[1] ?? SUBMISSION_WINDOW_SECONDS);
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
   * After too many wrong receipts from this client, the error a further wrong one gets instead of
   * INVALID_RECEIPT (null below the limit). A right receipt still opens its report: a network shared
   * with someone who mistypes, or guesses, must not shut a reporter out. Guessing stays hopeless:
   * 10^16 receipts, Argon2id per try, the per-route rate limit and a longer minimum answer time.
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
    const key = this.receiptKey(client);
    await this.redis.multi().incr(key).expire(key, RECEIPT_THROTTLE.windowSeconds, 'NX').exec();
  }

  private receiptKey(client: string): string {
    return `integrity:receipt-failures:${client}`;
  }
}
