import { EntityManager } from 'typeorm';
import { BlockPolicy, normalizeReferenceNo, ReferenceNumberBlocks, TakeNumbers } from './reference-numbers';

const POLICY: BlockPolicy = { maxBlock: 8, busyMs: 1000, keepMs: 2000 };
const session = {} as EntityManager;

/** A sequence per series, as PostgreSQL's: each number handed out once; records each block's size. */
function sequences() {
  const next = new Map<string, number>();
  const blocks: number[] = [];
  let failNext = false;
  const take: TakeNumbers = async (_session, org, name, year, count) => {
    await Promise.resolve(); // a round trip: concurrent takes see the fetch in flight
    if (failNext) {
      failNext = false;
      throw new Error('connection lost');
    }
    blocks.push(count);
    const key = `${org}/${name}/${year}`;
    const first = next.get(key) ?? 1;
    next.set(key, first + count);
    return Array.from({ length: count }, (_, i) => first + i);
  };
  return { take, blocks, failOnce: () => (failNext = true) };
}

function blocksWith(clock: { t: number }) {
  const seq = sequences();
  return { seq, blocks: new ReferenceNumberBlocks(POLICY, () => clock.t, seq.take) };
}

describe('ReferenceNumberBlocks', () => {
  it.each([
    // gap between filings (ms), filings, block sizes taken
    { gap: 5000, filings: 4, sizes: [1, 1, 1, 1] }, // occasional: one number a round trip, nothing held
    { gap: 10, filings: 15, sizes: [1, 2, 4, 8] }, // busy: doubling up to maxBlock (8) ...
    { gap: 10, filings: 23, sizes: [1, 2, 4, 8, 8] }, // ... and staying there
  ])('filings every $gap ms: blocks of $sizes', async ({ gap, filings, sizes }) => {
    const clock = { t: 10_000 };
    const { seq, blocks } = blocksWith(clock);
    const taken: number[] = [];
    for (let i = 0; i < filings; i++) {
      taken.push(await blocks.take(session, 'org', 'complaint', 2570));
      clock.t += gap;
    }
    // every block is used in filing order, without a gap
    expect(taken).toEqual(Array.from({ length: filings }, (_, i) => i + 1));
    expect(seq.blocks).toEqual(sizes);
  });

  it('after a pause longer than busyMs, blocks start again at one number', async () => {
    const clock = { t: 0 };
    const { seq, blocks } = blocksWith(clock);
    for (let i = 0; i < 3; i++, clock.t += 10) await blocks.take(session, 'org', 'complaint', 2570);
    clock.t += POLICY.busyMs + 1;
    await blocks.take(session, 'org', 'complaint', 2570);
    expect(seq.blocks).toEqual([1, 2, 1]);
  });

  it('numbers left in a block longer than keepMs are dropped (a gap), not handed out late', async () => {
    const clock = { t: 0 };
    const { blocks } = blocksWith(clock);
    expect(await blocks.take(session, 'org', 'complaint', 2570)).toBe(1); // block [1]
    clock.t += 10;
    expect(await blocks.take(session, 'org', 'complaint', 2570)).toBe(2); // block [2, 3]
    clock.t += POLICY.keepMs + 1;
    expect(await blocks.take(session, 'org', 'complaint', 2570)).toBe(4); // 3 dropped
  });

  it('series are apart: organisations, registers and fiscal years each count from their own sequence', async () => {
    const { blocks } = blocksWith({ t: 0 });
    expect(await blocks.take(session, 'a', 'complaint', 2570)).toBe(1);
    expect(await blocks.take(session, 'b', 'complaint', 2570)).toBe(1);
    expect(await blocks.take(session, 'a', 'letter', 2570)).toBe(1);
    expect(await blocks.take(session, 'a', 'complaint', 2571)).toBe(1);
    expect(await blocks.take(session, 'a', 'complaint', 2570)).toBe(2);
  });

  it('concurrent filings share one round trip and never get the same number', async () => {
    const clock = { t: 0 };
    const { seq, blocks } = blocksWith(clock);
    await blocks.take(session, 'org', 'complaint', 2570);
    clock.t += 10; // busy: the next block is 2
    const taken = await Promise.all(
      Array.from({ length: 6 }, () => blocks.take(session, 'org', 'complaint', 2570)),
    );
    expect(new Set(taken).size).toBe(6);
    expect(taken.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(seq.blocks).toEqual([1, 2, 4]); // three round trips for seven filings
  });

  it('a failed round trip fails the filing that made it; the filings waiting on it try again', async () => {
    const { seq, blocks } = blocksWith({ t: 0 });
    seq.failOnce();
    const results = await Promise.allSettled([
      blocks.take(session, 'org', 'complaint', 2570),
      blocks.take(session, 'org', 'complaint', 2570),
      blocks.take(session, 'org', 'complaint', 2570),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { message: 'connection lost' } });
    expect(results.slice(1).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
  });

  it('forgets idle series once many are held, and keeps the busy ones', async () => {
    const clock = { t: 0 };
    const { blocks } = blocksWith(clock);
    for (let i = 0; i < 1000; i++) await blocks.take(session, `org-${i}`, 'complaint', 2570);
    expect(blocks.seriesHeld).toBe(1000);
    clock.t += POLICY.keepMs + 1;
    expect(await blocks.take(session, 'org-7', 'complaint', 2570)).toBe(2); // used again: not idle
    expect(blocks.seriesHeld).toBe(1000);
    await blocks.take(session, 'org-new', 'complaint', 2570); // the 1001st: the idle ones go
    expect(blocks.seriesHeld).toBe(2);
    expect(await blocks.take(session, 'org-5', 'complaint', 2570)).toBe(2); // its sequence goes on
  });
});

describe('normalizeReferenceNo', () => {
  it.each([
    ['2570/1', '2570/000001'],
    [' 2570 / 000123 ', '2570/000123'],
    ['2570/1234567', null],
    ['70/1', null],
    ['2570-1', null],
  ])('%p → %p', (text, expected) => expect(normalizeReferenceNo(text)).toBe(expected));
});
