import { Logger } from '@nestjs/common';

const lastLogged = new Map<string, number>();

/**
 * A BullMQ queue or worker lost Redis: one warning line (the message, no stack) per component and
 * minute while it reconnects by itself, instead of one stack trace per attempt.
 */
export function logConnectionError(logger: Logger, component: string, error: Error, everyMs = 60_000): void {
  const now = Date.now();
  if (now - (lastLogged.get(component) ?? 0) < everyMs) return;
  lastLogged.set(component, now);
  logger.warn(`${component}: ${error.message} (reconnecting; repeats are not logged for a minute)`);
}
