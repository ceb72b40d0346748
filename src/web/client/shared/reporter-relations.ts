import type { Schemas } from './api';

export type ReporterRelation = NonNullable<Schemas['SubmitIntegrityReportDto']['reporterRelation']>;

/**
 * Who the reporter is to the organisation (SubmitIntegrityReportDto.reporterRelation): the report form's
 * choices and the integrity console's label for them. The labels route has no group for these codes.
 */
export const REPORTER_RELATIONS: { code: ReporterRelation | ''; label: string }[] = [
  { code: '', label: 'ไม่ระบุ / Not saying' },
  { code: 'citizen', label: 'ประชาชน / Citizen' },
  { code: 'staff', label: 'บุคลากรของหน่วยงาน / Staff of the organisation' },
  { code: 'contractor', label: 'ผู้รับจ้าง/คู่สัญญา / Contractor' },
  { code: 'other', label: 'อื่น ๆ / Other' },
];

/** The label of a relation code ('—' when none was given). */
export const relationLabel = (code: string | null | undefined): string =>
  code ? (REPORTER_RELATIONS.find((r) => r.code === code)?.label ?? code) : '—';
