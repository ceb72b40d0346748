import { Inject, Injectable } from '@nestjs/common';
import { PassThrough, pipeline, Readable, Transform } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { READ_DATA_SOURCE } from '../infrastructure/database/read-data-source';
import { preludeFor } from '../infrastructure/database/tenancy';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { DomainError } from '../common/errors/domain-error';
import { fiscalYearRange } from '../common/time/fiscal-year';
import { AppConfig } from '../config/app-config';
import { OrganizationsService } from '../organizations/organizations.service';
import { BOM, csvLine } from './csv';
import { openDataSql } from './statistics.sql';

/** The published columns, in order: nothing that identifies or contacts a complainant. */
export const OPEN_DATA_COLUMNS: [string, string][] = [
  ['reference_no', 'เลขที่เรื่อง (reference number)'],
  ['category_code', 'ประเภทเรื่อง (category code)'],
  ['channel', 'ช่องทาง (channel)'],
  ['unit_code', 'หน่วยงานผู้รับผิดชอบ (unit code)'],
  ['received_date', 'วันที่รับเรื่อง (received date; month in a small cell)'],
  ['due_date', 'วันครบกำหนด (due date; month in a small cell)'],
  ['result_date', 'วันที่แจ้งผล (result date; month in a small cell)'],
  ['status', 'สถานะ (status)'],
  ['deadline_outcome', 'ผลเทียบกำหนดเวลา (deadline outcome)'],
  ['rating', 'คะแนนความพึงพอใจ (rating)'],
  ['latitude', 'ละติจูด ~1 กม. (latitude, 2 decimals; empty in a small cell)'],
  ['longitude', 'ลองจิจูด ~1 กม. (longitude, 2 decimals; empty in a small cell)'],
];

/**
 * Open data: every general complaint of a fiscal year, one row each, at the speed of PostgreSQL's
 * own `COPY (…) TO STDOUT`: one statement (statistics.sql.ts, openDataSql) selects, orders and
 * applies the small-cell rule, and its output is piped to the response through pg-copy-streams with
 * backpressure, so memory stays flat whatever the number of rows. CSV rows get the CRLF line ends
 * of our other CSV files (the published columns hold no line breaks); JSON lines are built by
 * PostgreSQL (json_build_object) and copied verbatim: a CSV copy with a delimiter and quote that
 * JSON text cannot contain (it escapes every control character) leaves them untouched.
 *
 * The small-cell rule (k = OPEN_DATA_MIN_CELL, default 3), because in a small village a date, a
 * category and a square kilometre can point at a person:
 * 1. latitude and longitude are published only when at least k complaints of the year lie in the
 *    same ~1 km square (2 decimals); otherwise they are empty;
 * 2. the received, due and result dates are published exactly only when at least k complaints of
 *    the year share the received day, the category and the published square (or the lack of one);
 *    otherwise they are given as their months (YYYY-MM) and the reference number is left out
 *    (numbers are sequential and would date the case between its neighbours);
 * 3. rows are ordered by month, then at random (id) within the month: a row's place tells only its month.
 */
@Injectable()
export class OpenDataService {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly organizations: OrganizationsService,
  ) {}

  /** files being streamed by this process (each holds a connection until its last row is sent) */
  private streaming = 0;

  async complaints(orgSlug: string, fiscalYear: number, format: 'csv' | 'jsonl'): Promise<Readable> {
    const org = await this.organizations.bySlug(orgSlug);
    const range = fiscalYearRange(fiscalYear, this.config.app.timeZone);
    // A download lasts as long as the client takes to read it. Without a cap, a few slow downloads
    // would hold every connection of the pool (the service's own without DATABASE_READ_URL) and
    // filing would wait behind them: beyond the cap, 429 and come back in a minute.
    if (this.streaming >= this.config.app.openDataMaxStreams)
      throw new DomainError('OPEN_DATA_BUSY', undefined, undefined, { 'retry-after': '60' });
    this.streaming += 1;
    let done = false;
    const finished = () => {
      if (!done) this.streaming -= 1;
      done = true;
    };
    try {
      return await this.stream(org.id, range, format, finished);
    } catch (error) {
      finished();
      throw error;
    }
  }

  private async stream(
    organizationId: string,
    range: { start: Date; end: Date },
    format: 'csv' | 'jsonl',
    finished: () => void,
  ): Promise<Readable> {
    // the read data source's own pool (DATABASE_READ_URL, or the primary's when unset)
    const pool = (this.db.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    const sql = openDataSql(
      {
        organizationId,
        start: range.start.toISOString(),
        end: range.end.toISOString(),
        zone: this.config.app.timeZone,
        minCell: this.config.privacy.openDataMinCell,
      },
      (value) => client.escapeLiteral(value),
      format === 'jsonl',
    );
    const options = format === 'csv' ? '(FORMAT csv)' : `(FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')`;
    try {
      // one transaction, of this organisation's rows only (row-level security); the year's sort and
      // the small-cell counts in memory, without JIT (as the statistics' queries); hash joins only:
      // the planner knows no statistics of the year's rows (a CTE) and would rather sort them twice
      // to merge-join a few thousand squares, and under row-level security it expects a few dozen
      // rows (the policy's filters multiply), so it would look each deadline up in its index, a
      // nested loop of as many index probes as rows where COPY as the owner hashes the year's rows
      // and streams the deadlines past them; the pool's 30 s statement timeout would cut the file
      // of a slow download (the copy waits for the client), so a year's file has a quarter of an hour
      const prelude = preludeFor(this.db, { organizationId });
      await client.query(
        `START TRANSACTION; ${prelude}; SET LOCAL work_mem = '128MB'; SET LOCAL jit = off; SET LOCAL enable_mergejoin = off; SET LOCAL enable_nestloop = off; SET LOCAL statement_timeout = '15min'`,
      );
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    const copy = client.query(copyTo(`COPY (${sql}) TO STDOUT ${options}`));
    const out =
      format === 'csv' ? crlf(BOM + csvLine(OPEN_DATA_COLUMNS.map(([, h]) => h))) : new PassThrough();
    pipeline(copy, out, (error) => {
      finished();
      void release(client, error);
    });
    return out;
  }
}

/**
 * Gives the connection back with its transaction (and so its settings) ended; a copy cut short (the
 * client went away) closes it instead, which ends the statement on the server.
 */
async function release(client: PoolClient, error: Error | null | undefined): Promise<void> {
  if (error) return client.release(error);
  try {
    await client.query('COMMIT');
    client.release();
  } catch (reset) {
    client.release(reset as Error);
  }
}

/** LF → CRLF, with `first` written before the rows. */
function crlf(first: string): Transform {
  return new Transform({
    construct(callback) {
      this.push(Buffer.from(first));
      callback();
    },
    transform(chunk: Buffer, _encoding, callback) {
      let lines = 0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      const out = Buffer.allocUnsafe(chunk.length + lines);
      let from = 0;
      let to = 0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
        to += chunk.copy(out, to, from, i);
        out[to++] = 13;
        out[to++] = 10;
        from = i + 1;
      }
      chunk.copy(out, to, from);
      callback(null, out);
    },
  });
}
