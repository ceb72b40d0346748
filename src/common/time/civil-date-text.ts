/**
 * The one way a civil date ('yyyy-mm-dd') is written for people, in e-mails, deadline explanations and
 * statistics labels: the full month name and, in Thai, the Buddhist Era year ('20 มีนาคม 2569'), as on
 * official letters. A value that is not a civil date is shown as given.
 */
const MONTHS_TH = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function civilDate(value: unknown): { y: number; m: number; d: number } | null {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? { y, m, d } : null;
}

/** '2026-03-20' → '20 มีนาคม 2569' (Buddhist Era); anything else is shown as given. */
export function thaiDate(value: unknown): string {
  const c = civilDate(value);
  return c ? `${c.d} ${MONTHS_TH[c.m - 1]} ${c.y + 543}` : String(value ?? '');
}

/** '2026-03-20' → '20 March 2026'; anything else is shown as given. */
export function enDate(value: unknown): string {
  const c = civilDate(value);
  return c ? `${c.d} ${MONTHS_EN[c.m - 1]} ${c.y}` : String(value ?? '');
}

/** '2026-03' → 'มีนาคม 2569' (Buddhist Era); anything else is shown as given. */
export function thaiMonth(value: string): string {
  return thaiDate(`${value}-01`).replace(/^1 /, '');
}
