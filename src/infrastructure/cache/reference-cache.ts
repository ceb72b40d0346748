import { LRUCache } from 'lru-cache';
import { EntityManager } from 'typeorm';

/**
 * Reference data (organisations, units, categories, the officer directory) changes rarely and is
 * read by every request: a process may use an entry up to this old.
 */
export const REFERENCE_CACHE_MS = 30_000;

/**
 * A bounded cache that loads a missing entry once however many requests ask at the same time;
 * `context` is the EntityManager to read through (a transaction's, so a miss sees its writes). A
 * load that finds nothing (undefined) or fails is not kept. lru-cache does the bookkeeping (time to
 * live, eviction, de-duplicated loads).
 */
export function referenceCache<V extends object>(
  load: (key: string, manager: EntityManager) => Promise<V | undefined>,
): LRUCache<string, V, EntityManager> {
  return new LRUCache<string, V, EntityManager>({
    max: 10_000,
    ttl: REFERENCE_CACHE_MS,
    fetchMethod: (key, _stale, { context }) => load(key, context),
    // An entry forgotten while it loads (an account or unit just changed) must not fail the requests
    // waiting for it: they get what the load read, and lru-cache keeps nothing, so the next read is fresh.
    ignoreFetchAbort: true,
  });
}
