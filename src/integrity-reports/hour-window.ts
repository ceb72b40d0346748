const HOUR_MS = 60 * 60 * 1000;

/**
 * The end (Unix seconds) of the clock hour holding the instant `atMs`. Redis keys of the reporter's
 * channel expire at such an hour boundary (EXPIREAT) instead of a fixed time after they were
 * written: a key's TTL then tells at most the hour in which it was made, never the second of a
 * submission or of a receipt sign-in. Clock hours are the same in UTC and in Bangkok (UTC+7).
 */
export function endOfClockHour(atMs: number): number {
  return ((Math.floor(atMs / HOUR_MS) + 1) * HOUR_MS) / 1000;
}
