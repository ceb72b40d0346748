import { Global, Module } from '@nestjs/common';
import { RowBatcher } from '../database/row-batcher';
import { IdempotencyService } from './idempotency.service';

@Global()
@Module({ providers: [IdempotencyService, RowBatcher], exports: [IdempotencyService, RowBatcher] })
export class IdempotencyModule {}
