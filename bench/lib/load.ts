/** A closed-loop load generator: `concurrency` loops call `task` back to back for `seconds`. */
export interface LoadResult {
  label: string;
  concurrency: number;
  requests: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** each request's time, sorted (for merging rounds) */
  latenciesMs: number[];
  seconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoad(
  label: string,
  concurrency: number,
  seconds: number,
  task: (worker: number, i: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        try {
          await task(worker, i);
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors++;
          firstError ??= error;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  if (firstError) console.error(`${label}: ${errors} errors, first:`, firstError);
  latencies.sort((a, b) => a - b);
  return {
    label,
    concurrency,
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    latenciesMs: latencies,
    seconds: elapsed,
  };
}

/** Rounds of one scenario as one result: their requests over their time, their latencies together. */
export function mergeResults(rounds: LoadResult[]): LoadResult {
  const latencies = rounds.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  return {
    label: rounds[0].label,
    concurrency: rounds[0].concurrency,
    requests: latencies.length,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    latenciesMs: latencies,
    seconds,
  };
}

export function printResults(rows: LoadResult[]): void {
  console.log(
    [
      'scenario'.padEnd(38),
      'conc',
      'req/s'.padStart(8),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'errors',
    ].join('  '),
  );
  for (const r of rows) {
    console.log(
      [
        r.label.padEnd(38),
        String(r.concurrency).padStart(4),
        r.perSecond.toFixed(0).padStart(8),
        r.p50Ms.toFixed(1).padStart(8),
        r.p99Ms.toFixed(1).padStart(8),
        String(r.errors).padStart(6),
      ].join('  '),
    );
  }
}
