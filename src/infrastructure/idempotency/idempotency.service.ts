import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { insertRows, rowsOf, RowsOf } from '../database/insert-rows';
import { IdempotencyRecord } from './idempotency-record.entity';

/** The format of an `Idempotency-Key` header (documented in the OpenAPI document from this pattern). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

const hashOf = (body: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');

/** What a creating request writes, planned before anything is written. */
export interface Creation<T> {
  /** the answer (kept for retries with the same key) */
  result: T;
  /** every row of the new thing: written in one statement, so all or nothing */
  rows: RowsOf[];
}

/**
 * Runs a creating request at most once per Idempotency-Key: the record is written in the same
 * statement as the new rows, so a retry (even one racing the first) gets the first answer, and
 * nothing is created twice.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * `prepare` runs first on one pooled connection, outside any transaction (autocommit), for work
   * that must not hold locks until the rows are written, such as taking the next reference number;
   * `plan` then reads what it needs on the same connection and returns the rows, which are written
   * in one statement with the idempotency record.
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
    const scopedKey = key ? `${scope}:${key}` : null;
    const requestHash = scopedKey ? hashOf(body) : '';
    if (scopedKey) {
      const earlier = await this.replay<T>(scopedKey, requestHash);
      if (earlier) return earlier;
    }
    try {
      return await this.inSession(async (session) => {
        const planned = await steps.plan(await steps.prepare(session), session);
        const record = scopedKey
          ? [
              rowsOf(IdempotencyRecord, [
                { scopedKey, requestHash, statusCode: 201, response: planned.result as never },
              ]),
            ]
          : [];
        await insertRows(session, [...planned.rows, ...record]);
        return planned.result;
      });
    } catch (error) {
      const constraint = (error as QueryFailedError & { driverError?: { constraint?: string } }).driverError
        ?.constraint;
      if (scopedKey && error instanceof QueryFailedError && constraint === 'pk_idempotency_records') {
        const winner = await this.replay<T>(scopedKey, requestHash);
        if (winner) return winner;
      }
      throw error;
    }
  }

  /** One pooled connection for prepare, plan and the write, released at the end. */
  private async inSession<R>(work: (session: EntityManager) => Promise<R>): Promise<R> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      return await work(runner.manager);
    } finally {
      await runner.release();
    }
  }

  private async replay<T>(scopedKey: string, requestHash: string): Promise<T | null> {
    const record = await this.db.getRepository(IdempotencyRecord).findOneBy({ scopedKey });
    if (!record) return null;
    if (record.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return record.response as T;
  }
}
