import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read aloud over the phone and copied from paper. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** 12 symbols from a 31-letter alphabet: 59 bits from the CSPRNG, shown as XXXX-XXXX-XXXX. */
export function generateTrackingCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Accepts what people type: any case, spaces or dashes anywhere. Null when it cannot be a code. */
export function normalizeTrackingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== GROUPS * GROUP_LENGTH) return null;
  for (const ch of compact) if (!TRACKING_ALPHABET.includes(ch)) return null;
  return compact;
}

/** Only this hash is stored: a database dump does not give anyone the codes. */
export function trackingCodeHash(normalized: string): string {
  return createHash('sha256').update(`rongrian-tracking:${normalized}`).digest('hex');
}
