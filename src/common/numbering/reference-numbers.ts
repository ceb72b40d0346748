import { EntityManager } from 'typeorm';

/**
 * Next number in a per-organisation, per-fiscal-year series: `nextval` of that series' own
 * PostgreSQL sequence (created on first use by `next_reference_number`, continuing the series' old
 * counter row). Taking a number holds no lock and waits for no commit, so concurrent filings do not
 * serialize on it. Numbers never repeat and grow in the order they are taken; a filing that fails
 * afterwards leaves a gap.
 */
export async function nextReferenceNumber(
  tx: EntityManager,
  organizationId: string,
  series: string,
  fiscalYear: number,
): Promise<number> {
  if (!/^[a-z_]{1,16}$/.test(series)) throw new Error(`invalid series name ${series}`);
  const rows: { n: string }[] = await tx.query(`SELECT next_reference_number($1, $2, $3) AS n`, [
    organizationId,
    series,
    fiscalYear,
  ]);
  return Number(rows[0].n);
}

/** A complaint reference number as people type it: 2570/000001, or 2570/1 (spaces around / allowed). */
export const REFERENCE_NO = /^(\d{4})\s*\/\s*(\d{1,6})$/;

/** 2570/1 → 2570/000001; null when `text` is no reference number. */
export function normalizeReferenceNo(text: string): string | null {
  const m = REFERENCE_NO.exec(text.trim());
  return m ? `${m[1]}/${m[2].padStart(6, '0')}` : null;
}
