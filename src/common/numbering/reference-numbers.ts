import { EntityManager } from 'typeorm';

/**
 * The next `count` numbers of a per-organisation, per-fiscal-year series, in one round trip:
 * `nextval` of that series' own PostgreSQL sequence (created on first use by
 * `next_reference_number`, continuing the series' old counter row). Taking numbers holds no lock and
 * waits for no commit, so concurrent filings do not serialize on them. Numbers never repeat and grow
 * in the order they are taken; a filing that fails afterwards leaves a gap.
 */
export async function nextReferenceNumbers(
  tx: EntityManager,
  organizationId: string,
  series: string,
  fiscalYear: number,
  count: number,
): Promise<number[]> {
  if (!/^[a-z_]{1,16}$/.test(series)) throw new Error(`invalid series name ${series}`);
  if (!Number.isInteger(count) || count < 1) throw new Error(`invalid count ${count}`);
  const rows: { n: string }[] = await tx.query(
    `SELECT next_reference_number($1, $2, $3) AS n FROM generate_series(1, $4)`,
    [organizationId, series, fiscalYear, count],
  );
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
}

/** How a process hands out numbers in blocks (see ReferenceNumberBlocks). */
export interface BlockPolicy {
  /** the largest block taken at once */
  maxBlock: number;
  /** a block used up within this long is followed by one twice its size; a slower one by a single number */
  busyMs: number;
  /** numbers of a block not handed out within this long are dropped (gaps), so numbers stay near filing order */
  keepMs: number;
}

export const DEFAULT_BLOCK_POLICY: BlockPolicy = { maxBlock: 32, busyMs: 1000, keepMs: 2000 };

interface Series {
  numbers: number[];
  takenAt: number;
  size: number;
  fetching?: Promise<void>;
}

/** How a block is taken from the database (nextReferenceNumbers; a stand-in in the unit tests). */
export type TakeNumbers = typeof nextReferenceNumbers;

/** Series held before idle ones are forgotten (7,850 organisations × the series of a fiscal year). */
const SWEEP_ABOVE = 1000;

/**
 * Reference numbers taken from each series' sequence in blocks sized by demand: one at a time while
 * filings are occasional (no unused number is held, and a filing costs the one round trip it always
 * did), doubling while each block is used up within `busyMs`, so that under load most filings take
 * their number without a round trip. Numbers stay unique (the sequence hands each out once); what a
 * block leaves unused (its process stops, or `keepMs` passes) is a gap, which reference numbers
 * allow; with several processes, numbers near one another may be given out of filing order.
 */
export class ReferenceNumberBlocks {
  private readonly series = new Map<string, Series>();

  constructor(
    private readonly policy: BlockPolicy = DEFAULT_BLOCK_POLICY,
    private readonly now: () => number = Date.now,
    private readonly takeNumbers: TakeNumbers = nextReferenceNumbers,
  ) {}

  /** Series held in memory (idle ones are forgotten once there are many). */
  get seriesHeld(): number {
    return this.series.size;
  }

  /** The next number of the series; a round trip (through `session`) only when its block is used up. */
  async take(
    session: EntityManager,
    organizationId: string,
    name: string,
    fiscalYear: number,
  ): Promise<number> {
    const key = `${organizationId}/${name}/${fiscalYear}`;
    let s = this.series.get(key);
    if (!s) {
      if (this.series.size >= SWEEP_ABOVE) this.forgetIdle();
      this.series.set(key, (s = { numbers: [], takenAt: 0, size: 0 }));
    }
    for (;;) {
      if (s.numbers.length > 0 && this.now() - s.takenAt > this.policy.keepMs) s.numbers = [];
      const n = s.numbers.shift();
      if (n !== undefined) return n;
      const mine = s.fetching === undefined;
      // The block is taken through the session of the filing that found the series empty; the
      // others wait for it. `nextval` is not transactional: the numbers stay taken (and unique) if
      // that filing rolls back. Should its query fail, that filing fails, and each waiter tries
      // again through its own session.
      s.fetching ??= this.refill(s, session, organizationId, name, fiscalYear).finally(() => {
        s.fetching = undefined;
      });
      try {
        await s.fetching;
      } catch (error) {
        if (mine) throw error;
      }
    }
  }

  private async refill(
    s: Series,
    session: EntityManager,
    organizationId: string,
    name: string,
    fiscalYear: number,
  ): Promise<void> {
    const busy = this.now() - s.takenAt <= this.policy.busyMs;
    const size = busy ? Math.min(Math.max(1, s.size * 2), this.policy.maxBlock) : 1;
    const numbers = await this.takeNumbers(session, organizationId, name, fiscalYear, size);
    Object.assign(s, { numbers, takenAt: this.now(), size });
  }

  /**
   * Drops series whose last block is older than both `busyMs` and `keepMs`: what they hold would be
   * dropped anyway, and their next block would be a single number.
   */
  private forgetIdle(): void {
    const idleSince = this.now() - Math.max(this.policy.busyMs, this.policy.keepMs);
    for (const [key, s] of this.series) if (!s.fetching && s.takenAt < idleSince) this.series.delete(key);
  }
}

/** A complaint reference number as people type it: 2570/000001, or 2570/1 (spaces around / allowed). */
export const REFERENCE_NO = /^(\d{4})\s*\/\s*(\d{1,6})$/;

/** 2570/1 → 2570/000001; null when `text` is no reference number. */
export function normalizeReferenceNo(text: string): string | null {
  const m = REFERENCE_NO.exec(text.trim());
  return m ? `${m[1]}/${m[2].padStart(6, '0')}` : null;
}
