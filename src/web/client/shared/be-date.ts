/**
 * Buddhist-era dates (พ.ศ. = ค.ศ. + 543), Thai months, in Asia/Bangkok. Pure: unit-tested in test/web.
 */
const ZONE = 'Asia/Bangkok';
export const BE_OFFSET = 543;

const dayFormat = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
  timeZone: ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A calendar day `2026-11-15` → "15 พฤศจิกายน 2569" (no zone shift: the day is the day). */
export function formatDayBE(isoDay: string | null | undefined): string {
  if (!isoDay) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  if (!m) return isoDay;
  return dayFormat.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** A moment (ISO timestamp) → its date and time in Bangkok, Buddhist era: "15 พ.ย. 2569 14:05". */
export function formatDateTimeBE(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : dateTimeFormat.format(at);
}

export type BEParse = { ok: true; iso: string } | { ok: false; error: string };

/**
 * What a person types as a Buddhist-era date (`15/11/2569`, `15-11-2569`, `15.11.2569`) → the ISO day
 * `2026-11-15`. Only a four-digit BE year (2400–2700) is accepted, so 2569 is never read as a CE year
 * (which would show as 3112) and a CE year 2026 is refused with a hint.
 */
export function parseBEDate(text: string): BEParse {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m)
    return {
      ok: false,
      error: 'ใส่วันที่แบบ วว/ดด/ปปปป (พ.ศ.) เช่น 15/11/2569 / Use dd/mm/yyyy in the Buddhist era',
    };
  const [day, month, yearBE] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (yearBE < 2400 || yearBE > 2700)
    return {
      ok: false,
      error: `ใส่ปีเป็น พ.ศ. เช่น ${2026 + BE_OFFSET} / Give the year in the Buddhist era (CE + 543)`,
    };
  const year = yearBE - BE_OFFSET;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return { ok: false, error: 'ไม่มีวันที่นี้ในปฏิทิน / No such date' };
  return {
    ok: true,
    iso: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

/** The ISO day `2026-11-15` → `15/11/2569` (the input's own format). */
export function toBEInput(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  return m ? `${Number(m[3])}/${Number(m[2])}/${Number(m[1]) + BE_OFFSET}` : '';
}
