import { EntityManager } from 'typeorm';
import { referenceCache } from './reference-cache';

describe('referenceCache', () => {
  const manager = {} as EntityManager;

  it('an entry forgotten while it loads answers the waiting request and is not kept', async () => {
    let loads = 0;
    let release!: () => void;
    const cache = referenceCache(async (key) => {
      loads += 1;
      if (loads === 1) await new Promise<void>((r) => (release = r));
      return { key, load: loads };
    });
    const waiting = cache.fetch('org', { context: manager });
    await Promise.resolve();
    cache.delete('org'); // e.g. OfficerDirectory.forget after a role decision
    release();
    await expect(waiting).resolves.toEqual({ key: 'org', load: 1 });
    expect(cache.has('org')).toBe(false);
    await expect(cache.fetch('org', { context: manager })).resolves.toEqual({ key: 'org', load: 2 });
  });

  it('a load that fails is not kept', async () => {
    let fail = true;
    const cache = referenceCache(async () => {
      if (fail) throw new Error('database down');
      return { ok: true };
    });
    await expect(cache.fetch('k', { context: manager })).rejects.toThrow('database down');
    fail = false;
    await expect(cache.fetch('k', { context: manager })).resolves.toEqual({ ok: true });
  });
});
