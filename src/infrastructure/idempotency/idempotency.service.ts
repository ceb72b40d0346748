import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { IdempotencyRecord } from './idempotency-record.entity';

const hashOf = (body: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');

/**
 * Runs a creating request at most once per Idempotency-Key: the record commits with the work, so a
 * retry (even one racing the first) gets the first answer, and nothing is created twice.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * `prelude` runs first on the same connection but outside the transaction (autocommit), for work
   * that must not hold locks until commit, such as taking the next reference number.
   */
  async once<T extends Record<string, unknown>, P = undefined>(
    scope: string,
    key: string | undefined,
    body: unknown,
    work: (tx: EntityManager, prepared: P) => Promise<T>,
    prelude?: (session: EntityManager) => Promise<P>,
  ): Promise<T> {
    if (key !== undefined && !/^[A-Za-z0-9._:-]{8,128}$/.test(key)) {
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'Idempotency-Key', rule: 'format', message: 'must be 8-128 letters, digits or . _ : -' },
      ]);
    }
    const scopedKey = key ? `${scope}:${key}` : null;
    const requestHash = hashOf(body);
    if (scopedKey) {
      const earlier = await this.replay<T>(scopedKey, requestHash);
      if (earlier) return earlier;
    }
    try {
      return await this.inSession(async (session) => {
        const prepared = prelude ? await prelude(session) : (undefined as P);
        return session.transaction(async (tx) => {
          const result = await work(tx, prepared);
          if (scopedKey) {
            await tx.insert(IdempotencyRecord, {
              scopedKey,
              requestHash,
              statusCode: 201,
              response: result as never,
            });
          }
          return result;
        });
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

  /** One pooled connection for the prelude and the transaction, released at the end. */
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
