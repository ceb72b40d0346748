import { JobsOptions } from 'bullmq';

/**
 * Written once for every queue: retry with exponential backoff, and keep a bounded history so Redis
 * does not grow without end. Permanent failures throw UnrecoverableError to skip the retries.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 5000 },
};
