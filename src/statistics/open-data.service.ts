import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { fiscalYearRange } from '../common/time/fiscal-year';
import { AppConfig } from '../config/app-config';
import { OrganizationsService } from '../organizations/organizations.service';
import { BOM, csvLine } from './csv';
import { OPEN_DATA_PAGE_SQL } from './statistics.sql';

/** The published columns, in order: nothing that identifies or contacts a complainant. */
export const OPEN_DATA_COLUMNS: [string, string][] = [
  ['reference_no', 'เลขที่เรื่อง (reference number)'],
  ['category_code', 'ประเภทเรื่อง (category code)'],
  ['channel', 'ช่องทาง (channel)'],
  ['unit_code', 'หน่วยงานผู้รับผิดชอบ (unit code)'],
  ['received_date', 'วันที่รับเรื่อง (received date)'],
  ['due_date', 'วันครบกำหนด (due date)'],
  ['result_date', 'วันที่แจ้งผล (result date)'],
  ['status', 'สถานะ (status)'],
  ['deadline_outcome', 'ผลเทียบกำหนดเวลา (deadline outcome)'],
  ['rating', 'คะแนนความพึงพอใจ (rating)'],
  ['latitude', 'ละติจูด ~1 กม. (latitude, 2 decimals)'],
  ['longitude', 'ลองจิจูด ~1 กม. (longitude, 2 decimals)'],
];

const PAGE_SIZE = 5000;
const BEFORE_ALL = ['-infinity', '00000000-0000-0000-0000-000000000000'] as const;

/**
 * Open data: every general complaint of a fiscal year, one row each, read in keyset pages of 5,000
 * (received_at, id) and written as they come, so that memory stays flat whatever the number of rows.
 */
@Injectable()
export class OpenDataService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly organizations: OrganizationsService,
  ) {}

  async complaints(orgSlug: string, fiscalYear: number, format: 'csv' | 'jsonl'): Promise<Readable> {
    const org = await this.organizations.bySlug(orgSlug);
    const range = fiscalYearRange(fiscalYear, this.config.app.timeZone);
    const rows = this.rows(org.id, range.start, range.end);
    const lines = async function* () {
      if (format === 'csv') yield BOM + csvLine(OPEN_DATA_COLUMNS.map(([, h]) => h));
      for await (const row of rows) {
        const values = OPEN_DATA_COLUMNS.map(([k]) => row[k] ?? null);
        yield format === 'csv'
          ? csvLine(values)
          : JSON.stringify(Object.fromEntries(OPEN_DATA_COLUMNS.map(([k], i) => [k, values[i]]))) + '\n';
      }
    };
    return Readable.from(lines());
  }

  private async *rows(organizationId: string, start: Date, end: Date) {
    let after: readonly [string | Date, string] = BEFORE_ALL;
    for (;;) {
      const page = await this.db.query<Record<string, unknown>[]>(OPEN_DATA_PAGE_SQL, [
        organizationId,
        after[0],
        after[1],
        PAGE_SIZE,
        this.config.app.timeZone,
        start,
        end,
      ]);
      yield* page;
      if (page.length < PAGE_SIZE) return;
      const last = page[page.length - 1];
      after = [last.received_at as Date, last.id as string];
    }
  }
}
