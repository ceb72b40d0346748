import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';

/**
 * Files of the integrity channel, encrypted with the report's data key: AES-256-GCM under a key
 * derived (HKDF-SHA256) from the data key and the blob's own random key name, so that no two blobs
 * share a key. The store keeps only ciphertext; the nonce and tag (28 bytes) stay in the database row.
 */
const IV = 12;

const blobKeyFor = (dataKey: Buffer, blobKey: string) =>
  Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `rongrian-attachment|${blobKey}`, 32));

/** The ciphertext in as many pieces as the plaintext came in (a file is not copied into one buffer). */
export function sealBlob(
  dataKey: Buffer,
  blobKey: string,
  plain: Buffer[],
): { sealed: Buffer[]; seal: Buffer } {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', blobKeyFor(dataKey, blobKey), iv);
  const sealed = plain.map((piece) => cipher.update(piece));
  sealed.push(cipher.final());
  return { sealed, seal: Buffer.concat([iv, cipher.getAuthTag()]) };
}

/**
 * The plaintext of a stored blob as a stream. The tag is checked at the end: a blob that was changed
 * (or opened with another report's key) ends the stream with an error, so the download is cut off.
 */
export function openBlob(dataKey: Buffer, blobKey: string, seal: Buffer, sealed: Readable): Readable {
  const decipher = createDecipheriv('aes-256-gcm', blobKeyFor(dataKey, blobKey), seal.subarray(0, IV));
  decipher.setAuthTag(seal.subarray(IV));
  const out = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decipher.update(chunk));
    },
    flush(done) {
      try {
        done(null, decipher.final());
      } catch (error) {
        done(error as Error);
      }
    },
  });
  sealed.once('error', (error) => out.destroy(error));
  return sealed.pipe(out);
}
