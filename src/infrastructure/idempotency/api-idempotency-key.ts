import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrors } from '../../common/errors/api-errors';
import { IDEMPOTENCY_KEY } from './idempotency.service';

/** Documents the optional `Idempotency-Key` header of a creating route (and its 422). */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A retry with the same key returns the first answer; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
    }),
    ApiErrors(422),
  );
