import type { Pool } from 'pg';
import { CopyStreamQuery, from as copyFrom } from 'pg-copy-streams';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { rolePreludeFor } from '../../infrastructure/database/tenancy';
import { BlobStore } from './blob-store';

export const CHUNK_BYTES = 256 * 1024;

/** The binary COPY format's header (signature, flags, header extension length) and trailer. */
const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/**
 * The embedded store: each file in rows of `attachment_chunks` (at most 256 KiB each), so the
 * database backup (pg_dump) holds the files with their cases and nothing else needs backing up.
 * Written as the upload arrives by one binary COPY (one round trip, one commit with the upload's
 * `attachment_uploads` row: a failed write leaves nothing behind), the bytes passed to the socket as
 * they came (no copy into a statement's parameters); read back one piece at a time.
 */
export class PostgresBlobStore implements BlobStore {
  readonly name = 'postgres';

  constructor(private readonly db: DataSource) {}

  put(key: string, data: Readable): Promise<number> {
    return this.write(key, data, false);
  }

  putUnlinked(key: string, data: Readable): Promise<number> {
    return this.write(key, data, true);
  }

  private async write(key: string, data: Readable, unlinked: boolean): Promise<number> {
    const pool = (this.db.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    // both tables are outside row-level security: the runtime role is all they need, sent with the
    // COPY as one simple query (an implicit transaction), so that the write costs one round trip
    const statements = [
      rolePreludeFor(this.db),
      unlinked ? `INSERT INTO attachment_uploads (blob_key) VALUES (${client.escapeLiteral(key)})` : null,
      'COPY attachment_chunks (blob_key, seq, data) FROM STDIN (FORMAT binary)',
    ];
    const copy = client.query(corked(copyFrom(statements.filter(Boolean).join('; '))));
    let total = 0;
    try {
      await pipeline(
        data,
        binaryRows(key, (n) => (total += n)),
        copy,
      );
    } catch (error) {
      client.release(error as Error); // closes the connection, which ends the COPY on the server
      throw error;
    }
    client.release();
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

/**
 * pg-copy-streams writes each CopyData message as two socket writes (its 5-byte length, then the
 * data) and each message separately. With the socket corked while it flushes, and uncorked once the
 * current tick's writes are queued, the messages of a tick leave in one writev: a sixth of the system
 * calls (and of the PostgreSQL wake-ups) per file.
 */
function corked(copy: CopyStreamQuery): CopyStreamQuery {
  const stream = copy as unknown as { flush(cb?: () => void): void; connection: { stream: Writable } };
  const flush = stream.flush.bind(copy);
  let pending = false;
  stream.flush = (callback) => {
    const socket = stream.connection.stream;
    if (!pending) {
      pending = true;
      socket.cork();
      process.nextTick(() => {
        pending = false;
        socket.uncork();
      });
    }
    flush(callback);
  };
  return copy;
}

/**
 * The rows (blob_key, seq, data) of a blob in COPY's binary format, cut into pieces of CHUNK_BYTES:
 * each row's header, then the incoming buffers (or views of them) that make up its piece.
 */
function binaryRows(key: string, counted: (bytes: number) => void) {
  const keyBytes = Buffer.from(key);
  const rowHeader = (seq: number, length: number) => {
    const header = Buffer.allocUnsafe(2 + 4 + keyBytes.length + 8 + 4);
    let at = header.writeInt16BE(3);
    at = header.writeInt32BE(keyBytes.length, at);
    at += keyBytes.copy(header, at);
    at = header.writeInt32BE(4, at);
    at = header.writeInt32BE(seq, at);
    header.writeInt32BE(length, at);
    return header;
  };
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    yield COPY_HEADER;
    let seq = 0;
    let piece: Buffer[] = [];
    let pieceBytes = 0;
    function* cut(): Generator<Buffer> {
      yield rowHeader(seq++, pieceBytes);
      yield* piece;
      piece = [];
      pieceBytes = 0;
    }
    for await (const chunk of source) {
      counted(chunk.length);
      let rest = chunk;
      while (rest.length > 0) {
        const take = Math.min(rest.length, CHUNK_BYTES - pieceBytes);
        piece.push(rest.subarray(0, take));
        pieceBytes += take;
        rest = rest.subarray(take);
        if (pieceBytes === CHUNK_BYTES) yield* cut();
      }
    }
    // the last piece; an empty blob is one empty piece
    if (pieceBytes > 0 || seq === 0) yield* cut();
    yield COPY_TRAILER;
  };
}
