import { hashRaw } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

/**
 * Receipts: the reporter's only key to their report (GlobaLeaks-style). 16 decimal digits from the
 * operating system's CSPRNG (about 53 bits), shown once as `XXXX XXXX XXXX XXXX`, stored only as a
 * deterministic Argon2id hash so that the report can be found by it.
 */
export const RECEIPT_DIGITS = 16;

/** Argon2id at OWASP's recommended cost (19 MiB, 2 passes); the salt is per organisation. */
export const RECEIPT_HASH_COST = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** 16 uniformly random digits (crypto.randomInt rejects biased draws). */
export function newReceipt(): string {
  let digits = '';
  for (let i = 0; i < RECEIPT_DIGITS; i++) digits += String(randomInt(0, 10));
  return digits;
}

/** `1234567890123456` → `1234 5678 9012 3456` */
export function formatReceipt(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** What a person types (spaces, dashes, surrounding blanks) → the 16 digits, or null. */
export function normalizeReceipt(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{16}$/.test(digits) ? digits : null;
}

/**
 * The stored form of a receipt: Argon2id keyed by the deployment's pepper (RECEIPT_PEPPER) and salted
 * per organisation. Deterministic, so it can be looked up through an index; without the pepper a
 * database dump gives nothing to brute-force against, and with it each guess costs a full Argon2id.
 */
export async function hashReceipt(digits: string, salt: Buffer, pepper: Buffer): Promise<string> {
  const raw = await hashRaw(digits, { ...RECEIPT_HASH_COST, salt, secret: pepper });
  return raw.toString('base64url');
}
