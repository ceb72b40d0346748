import { EntityManager } from 'typeorm';

/**
 * Next number in a per-organisation, per-fiscal-year series, gapless and race-free: the counter row is
 * locked until the caller's transaction commits, so call this as late as possible in the transaction.
 */
export async function nextReferenceNumber(
  tx: EntityManager,
  organizationId: string,
  series: string,
  fiscalYear: number,
): Promise<number> {
  const rows: { last_value: number }[] = await tx.query(
    `INSERT INTO reference_counters (organization_id, series, fiscal_year, last_value) VALUES ($1, $2, $3, 1)
     ON CONFLICT (organization_id, series, fiscal_year)
     DO UPDATE SET last_value = reference_counters.last_value + 1
     RETURNING last_value`,
    [organizationId, series, fiscalYear],
  );
  return rows[0].last_value;
}

/** A complaint reference number as people type it: 2570/000001, or 2570/1 (spaces around / allowed). */
export const REFERENCE_NO = /^(\d{4})\s*\/\s*(\d{1,6})$/;

/** 2570/1 → 2570/000001; null when `text` is no reference number. */
export function normalizeReferenceNo(text: string): string | null {
  const m = REFERENCE_NO.exec(text.trim());
  return m ? `${m[1]}/${m[2].padStart(6, '0')}` : null;
}
