import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { MetricsRegistry } from '../infrastructure/metrics/metrics.module';
import { OUTBOX_STATUSES } from './entities/outbox-message.entity';
import { OutboxAdminService } from './outbox-admin.service';
import { describeError } from '../common/errors/error-summary';

type Snapshot = Awaited<ReturnType<OutboxAdminService['counts']>>;

/**
 * Mail in /metrics, read from the outbox table at scrape time (all organisations):
 *   rongrian_mail_messages{status="pending|sending|sent|failed|not_sent|suppressed"}
 *   rongrian_mail_oldest_pending_seconds   age of the oldest due message still waiting (0 when none)
 *   rongrian_mail_smtp_configured          0 when SMTP_URL is empty (everything is recorded as not sent)
 * Alert on failed or not_sent growing, and on the oldest pending age.
 */
@Injectable()
export class MailMetrics implements OnModuleInit {
  private readonly logger = new Logger(MailMetrics.name);
  private cached?: { at: number; snapshot: Promise<Snapshot | null> };

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly outbox: OutboxAdminService,
    private readonly config: AppConfig,
  ) {}

  /** One query per scrape, shared by the gauges (prom-client collects them concurrently). */
  private snapshot(): Promise<Snapshot | null> {
    if (!this.cached || Date.now() - this.cached.at > 1000) {
      const snapshot = this.outbox.counts(null).catch((error: Error) => {
        this.logger.warn(`Mail metrics unavailable: ${describeError(error)}`);
        return null;
      });
      this.cached = { at: Date.now(), snapshot };
    }
    return this.cached.snapshot;
  }

  onModuleInit(): void {
    const snapshot = () => this.snapshot();
    new Gauge({
      name: 'rongrian_mail_messages',
      help: 'Mail messages in the outbox by status',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const s = await snapshot();
        if (s) for (const status of OUTBOX_STATUSES) this.set({ status }, s.counts[status]);
      },
    });
    new Gauge({
      name: 'rongrian_mail_oldest_pending_seconds',
      help: 'Age in seconds of the oldest due mail message still waiting to be sent',
      registers: [this.registry],
      async collect() {
        const s = await snapshot();
        if (s) this.set(s.oldestPendingSeconds ?? 0);
      },
    });
    new Gauge({
      name: 'rongrian_mail_smtp_configured',
      help: '1 when an SMTP server is configured; 0 means every message is recorded as not sent',
      registers: [this.registry],
    }).set(this.config.mail.smtpUrl ? 1 : 0);
  }
}
