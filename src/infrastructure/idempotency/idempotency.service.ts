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

  async once<T extends Record<string, unknown>>(
    scope: string,
    key: string | undefined,
    body: unknown,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (!key) return this.db.transaction(work);
    if (!/^[A-Za-z0-9._:-]{8,128}$/.test(key)) {
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'Idempotency-Key', rule: 'format', message: 'must be 8-128 letters, digits or . _ : -' },
      ]);
    }
    const scopedKey = `${scope}:${key}`;
    const requestHash = hashOf(body);
    const earlier = await this.replay<T>(scopedKey, requestHash);
    if (earlier) return earlier;
    try {
      return await this.db.transaction(async (tx) => {
        const result = await work(tx);
        await tx.insert(IdempotencyRecord, {
          scopedKey,
          requestHash,
          statusCode: 201,
          response: result as never,
        });
        return result;
      });
    } catch (error) {
      const constraint = (error as QueryFailedError & { driverError?: { constraint?: string } }).driverError
        ?.constraint;
      if (error instanceof QueryFailedError && constraint === 'pk_idempotency_records') {
        const winner = await this.replay<T>(scopedKey, requestHash);
        if (winner) return winner;
      }
      throw error;
    }
  }

  private async replay<T>(scopedKey: string, requestHash: string): Promise<T | null> {
    const record = await this.db.getRepository(IdempotencyRecord).findOneBy({ scopedKey });
    if (!record) return null;
    if (record.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return record.response as T;
  }
}
