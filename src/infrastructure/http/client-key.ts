import { createHmac } from 'node:crypto';

/**
 * A short-lived pseudonym for a client address, for rate limits and throttles: HMAC of the address
 * with a secret and today's date (UTC). Redis never sees the address itself, and keys from different
 * days cannot be linked.
 */
export function clientKey(secret: string, address: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return createHmac('sha256', secret).update(`${day}|${address}`).digest('base64url').slice(0, 22);
}
