import { Inject, Injectable } from '@nestjs/common';
import { READ_DATA_SOURCE } from '../infrastructure/database/read-data-source';
import { DateTime } from 'luxon';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { fiscalYearRange } from '../common/time/fiscal-year';
import { AppConfig } from '../config/app-config';
import { OrganizationsService } from '../organizations/organizations.service';
import { BOM, csvLine } from './csv';
import { OPEN_DATA_PAGE_SQL, OPEN_DATA_SMALL_CELLS_SQL } from './statistics.sql';

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

const PAGE_SIZE = 5000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/** What the small-cell rule withholds of one row (only rows in a small cell have an entry). */
interface SmallCell {
  located: boolean;
  dated: boolean;
}

/**
 * Open data: every general complaint of a fiscal year, one row each, month by month and in keyset
 * pages of 5,000 (id) within a month, written as they come, so that memory stays flat whatever the
 * number of rows (only the rows in small cells are held, as ids).
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

  async complaints(orgSlug: string, fiscalYear: number, format: 'csv' | 'jsonl'): Promise<Readable> {
    const org = await this.organizations.bySlug(orgSlug);
    const range = fiscalYearRange(fiscalYear, this.config.app.timeZone);
    const small = await this.smallCells(org.id, range.start, range.end);
    const rows = this.rows(org.id, range.start, range.end);
    const lines = async function* () {
      if (format === 'csv') yield BOM + csvLine(OPEN_DATA_COLUMNS.map(([, h]) => h));
      for await (const row of rows) {
        const cell = small.get(row.id as string);
        if (cell) withhold(row, cell);
        const values = OPEN_DATA_COLUMNS.map(([k]) => row[k] ?? null);
        yield format === 'csv'
          ? csvLine(values)
          : JSON.stringify(Object.fromEntries(OPEN_DATA_COLUMNS.map(([k], i) => [k, values[i]]))) + '\n';
      }
    };
    return Readable.from(lines());
  }

  private async smallCells(organizationId: string, start: Date, end: Date): Promise<Map<string, SmallCell>> {
    const k = this.config.privacy.openDataMinCell;
    if (k <= 1) return new Map();
    const rows = await this.db.query<({ id: string } & SmallCell)[]>(OPEN_DATA_SMALL_CELLS_SQL, [
      organizationId,
      start,
      end,
      this.config.app.timeZone,
      k,
    ]);
    return new Map(rows.map((r) => [r.id, { located: r.located, dated: r.dated }]));
  }

  private async *rows(organizationId: string, start: Date, end: Date) {
    const zone = this.config.app.timeZone;
    for (
      let month = DateTime.fromJSDate(start, { zone }).startOf('month');
      month.toJSDate() < end;
      month = month.plus({ months: 1 })
    ) {
      const [from, to] = [month.toJSDate(), month.plus({ months: 1 }).toJSDate()];
      let after = FIRST_ID;
      for (;;) {
        const page = await this.db.query<Record<string, unknown>[]>(OPEN_DATA_PAGE_SQL, [
          organizationId,
          from < start ? start : from,
          to > end ? end : to,
          after,
          PAGE_SIZE,
          zone,
        ]);
        yield* page;
        if (page.length < PAGE_SIZE) break;
        after = page[page.length - 1].id as string;
      }
    }
  }
}

/** Applies the small-cell rule to one row (see OpenDataService). */
function withhold(row: Record<string, unknown>, cell: SmallCell): void {
  if (!cell.located) {
    row.latitude = null;
    row.longitude = null;
  }
  if (!cell.dated) {
    row.reference_no = null;
    for (const date of ['received_date', 'due_date', 'result_date'])
      if (typeof row[date] === 'string') row[date] = (row[date] as string).slice(0, 7);
  }
}
