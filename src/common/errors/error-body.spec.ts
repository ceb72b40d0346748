import { HttpException } from '@nestjs/common';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { mapError } from './error-body';

const pgError = (code: string, message = 'error') =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('mapError: an outage of PostgreSQL or Redis is 503 with Retry-After', () => {
  const outages: [string, unknown][] = [
    [
      'a query runner released by a lost connection (inside a transaction)',
      new QueryRunnerProviderAlreadyReleasedError(),
    ],
    ['a released query runner used again', new QueryRunnerAlreadyReleasedError()],
    [
      'PostgreSQL terminating the connection (pg_terminate_backend)',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['a connection failure class 08', pgError('08006')],
    ['the pg client losing its socket', new Error('Connection terminated unexpectedly')],
    ['a pg client closed under a query', new Error('Client was closed and is not queryable')],
    ['the pool ended during shutdown', new Error('Cannot use a pool after calling end on the pool')],
    [
      'ioredis giving up',
      Object.assign(new Error('Reached the max retries per request limit'), {
        name: 'MaxRetriesPerRequestError',
      }),
    ],
    ['ioredis offline', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }),
    ],
  ];
  it.each(outages)('%s', (_what, error) => {
    const mapped = mapError(error);
    expect(mapped.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(mapped.body.messageTh).toBeTruthy();
    expect(mapped.headers).toEqual({ 'retry-after': '5' });
  });

  const notOutages: [string, unknown, number][] = [
    ['a bug', new TypeError('x is undefined'), 500],
    ['a unique violation', pgError('23505'), 409],
    ['a bad input value', pgError('22P02'), 400],
    ['an HTTP 404', new HttpException('nope', 404), 404],
  ];
  it.each(notOutages)('but not %s', (_what, error, status) => {
    const mapped = mapError(error);
    expect(mapped.body.statusCode).toBe(status);
    expect(mapped.headers).toBeUndefined();
  });
});
