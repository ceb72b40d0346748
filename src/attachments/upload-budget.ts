import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../infrastructure/redis/redis.module';
import { endOfClockHour } from '../integrity-reports/hour-window';

/**
 * Bytes one client may upload per clock hour (ATTACHMENT_BYTES_PER_CLIENT_PER_HOUR), counted in Redis
 * under the caller's pseudonymous client key; the key expires at the end of the hour, so it dates
 * nothing more precisely. Checked before each file and counted after it: one upload can overshoot the
 * budget by at most its own size. While Redis is away uploads are not counted (never refused for it).
 */
@Injectable()
export class UploadBudget {
  private readonly logger = new Logger(UploadBudget.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key = (client: string) => `attachments:upload-bytes:${client}`;

  async check(client: string): Promise<void> {
    let used: number;
    try {
      used = Number((await this.redis.get(this.key(client))) ?? 0);
    } catch {
      this.logger.warn('Upload budget not checked: Redis unavailable');
      return;
    }
    if (used >= this.config.attachments.bytesPerClientPerHour) {
      const retryAfter = String(Math.max(1, Math.ceil(endOfClockHour(Date.now()) - Date.now() / 1000)));
      throw new DomainError(
        'UPLOAD_BUDGET_EXCEEDED',
        { bytesPerHour: this.config.attachments.bytesPerClientPerHour },
        undefined,
        { 'retry-after': retryAfter },
      );
    }
  }

  async count(client: string, bytes: number): Promise<void> {
    try {
      await this.redis
        .multi()
        .incrby(this.key(client), bytes)
        .expireat(this.key(client), endOfClockHour(Date.now()))
        .exec();
    } catch {
      this.logger.warn('Upload not counted: Redis unavailable');
    }
  }
}
