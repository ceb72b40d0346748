import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `work` and answers (or throws) no sooner than `minimumMs` after the start, so that the time
 * taken says nothing about which path was taken (a receipt that matched or one that did not).
 */
export async function withMinimumDuration<T>(minimumMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const settle = async () => {
    const remaining = minimumMs - (performance.now() - started);
    if (remaining > 0) await sleep(remaining);
  };
  try {
    const result = await work();
    await settle();
    return result;
  } catch (error) {
    await settle();
    throw error;
  }
}
