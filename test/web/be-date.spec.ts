import { formatDateTimeBE, formatDayBE, parseBEDate, toBEInput } from '../../src/web/client/shared/be-date';

describe('Buddhist-era dates (browser helpers)', () => {
  it.each([
    ['15/11/2569', '2026-11-15'],
    ['1/1/2570', '2027-01-01'],
    ['01-02-2569', '2026-02-01'],
    [' 29.2.2567 ', '2024-02-29'],
    ['31/12/2569', '2026-12-31'],
  ])('%s → %s', (text, iso) => expect(parseBEDate(text)).toEqual({ ok: true, iso }));

  it.each([
    ['15/11/2026', 'พ.ศ.'], // a CE year is refused, never read as 2026 BE (= 1483 CE)
    ['15/11/3112', 'พ.ศ.'],
    ['29/2/2569', 'ไม่มีวันที่นี้'], // 2026 is not a leap year
    ['31/4/2569', 'ไม่มีวันที่นี้'],
    ['0/1/2569', 'ไม่มีวันที่นี้'],
    ['15/13/2569', 'ไม่มีวันที่นี้'],
    ['15/11/69', 'วว/ดด/ปปปป'],
    ['', 'วว/ดด/ปปปป'],
    ['tomorrow', 'วว/ดด/ปปปป'],
  ])('%s is refused with a hint (%s)', (text, hint) => {
    const parsed = parseBEDate(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(hint);
  });

  it('typing 2569 never yields 3112: parse, format and the input round-trip', () => {
    const parsed = parseBEDate('15/11/2569');
    expect(parsed).toEqual({ ok: true, iso: '2026-11-15' });
    expect(formatDayBE('2026-11-15')).toBe('15 พฤศจิกายน 2569');
    expect(toBEInput('2026-11-15')).toBe('15/11/2569');
  });

  it.each([
    ['2026-11-15', '15 พฤศจิกายน 2569'],
    ['2027-01-01', '1 มกราคม 2570'],
    [null, '—'],
    ['not a date', 'not a date'],
  ])('formatDayBE(%p) → %s (the calendar day, whatever the zone)', (iso, text) =>
    expect(formatDayBE(iso)).toBe(text),
  );

  it('formatDateTimeBE shows the moment in Bangkok', () => {
    // 17:30 UTC on 31 December is already 1 January in Bangkok (UTC+7)
    expect(formatDateTimeBE('2026-12-31T17:30:00Z')).toMatch(/^1 ม\.ค\. 2570 00:30$/);
    expect(formatDateTimeBE(undefined)).toBe('—');
  });
});
