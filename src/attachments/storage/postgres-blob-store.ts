import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { BlobStore } from './blob-store';

export const CHUNK_BYTES = 256 * 1024;
/** Pieces written by one INSERT (at most 1 MiB held per write, one round trip and one commit for it). */
export const PIECES_PER_INSERT = 4;

/**
 * The embedded store: each file in rows of `attachment_chunks` (at most 256 KiB each), so the
 * database backup (pg_dump) holds the files with their cases and nothing else needs backing up.
 * Written as the upload arrives, up to four pieces per multi-row INSERT, read back one piece at a time.
 * A piece that lies within one incoming buffer is sent as a view of it, not copied.
 */
export class PostgresBlobStore implements BlobStore {
  readonly name = 'postgres';

  constructor(private readonly db: DataSource) {}

  async put(key: string, data: Readable): Promise<number> {
    let seq = 0;
    let total = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let pieces: Buffer[] = [];
    const cut = () => {
      pieces.push(pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    };
    const insert = async () => {
      const rows = pieces.map((_, i) => `($1, $${2 * i + 2}, $${2 * i + 3})`).join(', ');
      const params: unknown[] = [key];
      for (const piece of pieces) params.push(seq++, piece);
      pieces = [];
      await this.db.query(`INSERT INTO attachment_chunks (blob_key, seq, data) VALUES ${rows}`, params);
    };
    for await (const chunk of data as AsyncIterable<Buffer>) {
      let rest = chunk;
      while (rest.length > 0) {
        const take = Math.min(rest.length, CHUNK_BYTES - pendingBytes);
        pending.push(rest.subarray(0, take));
        pendingBytes += take;
        total += take;
        rest = rest.subarray(take);
        if (pendingBytes === CHUNK_BYTES) {
          cut();
          if (pieces.length === PIECES_PER_INSERT) await insert();
        }
      }
    }
    // the last piece; an empty blob is one empty piece
    if (pendingBytes > 0 || (seq === 0 && pieces.length === 0)) cut();
    if (pieces.length > 0) await insert();
    return total;
  }

  async get(key: string): Promise<Readable> {
    const db = this.db;
    const [{ pieces }] = (await db.query(
      `SELECT count(*)::int AS pieces FROM attachment_chunks WHERE blob_key = $1`,
      [key],
    )) as { pieces: number }[];
    if (pieces === 0) throw new Error('blob not found');
    async function* read(): AsyncGenerator<Buffer> {
      for (let seq = 0; seq < pieces; seq++) {
        const rows = (await db.query(`SELECT data FROM attachment_chunks WHERE blob_key = $1 AND seq = $2`, [
          key,
          seq,
        ])) as { data: Buffer }[];
        if (rows.length === 0) throw new Error('blob piece missing');
        yield rows[0].data;
      }
    }
    return Readable.from(read(), { objectMode: false });
  }

  async delete(key: string): Promise<void> {
    await this.db.query(`DELETE FROM attachment_chunks WHERE blob_key = $1`, [key]);
  }
}
