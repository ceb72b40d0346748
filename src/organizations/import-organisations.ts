import { Logger } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { In } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../infrastructure/database/data-source-options';
import { systemDataSource } from '../infrastructure/database/tenancy';
import { CommandRefused } from '../users/reset-administrator-password';
import { changesFor, parseDlaCsv } from './dla-csv';
import { Organization } from './entities/organization.entity';
import { createOrganization, updateOrganization } from './organization-records';

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** How many problems of a refused file are printed. */
const SHOWN_PROBLEMS = 20;

/**
 * `node dist/src/main.js import-organisations <file.csv>`: brings the organisations in line with the
 * DLA list, keyed by DLA code. New codes become organisations (slug: the file's `slug` column, else
 * the code) with their reference data; rows that differ update only the columns the file has; rows
 * that match change nothing, so running it again changes nothing. All or nothing: a file with any
 * unusable row is refused whole (the lines are listed) and nothing is written. Audited per
 * organisation. First administrators are invited afterwards by an operator
 * (POST /organizations/{id}/administrator): the list carries no officers.
 */
export async function importOrganisations(
  config: AppConfig,
  file: string | undefined,
): Promise<ImportReport> {
  if (!file) throw new CommandRefused('Usage: import-organisations <file.csv>');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CommandRefused(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const { rows, problems } = parseDlaCsv(text);
  if (problems.length > 0) {
    const shown = problems
      .slice(0, SHOWN_PROBLEMS)
      .map((p) => `  line ${p.line}, ${p.field}: ${p.message}`)
      .join('\n');
    const more = problems.length > SHOWN_PROBLEMS ? `\n  … and ${problems.length - SHOWN_PROBLEMS} more` : '';
    throw new CommandRefused(`${file}: nothing imported, ${problems.length} problem(s):\n${shown}${more}`);
  }
  const db = systemDataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await db.initialize();
  const report: ImportReport = { rows: rows.length, created: 0, updated: 0, unchanged: 0 };
  const by = (action: string) => ({ userId: null, requestId: null, action });
  try {
    await db.transaction(async (tx) => {
      const existing = new Map(
        (await tx.findBy(Organization, { dlaCode: In(rows.map((r) => r.dlaCode)) })).map((o) => [
          o.dlaCode,
          o,
        ]),
      );
      for (const row of rows) {
        const org = existing.get(row.dlaCode);
        if (!org) {
          await createOrganization(
            tx,
            { ...row, slug: row.slug ?? row.dlaCode },
            by('organization.import_create'),
          );
          report.created += 1;
          continue;
        }
        const changes = changesFor(org, row);
        if (!changes) {
          report.unchanged += 1;
          continue;
        }
        await updateOrganization(tx, org, changes, by('organization.import_update'));
        report.updated += 1;
      }
    });
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error as { code: string }).code.endsWith('_TAKEN')) {
      throw new CommandRefused(`${file}: nothing imported: ${error.message}`);
    }
    throw error;
  } finally {
    await db.destroy();
  }
  new Logger('Import').log(
    `${file}: ${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`,
  );
  return report;
}
