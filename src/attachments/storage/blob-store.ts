import { Readable } from 'node:stream';

/**
 * Where attachment bytes live. Writes and reads stream: no implementation holds a whole file in
 * memory. `put` resolves with the number of bytes stored; a failed `put` may leave a partial blob,
 * which the caller removes (or the sweeper does, from the `attachment_uploads` row).
 */
export interface BlobStore {
  readonly name: string;
  put(key: string, data: Readable): Promise<number>;
  /**
   * `put`, with the blob recorded as an unlinked upload (its `attachment_uploads` row) in the same
   * commit as its bytes; for a store that can (the embedded one). Otherwise the caller records the
   * upload, then puts.
   */
  putUnlinked?(key: string, data: Readable): Promise<number>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export const BLOB_STORE = Symbol('BlobStore');
