import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** An encrypted value and what is needed to open it (except the key). */
export interface SealedValue {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

export class IdentityKeyUnavailableError extends Error {
  constructor(keyId: string) {
    super(`identity key "${keyId}" is not configured (IDENTITY_KEYS)`);
  }
}

/**
 * AES-256-GCM with a key ring (IDENTITY_KEYS): new values use the current key, old ones open with the
 * key named in their `keyId`, so keys can be rotated without a flag day. The associated data binds a
 * value to its place (e.g. the report it belongs to): a ciphertext copied to another row fails to open.
 */
export class IdentityVault {
  constructor(
    private readonly keys: Readonly<Record<string, Buffer>>,
    private readonly currentKeyId: string,
  ) {
    if (!keys[currentKeyId]) throw new IdentityKeyUnavailableError(currentKeyId);
  }

  get currentKey(): string {
    return this.currentKeyId;
  }

  seal(plaintext: string, associatedData: string): SealedValue {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[this.currentKeyId], iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, iv, ciphertext, authTag: cipher.getAuthTag() };
  }

  /** Throws when the key is unknown, or the value, its tag or the associated data were changed. */
  open(sealed: SealedValue, associatedData: string): string {
    const key = this.keys[sealed.keyId];
    if (!key) throw new IdentityKeyUnavailableError(sealed.keyId);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.authTag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  }
}
