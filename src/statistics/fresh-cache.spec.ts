import { FreshCache } from './fresh-cache';

describe('FreshCache (freshness of published statistics)', () => {
  let now = 0;
  let computed = 0;
  const compute = () => Promise.resolve(++computed);
  const flush = () => new Promise((r) => setImmediate(r));

  beforeEach(() => {
    now = 1_000_000;
    computed = 0;
  });

  it.each([
    // [age of the entry in s, value served, computations after the request settles]
    [0, 1, 1],
    [19.9, 1, 1], // fresh
    [20, 1, 2], // stale: served while one refresh runs
    [39.9, 1, 2],
    [40, 2, 2], // too old: the reader waits for a new computation
    [120, 2, 2],
  ])('an entry %ss old (fresh for 20 s): served %s, %s computations', async (age, served, after) => {
    const cache = new FreshCache<number>(20_000, () => now);
    await cache.get('k', compute);
    now += age * 1000;
    expect(await cache.get('k', compute)).toBe(served);
    await flush();
    expect(computed).toBe(after);
  });

  it('so a case filed now shows within 40 s plus one computation', async () => {
    const cache = new FreshCache<number>(20_000, () => now);
    await cache.get('k', compute); // 1, computed at t
    now += 25_000;
    await cache.get('k', compute); // stale 1 served, 2 computed at t + 25 s
    await flush();
    now += 10_000;
    expect(await cache.get('k', compute)).toBe(2);
  });

  it('concurrent misses share one computation; 0 s means no cache', async () => {
    const cache = new FreshCache<number>(20_000, () => now);
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute)])).toEqual([1, 1]);
    expect(computed).toBe(1);
    const none = new FreshCache<number>(0, () => now);
    await none.get('k', compute);
    await none.get('k', compute);
    expect(computed).toBe(3);
  });

  it('keeps at most maxEntries keys', async () => {
    const cache = new FreshCache<number>(20_000, () => now, 2);
    await cache.get('a', compute);
    await cache.get('b', compute);
    await cache.get('c', compute);
    expect(await cache.get('a', compute)).toBe(4); // evicted, computed again
    expect(await cache.get('c', compute)).toBe(3);
  });
});
