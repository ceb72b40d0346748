import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { insertRows, RowsOf } from './insert-rows';
import { currentTenancy, runWithTenancy, Tenancy } from './tenancy';

/**
 * Statements of one tenancy under way at once; writes arriving meanwhile wait and go together. Two:
 * no different from one in throughput (measured side by side at 10 and 50 clients), and one slow
 * statement then does not hold up every filing of the process.
 */
const IN_FLIGHT = 2;
/** the most writes in one statement */
const MAX_BATCH = 32;

interface Waiting {
  parts: RowsOf[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Queue {
  tenancy: Tenancy | null;
  waiting: Waiting[];
  inFlight: number;
  scheduled: boolean;
}

/**
 * Group commit for new records: the rows of creations that are ready at the same moment (each a
 * whole case: the case, its first event, its deadline, its messages, its idempotency record) are
 * written as ONE statement, so a busy intake pays one round trip, one commit and one WAL flush for
 * several cases instead of one each. Nothing waits while the database is idle: a write starts at
 * once unless IN_FLIGHT statements are already under way, and those arriving meanwhile go together
 * in the next one. Each caller's promise settles only when its rows are committed. A statement is
 * all or nothing, so when a batch fails (one case's row breaks a constraint, such as a retried
 * Idempotency-Key) each of its writes is tried again alone and gets its own answer: no case is
 * half-written, and one bad case fails no other. Rows of different tenancies never share a statement.
 */
@Injectable()
export class RowBatcher {
  private readonly queues = new Map<string, Queue>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Writes `parts` (as insertRows would) in the current tenancy, with whatever else is ready. */
  write(parts: RowsOf[]): Promise<void> {
    const tenancy = currentTenancy();
    const key = tenancy === null ? '' : tenancy === 'system' ? 'system' : tenancy.organizationId;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = { tenancy, waiting: [], inFlight: 0, scheduled: false }));
    const ready = queue;
    return new Promise<void>((resolve, reject) => {
      ready.waiting.push({ parts, resolve, reject });
      this.schedule(key, ready);
    });
  }

  /** Writes waiting (or under way) for any tenancy: none once every caller has its answer. */
  get pending(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.waiting.length + queue.inFlight;
    return n;
  }

  /** A flush after the writes of this turn of the event loop have joined, if a statement may start. */
  private schedule(key: string, queue: Queue): void {
    if (queue.scheduled || queue.waiting.length === 0 || queue.inFlight >= IN_FLIGHT) return;
    queue.scheduled = true;
    setImmediate(() => {
      queue.scheduled = false;
      void this.flush(key, queue);
    });
  }

  private async flush(key: string, queue: Queue): Promise<void> {
    const batch = queue.waiting.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    queue.inFlight += 1;
    this.schedule(key, queue);
    try {
      await this.within(queue.tenancy, () => this.writeBatch(batch));
    } finally {
      queue.inFlight -= 1;
      if (queue.inFlight === 0 && queue.waiting.length === 0 && !queue.scheduled) this.queues.delete(key);
      else this.schedule(key, queue);
    }
  }

  private within(tenancy: Tenancy | null, work: () => Promise<void>): Promise<void> {
    return tenancy === null ? work() : runWithTenancy(tenancy, work);
  }

  private async writeBatch(batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      try {
        await insertRows(this.db.manager, mergeParts(batch.map((w) => w.parts)));
        for (const w of batch) w.resolve();
        return;
      } catch {
        // nothing of the batch was written: each alone, so that only the one at fault fails
      }
    }
    await Promise.all(
      batch.map(async (w) => {
        try {
          await insertRows(this.db.manager, w.parts);
          w.resolve();
        } catch (error) {
          w.reject(error);
        }
      }),
    );
  }
}

/** The parts of several writes as one write: the rows for each table (and conflict rule) together, in order. */
export function mergeParts(writes: RowsOf[][]): RowsOf[] {
  const merged: RowsOf[] = [];
  for (const parts of writes)
    for (const part of parts) {
      const ignoreConflicts = part.ignoreConflicts === true;
      const i = merged.findIndex(
        (m) => m.entity === part.entity && (m.ignoreConflicts === true) === ignoreConflicts,
      );
      if (i < 0) merged.push({ ...part, rows: [...part.rows] });
      else merged[i].rows.push(...part.rows);
    }
  return merged;
}
