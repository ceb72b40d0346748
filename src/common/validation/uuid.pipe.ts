import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from '../errors/domain-error';

/** Route ids must be UUIDs; anything else is the caller's mistake (400), never a database error. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) {
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'id', rule: 'isUUID', message: 'id must be a UUID' },
      ]);
    }
    return value;
  }
}
