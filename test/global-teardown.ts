import Redis from 'ioredis';
import { dropDatabasesLike } from './helpers/databases';
import { runId, TEST_REDIS_URL } from './helpers/test-env';

/** Removes every database and Redis key this run created. */
export default async function globalTeardown(): Promise<void> {
  await dropDatabasesLike(`rongrian_test_${runId()}`);
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `rongrian-test:${runId()}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
