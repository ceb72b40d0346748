import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { ERRORS, ErrorCode } from './error-codes';

/** The one error body of every route. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode | string;
  message: string;
  messageTh: string;
  details?: unknown;
  requestId: string;
}

export interface MappedError {
  body: Omit<ErrorBody, 'requestId'>;
  headers?: Record<string, string>;
  /** true when the cause is ours (a bug or an outage), so it is worth logging with its stack */
  unexpected: boolean;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

/**
 * Error classes that mean a connection was lost under the request: ioredis giving up on a command,
 * and TypeORM's query runner released by a connection PostgreSQL terminated mid-transaction.
 */
const OUTAGE_NAMES = new Set([
  'MaxRetriesPerRequestError',
  'QueryRunnerProviderAlreadyReleasedError',
  'QueryRunnerAlreadyReleasedError',
]);

/** True for errors that mean PostgreSQL or Redis is unreachable rather than that the request is wrong. */
export function isDependencyOutage(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string; driverError?: unknown };
  if (e?.driverError && isDependencyOutage(e.driverError)) return true;
  if (e?.code && CONNECTION_CODES.has(e.code)) return true;
  const m = e?.message ?? '';
  return (
    OUTAGE_NAMES.has(e?.name ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|Connection is closed|Stream isn't writeable|connect ECONNREFUSED|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end/i.test(
      m,
    )
  );
}

function of(code: ErrorCode, details?: unknown, message?: string): Omit<ErrorBody, 'requestId'> {
  const e = ERRORS[code];
  return {
    statusCode: e.status,
    code,
    message: message ?? e.en,
    messageTh: e.th,
    ...(details === undefined ? {} : { details }),
  };
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
};

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Maps anything thrown while serving a request to the standard body; never leaks internals. */
export function mapError(error: unknown): MappedError {
  if (error instanceof DomainError) {
    return { body: of(error.code, error.details, error.message), headers: error.headers, unexpected: false };
  }
  if (isDependencyOutage(error)) {
    return { body: of('SERVICE_UNAVAILABLE'), headers: { 'retry-after': '5' }, unexpected: true };
  }
  if (error instanceof QueryFailedError) {
    const driver = error.driverError as { code?: string; constraint?: string };
    if (driver.code === '23505')
      return { body: of('CONFLICT', { constraint: driver.constraint }), unexpected: false };
    if (driver.code === '22P02' || driver.code === '22007' || driver.code === '22008')
      return { body: of('BAD_REQUEST'), unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) {
      const message = String((error.getResponse() as { message?: string }).message ?? '');
      if (message.startsWith('Cannot ')) return { body: of('ROUTE_NOT_FOUND'), unexpected: false };
    }
    const code = BY_STATUS[status];
    if (code) return { body: of(code), unexpected: status >= 500 };
  }
  const fastify = error as { code?: string; statusCode?: number };
  if (fastify?.code && FASTIFY_CODES[fastify.code])
    return { body: of(FASTIFY_CODES[fastify.code]), unexpected: false };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return { body: of(BY_STATUS[fastify.statusCode] ?? 'BAD_REQUEST'), unexpected: false };
  }
  return { body: of('INTERNAL_ERROR'), unexpected: true };
}
