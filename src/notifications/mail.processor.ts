import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, UnrecoverableError } from 'bullmq';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { createTransport, SMTPSentMessageInfo, Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { QueueName } from '../infrastructure/queue/queue-names';
import { logConnectionError } from '../infrastructure/queue/connection-errors';
import { within } from '../infrastructure/queue/within';
import { runAsPartOf } from '../infrastructure/request-context/request-context';
import { REDIS } from '../infrastructure/redis/redis.module';
import { OutboxMessage, OutboxStatus } from './entities/outbox-message.entity';
import { DISPATCH_MAIL_JOB, MailJobData } from './mail-job';
import { OutboxDispatcher } from './outbox-dispatcher';
import { MessageTemplate } from './message-template';
import { RecipientResolvers, ResolvedContact } from './recipient-resolvers';
import { classifySmtpError, describeSmtpError, SmtpErrorLike } from './smtp-errors';
import { TemplateRenderer } from './template-renderer';

type SendOutcome = 'sent' | 'skipped' | 'not_sent' | 'suppressed' | 'recorded';

/** How long the acceptance of a message whose `sent` could not be written is remembered in Redis. */
const ACCEPTANCE_TTL_SECONDS = 30 * 24 * 3600;
const acceptanceKey = (messageId: string) => `mail:accepted:${messageId}`;
/**
 * A database call of a send that takes longer fails the attempt (retried; an accepted message is then
 * recorded, not sent again): a connection PostgreSQL terminated while it was being opened can leave
 * the call waiting for ever, and the job would hold a worker slot for good.
 */
const DB_WAIT_MS = 60_000;

const NO_SMTP = 'not sent: no SMTP server is configured (SMTP_URL is empty)';
const NOBODY = 'suppressed: no address, or no consent, when the recipient was resolved';

// jsonb params: TypeORM's deep-partial typing cannot describe arbitrary objects
type Fields = QueryDeepPartialEntity<OutboxMessage>;

/** What is kept of a finished message: no template values (they may hold a tracking code), no reporter address. */
function scrubbed(row: OutboxMessage): Fields {
  return {
    params: null,
    ...(row.recipientKind === 'reporter' ? { recipientEmail: null, recipientName: null } : {}),
  };
}

/** Template values that open a case (the acknowledgement's tracking code and link). */
const CODE_PARAMS = ['trackingCode', 'trackingUrl'] as const;
const CODE_WITHHELD = 'ตามที่แสดงเมื่อยื่นเรื่อง / as shown when you filed';

/**
 * What is kept of a message given up on (failed, not sent): its values, so that an administrator's
 * retry can still send it, but no tracking code: the code in its place says where to find it, the
 * link goes to the tracking page without it.
 */
function withoutCodes(row: OutboxMessage, publicBaseUrl: string): Fields {
  const params = row.params;
  if (!params || !CODE_PARAMS.some((name) => name in params)) return {};
  const kept: Record<string, unknown> = { ...params };
  if ('trackingCode' in kept) kept.trackingCode = CODE_WITHHELD;
  if ('trackingUrl' in kept) kept.trackingUrl = `${publicBaseUrl}/track`;
  return { params: kept as never };
}

/** Whether the address must stay out of the table (and out of a stored SMTP answer). */
const addressHidden = (row: OutboxMessage) => row.recipientKind === 'reporter' || row.resolveType !== null;

/** `text` with every occurrence of `address` (any case) replaced. */
function masked(text: string, address: string): string {
  const pattern = new RegExp(address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return text.replace(pattern, '[reporter]');
}

/**
 * Sends one outbox message: claims the row (pending/sending → sending), renders its template,
 * AWAITS the SMTP server, and records the outcome. Transient errors are rethrown so that BullMQ
 * retries with backoff; permanent ones (5xx, refused address) end as `failed` with the server's
 * answer and an UnrecoverableError. Every attempt uses the Message-ID fixed at enqueue.
 */
@Processor(QueueName.Mail, { concurrency: 4 })
export class MailProcessor extends WorkerHost implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);
  private readonly transport: Transporter<SMTPSentMessageInfo> | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: TemplateRenderer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly resolvers: RecipientResolvers,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    super();
    this.transport = config.mail.smtpUrl
      ? createTransport({
          url: config.mail.smtpUrl,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 60_000,
        })
      : null;
    if (!this.transport) {
      this.logger.warn('SMTP_URL is not set: every mail message will be recorded as not sent');
    }
  }

  /**
   * Lets the current job finish, unless Redis is away: BullMQ's graceful close waits for its blocking
   * connection, which never ends while it is reconnecting, and SIGTERM would hang. A job cut short
   * is recovered from its outbox row.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const backend = this.worker.getBackend();
    const clients = await Promise.all([backend.client, backend.blockingClient].filter(Boolean));
    const redisUp = clients.every((c) => c!.status === 'ready');
    if (!redisUp) this.logger.warn('Redis is away: closing the mail worker without waiting for it');
    await this.worker.close(!redisUp);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  /** Connection trouble of the queue worker (Redis away): logged at most once a minute; it reconnects by itself. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    logConnectionError(this.logger, 'mail worker', error);
  }

  async process(job: Job<MailJobData>): Promise<SendOutcome | 'dispatched'> {
    if (job.name === DISPATCH_MAIL_JOB) {
      await this.dispatcher.tick();
      return 'dispatched';
    }
    // sent as part of the request that wrote the message: its id is on every log line of the job
    return runAsPartOf(job.data.requestId, () => this.send(job));
  }

  private async send(job: Job<MailJobData>): Promise<SendOutcome> {
    const row = await within(
      DB_WAIT_MS,
      'Claiming a mail message',
      this.db.transaction((tx) => this.claim(tx, job.data)),
    );
    if (typeof row === 'string') return row;
    const context = `Mail ${row.id} (${row.template}, request ${job.data.requestId ?? '-'})`;

    // a resolved recipient's address exists only in this variable, for this attempt
    let to: ResolvedContact | null;
    try {
      to = await this.recipientOf(row);
    } catch {
      // the resolver's own error may quote what it looked at: only a fixed text is recorded
      const failure = { code: 'ERESOLVE', message: 'the recipient could not be resolved' };
      throw new Error(await this.failed(job, row, failure, context, null));
    }
    if (!to) {
      await this.finish(row, 'suppressed', { lastError: NOBODY });
      this.logger.log(`${context} suppressed: nobody to send to when resolved`);
      return 'suppressed';
    }

    let rendered;
    try {
      // params a resolver adds (a one-time link) exist only in this variable and the mail itself
      rendered = this.renderer.render(row.template as MessageTemplate, { ...row.params, ...to.params });
    } catch (error) {
      await this.finish(row, 'failed', { lastError: `template error: ${(error as Error).message}` });
      this.logger.error(`${context} failed: its template does not render`);
      throw new UnrecoverableError('template error');
    }

    let info: SMTPSentMessageInfo;
    try {
      info = await this.transport!.sendMail({
        from: this.config.mail.from,
        to: { name: to.name ?? '', address: to.email },
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: row.messageId,
        date: this.clock.now(),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
      if (info.accepted.length === 0) {
        throw Object.assign(new Error('recipient refused'), { code: 'EENVELOPE', response: info.response });
      }
    } catch (error) {
      // rethrown with the recorded answer only, no cause: BullMQ keeps failure reasons in Redis
      // eslint-disable-next-line preserve-caught-error
      throw new Error(await this.failed(job, row, error as SmtpErrorLike, context, to.email));
    }
    // only now, after the server accepted it; from here on, this message must never be sent again
    const smtpResponse = info.response.slice(0, 1000);
    this.accepted.set(row.id, smtpResponse);
    try {
      await within(
        DB_WAIT_MS,
        'Recording a sent message',
        this.finish(row, 'sent', { sentAt: this.clock.now(), smtpResponse }),
      );
    } catch (error) {
      await this.rememberAcceptance(row.id, smtpResponse);
      const e = error as Error & { code?: string };
      this.logger.error(
        `${context} was accepted by the SMTP server but not recorded as sent (${e.code ?? e.name}); ` +
          'the retry records it without sending it again',
      );
      throw error;
    }
    this.accepted.delete(row.id);
    this.logger.log(`${context} sent (attempt ${row.attempts})`);
    return 'sent';
  }

  /**
   * SMTP accepted messages whose `sent` could not be written yet (PostgreSQL away): in this process,
   * and in Redis for any worker (best effort: Redis may be away too). The retry, or the job of the
   * next round, finds the acceptance here and records it instead of sending again.
   */
  private readonly accepted = new LRUCache<string, string>({ max: 10_000 });

  private async rememberAcceptance(id: string, smtpResponse: string): Promise<void> {
    await within(
      3000,
      'Recording a mail acceptance',
      this.redis.set(acceptanceKey(id), smtpResponse, 'EX', ACCEPTANCE_TTL_SECONDS),
    ).catch((error: Error) =>
      this.logger.warn(`Mail ${id}: acceptance kept in this process only (${error.message})`),
    );
  }

  private async acceptedEarlier(id: string): Promise<string | null> {
    const known = this.accepted.get(id);
    if (known !== undefined) return known;
    // unknown when Redis is away: the message is sent (the window the README describes)
    return within(3000, 'Reading a mail acceptance', this.redis.get(acceptanceKey(id))).catch(() => null);
  }

  /** The stored address, or for a resolved recipient the one its resolver gives now (null: nobody). */
  private async recipientOf(row: OutboxMessage): Promise<ResolvedContact | null> {
    if (row.resolveType && row.resolveId) {
      return this.resolvers.resolve({ type: row.resolveType, id: row.resolveId });
    }
    return { email: row.recipientEmail!, name: row.recipientName ?? undefined };
  }

  /** Locks the row; returns it when this job should send it now, or what happened instead. */
  private async claim(tx: EntityManager, data: MailJobData): Promise<OutboxMessage | SendOutcome> {
    const row = await tx.findOne(OutboxMessage, {
      where: { id: data.messageId },
      lock: { mode: 'pessimistic_write' },
    });
    // gone, already finished, or a stale job of an earlier round: nothing to do
    if (!row || row.round !== data.round || (row.status !== 'pending' && row.status !== 'sending')) {
      return 'skipped';
    }
    const now = this.clock.now();
    // an earlier attempt was accepted by the SMTP server, but recording it failed: record it now
    const acceptance = row.attempts > 0 ? await this.acceptedEarlier(row.id) : null;
    if (acceptance !== null) {
      await tx.update(OutboxMessage, row.id, {
        status: 'sent',
        sentAt: now,
        smtpResponse: acceptance,
        updatedAt: now,
        ...scrubbed(row),
      });
      this.accepted.delete(row.id);
      this.logger.warn(`Mail ${row.id} (${row.template}) recorded as sent: the SMTP server had accepted it`);
      return 'recorded';
    }
    if (!this.transport) {
      await tx.update(OutboxMessage, row.id, {
        status: 'not_sent',
        lastError: NO_SMTP,
        updatedAt: now,
        ...withoutCodes(row, this.config.app.publicBaseUrl),
      });
      this.logger.warn(`Mail ${row.id} (${row.template}) not sent: SMTP_URL is not configured`);
      return 'not_sent';
    }
    const cap = this.config.mail.maxPerRecipientPerHour;
    if (cap > 0 && row.recipientHash) {
      // one recipient at a time, so that concurrent jobs cannot all slip under the cap
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`mail-cap:${row.recipientHash}`]);
      const [{ count }] = (await tx.query(
        `SELECT count(*)::int AS count FROM notification_outbox
         WHERE recipient_hash = $1 AND id <> $2 AND status IN ('sending', 'sent') AND last_attempt_at > $3`,
        [row.recipientHash, row.id, new Date(now.getTime() - 3600_000)],
      )) as { count: number }[];
      if (count >= cap) {
        await tx.update(OutboxMessage, row.id, {
          status: 'suppressed',
          lastError: `suppressed: ${cap} messages to this recipient in the last hour (MAIL_MAX_PER_RECIPIENT_PER_HOUR)`,
          updatedAt: now,
          ...scrubbed(row),
        });
        this.logger.warn(`Mail ${row.id} (${row.template}) suppressed: hourly cap per recipient reached`);
        return 'suppressed';
      }
    }
    row.status = 'sending';
    row.attempts += 1;
    row.lastAttemptAt = now;
    await tx.update(OutboxMessage, row.id, {
      status: 'sending',
      attempts: row.attempts,
      lastAttemptAt: now,
      updatedAt: now,
    });
    return row;
  }

  private async failed(
    job: Job<MailJobData>,
    row: OutboxMessage,
    error: SmtpErrorLike,
    context: string,
    address: string | null,
  ): Promise<string> {
    let answer = describeSmtpError(error);
    // the server's answer often quotes the address: a reporter's must not stay in the table
    if (address && addressHidden(row)) answer = masked(answer, address);
    // logs name the error only: an SMTP answer may quote the recipient's address
    const brief = error.responseCode ? `SMTP ${error.responseCode}` : (error.code ?? 'error');
    const now = this.clock.now();
    const ageHours = (now.getTime() - new Date(row.createdAt).getTime()) / 3600_000;

    if (classifySmtpError(error) === 'permanent') {
      await this.finish(row, 'failed', { lastError: answer });
      this.logger.error(`${context} failed for good (${brief}); see the admin mail listing`);
      throw new UnrecoverableError(answer);
    }
    if (ageHours >= this.config.mail.giveUpAfterHours) {
      const lastError = `gave up after ${this.config.mail.giveUpAfterHours} h of transient errors; last: ${answer}`;
      await this.finish(row, 'failed', { lastError });
      this.logger.error(
        `${context} failed after ${this.config.mail.giveUpAfterHours} h of transient errors (${brief})`,
      );
      throw new UnrecoverableError(lastError);
    }
    const lastAttemptOfRound = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.db.manager.update(
      OutboxMessage,
      { id: row.id, status: 'sending' },
      lastAttemptOfRound
        ? {
            // the queue has given up on this job: the dispatcher hands the message over again later
            status: 'pending',
            lastError: answer,
            round: row.round + 1,
            queuedAt: null,
            notBefore: new Date(now.getTime() + Math.min(3600_000, this.config.mail.retryDelayMs * 128)),
            updatedAt: now,
          }
        : { status: 'pending', lastError: answer, updatedAt: now },
    );
    this.logger.warn(`${context} attempt ${row.attempts} failed (${brief}), will retry`);
    return answer;
  }

  private async finish(
    row: OutboxMessage,
    status: Extract<OutboxStatus, 'sent' | 'failed' | 'suppressed'>,
    fields: Fields,
  ): Promise<void> {
    await this.db.manager.update(OutboxMessage, row.id, {
      status,
      updatedAt: this.clock.now(),
      ...fields,
      ...(status === 'failed' ? withoutCodes(row, this.config.app.publicBaseUrl) : scrubbed(row)),
    });
  }
}
