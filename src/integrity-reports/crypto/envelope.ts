import { hashRaw } from '@node-rs/argon2';
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * The integrity channel's encryption, with Node's own crypto only:
 *
 *  - `seal`/`open`: AES-256-GCM with associated data that names the value's place (a ciphertext copied
 *    to another row or column fails to open). Envelope: version (1 byte) | iv (12) | tag (16) | data.
 *  - `wrapFor`/`unwrap`: ECIES to an X25519 public key (ephemeral X25519, HKDF-SHA256, AES-256-GCM);
 *    used to give a report's data key to an officer whose private key is not at hand.
 *  - `passwordKek`: Argon2id of a password with the officer's own salt (at sign-in only).
 */
export const ENVELOPE_VERSION = 1;
const IV = 12;
const TAG = 16;

/** Argon2id cost of the key that protects an officer's private key (OWASP: 19 MiB, 2 passes). */
export const KEK_COST = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export class SealOpenError extends Error {
  constructor() {
    super('sealed value does not open with this key');
  }
}

export const newKey = (): Buffer => randomBytes(32);

export function seal(key: Buffer, plaintext: Buffer | string, associatedData: string): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([ENVELOPE_VERSION]), iv, cipher.getAuthTag(), data]);
}

/** Throws SealOpenError for a wrong key, changed bytes, another place, or an unknown version. */
export function open(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  if (sealed.length < 1 + IV + TAG || sealed[0] !== ENVELOPE_VERSION) throw new SealOpenError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + IV));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.subarray(1 + IV, 1 + IV + TAG));
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV + TAG)), decipher.final()]);
  } catch {
    throw new SealOpenError();
  }
}

export const sealJson = (key: Buffer, value: unknown, associatedData: string): Buffer =>
  seal(key, JSON.stringify(value), associatedData);

export const openJson = <T>(key: Buffer, sealed: Buffer, associatedData: string): T =>
  JSON.parse(open(key, sealed, associatedData).toString('utf8')) as T;

/**
 * Keys travel as raw bytes (imported through JWK, which is several times faster in Node than DER):
 * a public key is X25519's 32 bytes, a private key its 32 bytes followed by the public 32.
 */
export interface PrivateKey {
  key: KeyObject;
  publicKey: Buffer;
}

const KEY_LENGTH = 32;
const b64 = (bytes: Buffer) => bytes.toString('base64url');

function publicKeyObject(raw: Buffer): KeyObject {
  if (raw.length !== KEY_LENGTH) throw new SealOpenError();
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64(raw) }, format: 'jwk' });
}

/** A new X25519 key pair as raw bytes. */
export function newKeyPair(): { publicKey: Buffer; privateKey: Buffer } {
  const jwk = generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x!, 'base64url');
  return { publicKey: x, privateKey: Buffer.concat([Buffer.from(jwk.d!, 'base64url'), x]) };
}

export function privateKeyOf(raw: Buffer): PrivateKey {
  if (raw.length !== 2 * KEY_LENGTH) throw new SealOpenError();
  const publicKey = raw.subarray(KEY_LENGTH);
  const key = createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', d: b64(raw.subarray(0, KEY_LENGTH)), x: b64(publicKey) },
    format: 'jwk',
  });
  return { key, publicKey };
}

function wrapKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer, associatedData: string): Buffer {
  const info = Buffer.from(`rongrian-wrap|${associatedData}`, 'utf8');
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), info, 32));
}

/** Encrypts `secret` so that only the holder of the private half of `recipient` can open it. */
export function wrapFor(recipient: Buffer, secret: Buffer, associatedData: string): Buffer {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = Buffer.from(ephemeral.publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyObject(recipient) });
  const key = wrapKey(shared, ephemeralRaw, recipient, associatedData);
  return Buffer.concat([ephemeralRaw, seal(key, secret, associatedData)]);
}

export function unwrap(privateKey: PrivateKey, wrapped: Buffer, associatedData: string): Buffer {
  const ephemeralRaw = wrapped.subarray(0, KEY_LENGTH);
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: privateKey.key, publicKey: publicKeyObject(ephemeralRaw) });
  } catch {
    throw new SealOpenError();
  }
  const key = wrapKey(shared, ephemeralRaw, privateKey.publicKey, associatedData);
  return open(key, wrapped.subarray(KEY_LENGTH), associatedData);
}

/** Argon2id(secret) with `salt`; the domain keeps keys for different purposes apart. */
export async function passwordKek(secret: string, salt: Buffer, domain: string): Promise<Buffer> {
  return hashRaw(`${domain}|${secret}`, { ...KEK_COST, salt });
}

/** A key from a high-entropy secret (a recovery key, a session token): HKDF-SHA256, no stretching. */
export const derivedKey = (secret: Buffer | string, domain: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `rongrian|${domain}`, 32));

/** Two keys that are both needed (the identity's): HKDF over both. */
export const combinedKey = (first: Buffer, second: Buffer, domain: string): Buffer =>
  derivedKey(Buffer.concat([first, second]), domain);
