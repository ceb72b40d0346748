import { toCsv } from './csv';
import type { ComplaintStatistics, IntegrityStatistics, NationalStatistics } from './statistics.service';

/**
 * The statistics as CSV: one row per figure (section, item, figure, value), Thai and English headers,
 * so that a spreadsheet can filter and pivot them.
 */
const HEADER = ['ส่วน (section)', 'รหัส (code)', 'รายการ (item)', 'item', 'ตัวชี้วัด (figure)', 'ค่า (value)'];

const SECTION: Record<string, string> = {
  period: 'ช่วงเวลา (period)',
  total: 'ภาพรวม (total)',
  byCategory: 'ประเภทเรื่อง (category)',
  byChannel: 'ช่องทาง (channel)',
  byUnit: 'หน่วยงานผู้รับผิดชอบ (unit)',
  byMonth: 'เดือน (month)',
  byKind: 'ประเภทการแจ้ง (kind)',
  byAllegationType: 'ลักษณะการกระทำ (allegation type)',
  byOutcome: 'ผลการพิจารณา (outcome)',
};

/** Flattens nested figures into [path, value] pairs: { a: { b: 1 } } → [['a.b', 1]]. */
export function flatten(value: unknown, prefix = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, value]];
}

function periodRows(p: {
  firstDay: string;
  lastDay: string;
  label: { th: string; en: string };
}): unknown[][] {
  return [
    [SECTION.period, '', p.label.th, p.label.en, 'firstDay', p.firstDay],
    [SECTION.period, '', p.label.th, p.label.en, 'lastDay', p.lastDay],
  ];
}

type Cell = { code: string; nameTh: string; nameEn: string } & Record<string, unknown>;

function cellRows(section: string, cells: Cell[]): unknown[][] {
  return cells.flatMap(({ code, nameTh, nameEn, ...figures }) =>
    flatten(figures).map(([figure, value]) => [SECTION[section], code, nameTh, nameEn, figure, value]),
  );
}

export function complaintStatisticsCsv(s: ComplaintStatistics): string {
  const name = s.organization.nameTh;
  return toCsv(HEADER, [
    ...periodRows(s.period),
    ...flatten(s.figures).map(([f, v]) => [SECTION.total, s.organization.slug, name, '', f, v]),
    ...Object.entries(s.breakdowns).flatMap(([section, cells]) => cellRows(section, cells)),
  ]);
}

export function integrityStatisticsCsv(s: IntegrityStatistics): string {
  const { byKind, byAllegationType, byOutcome, ...totals } = s.figures;
  const name = s.organization.nameTh;
  return toCsv(HEADER, [
    ...periodRows(s.period),
    ...flatten(totals).map(([f, v]) => [SECTION.total, s.organization.slug, name, '', f, v]),
    ...cellRows('byKind', byKind),
    ...cellRows('byAllegationType', byAllegationType),
    ...cellRows('byOutcome', byOutcome),
  ]);
}

const NATIONAL_HEADER: [string, string][] = [
  ['slug', 'รหัสองค์กร (organisation)'],
  ['nameTh', 'ชื่อองค์กร (name)'],
  ['received', 'รับเรื่อง (received)'],
  ['open', 'อยู่ระหว่างดำเนินการ (open)'],
  ['closed', 'แจ้งผลแล้ว (closed)'],
  ['withResult', 'มีผลแล้ว (with result)'],
  ['met', 'ภายในกำหนด (met)'],
  ['metByExplanation', 'ชี้แจงก่อนกำหนด (met by explanation)'],
  ['missed', 'เกินกำหนด (missed)'],
  ['openPastDeadline', 'ค้างเกินกำหนด (open past deadline)'],
  ['due', 'ถึงกำหนดแล้ว (due)'],
  ['compliancePercent', 'ร้อยละตามหลัก 15 วัน (compliance %)'],
  ['reopened', 'เปิดใหม่ (reopened)'],
  ['satisfactionResponses', 'ผู้ประเมิน (responses)'],
  ['meanRating', 'คะแนนเฉลี่ย (mean rating)'],
  ['satisfiedPercent', 'ร้อยละพึงพอใจ 4-5 ดาว (satisfied %)'],
];

export function nationalStatisticsCsv(s: NationalStatistics): string {
  return toCsv(
    NATIONAL_HEADER.map(([, h]) => h),
    s.organizations.map((o) => NATIONAL_HEADER.map(([k]) => o[k as keyof typeof o])),
  );
}
