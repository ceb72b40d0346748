import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, LessThan, QueryFailedError } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { rowsOf, RowsOf } from '../database/insert-rows';
import { RowBatcher } from '../database/row-batcher';
import { IdempotencyRecord } from './idempotency-record.entity';

/** What a record is found by and sealed with, all derived from the client's key. */
interface RecordKeys {
  /** the primary key: HMAC of scope and client key under the server's secret */
  id: string;
  /** AES-256-GCM key of the stored answer: HKDF of the client's key, salted with the server's secret */
  cipherKey: Buffer;
}

/** The format of an `Idempotency-Key` header (documented in the OpenAPI document from this pattern). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** What a creating request writes, planned before anything is written. */
export interface Creation<T> {
  /** the answer (kept for retries with the same key) */
  result: T;
  /** every row of the new thing: written in one statement, so all or nothing */
  rows: RowsOf[];
}

/**
 * Runs a creating request at most once per Idempotency-Key: the record is written in the same
 * statement as the new rows, so a retry (even one racing the first) fails on the record and gets the
 * first answer, and nothing is created twice.
 */
@Injectable()
export class IdempotencyService {
  /** mixed into every derivation: a dump alone does not let anyone test guesses of weak keys */
  private readonly secret: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly rows: RowBatcher,
  ) {
    this.secret = createHmac('sha256', config.auth.jwtSecret).update('idempotency-records').digest();
  }

  /**
   * `prepare` runs first on one pooled connection, outside any transaction (autocommit), for work
   * that must not hold locks until the rows are written, such as taking the next reference number;
   * `plan` then reads what it needs on the same connection and returns the rows, which are written
   * in one statement with the idempotency record (and with other creations ready at the same moment:
   * see RowBatcher).
   */
  async create<T extends Record<string, unknown>, P>(
    scope: string,
    key: string | undefined,
    body: unknown,
    steps: {
      prepare: (session: EntityManager) => Promise<P>;
      plan: (prepared: P, session: EntityManager) => Promise<Creation<T>>;
    },
  ): Promise<T> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'Idempotency-Key', rule: 'format', message: 'must be 8-128 letters, digits or . _ : -' },
      ]);
    }
    const keys = key ? this.keysOf(scope, key) : null;
    const requestHash = keys ? this.bodyHash(keys, body) : '';
    // Written first and looked up only when the key's record exists: a first request (nearly all of
    // them) makes no extra round trip; a retry costs a planned statement that fails on the record.
    for (let attempt = 0; ; attempt++) {
      try {
        const planned = await this.inSession(async (session) =>
          steps.plan(await steps.prepare(session), session),
        );
        const record = keys
          ? [
              rowsOf(IdempotencyRecord, [
                { scopedKey: keys.id, requestHash, statusCode: 201, response: seal(keys, planned.result) },
              ]),
            ]
          : [];
        await this.rows.write([...planned.rows, ...record]);
        return planned.result;
      } catch (error) {
        const constraint = (error as QueryFailedError & { driverError?: { constraint?: string } }).driverError
          ?.constraint;
        if (!keys || !(error instanceof QueryFailedError) || constraint !== 'pk_idempotency_records')
          throw error;
        const earlier = await this.replay<T>(keys, requestHash);
        if (earlier) return earlier;
        // the record had expired and is gone: the key may be used again, once
        if (attempt > 0) throw error;
      }
    }
  }

  /**
   * One pooled connection for prepare and plan, released before the write. It is taken at the
   * first query: most filings find their number and reference data in memory and need none.
   */
  private async inSession<R>(work: (session: EntityManager) => Promise<R>): Promise<R> {
    const runner = this.db.createQueryRunner();
    try {
      return await work(runner.manager);
    } finally {
      await runner.release();
    }
  }

  /** Deletes the records older than IDEMPOTENCY_TTL_HOURS (hourly, by the complaints' maintenance). */
  async purgeExpired(): Promise<number> {
    const result = await this.db
      .getRepository(IdempotencyRecord)
      .delete({ createdAt: LessThan(this.expiredBefore()) });
    return result.affected ?? 0;
  }

  private expiredBefore(): Date {
    return new Date(this.clock.now().getTime() - this.config.privacy.idempotencyTtlHours * 3_600_000);
  }

  private keysOf(scope: string, key: string): RecordKeys {
    return {
      id: createHmac('sha256', this.secret).update(`${scope}\n${key}`).digest('hex'),
      cipherKey: Buffer.from(hkdfSync('sha256', key, this.secret, `idempotency:${scope}`, 32)),
    };
  }

  private bodyHash(keys: RecordKeys, body: unknown): string {
    return createHmac('sha256', keys.cipherKey)
      .update(JSON.stringify(body ?? null))
      .digest('hex');
  }

  /** The first answer; an expired record counts as none (and goes, so that the key can be used again). */
  private async replay<T>(keys: RecordKeys, requestHash: string): Promise<T | null> {
    const records = this.db.getRepository(IdempotencyRecord);
    const record = await records.findOneBy({ scopedKey: keys.id });
    if (!record) return null;
    if (record.createdAt < this.expiredBefore()) {
      await records.delete({ scopedKey: keys.id });
      return null;
    }
    if (record.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    try {
      return unseal(keys, record.response) as T;
    } catch {
      // sealed under another server secret (JWT_SECRET changed within the day): never file twice
      throw new DomainError('CONFLICT');
    }
  }
}

function seal(keys: RecordKeys, answer: unknown): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.cipherKey, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]);
}

function unseal(keys: RecordKeys, sealed: Buffer): unknown {
  const decipher = createDecipheriv('aes-256-gcm', keys.cipherKey, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8'));
}
