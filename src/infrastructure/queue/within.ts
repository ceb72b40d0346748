/** `work`, or a rejection naming `what` once it takes longer than `ms` (a Redis call that hangs means Redis is away). */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  work.catch(() => undefined); // a late failure after the timeout is not an unhandled rejection
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms (is Redis down?)`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
