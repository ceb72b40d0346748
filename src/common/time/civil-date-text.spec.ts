import { enDate, thaiDate, thaiMonth } from './civil-date-text';

describe('civil dates written for people', () => {
  it.each([
    ['2026-03-20', '20 มีนาคม 2569', '20 March 2026'],
    ['2025-10-01', '1 ตุลาคม 2568', '1 October 2025'],
    ['2025-12-31', '31 ธันวาคม 2568', '31 December 2025'],
    ['2026-01-01', '1 มกราคม 2569', '1 January 2026'],
    ['2028-02-29', '29 กุมภาพันธ์ 2571', '29 February 2028'],
    ['not a date', 'not a date', 'not a date'],
    ['2026-13-01', '2026-13-01', '2026-13-01'],
  ])('%s → %s / %s', (value, th, en) => {
    expect(thaiDate(value)).toBe(th);
    expect(enDate(value)).toBe(en);
  });

  it.each([
    ['2026-04', 'เมษายน 2569'],
    ['2025-10', 'ตุลาคม 2568'],
    ['2026-13', '2026-13-01'],
  ])('month %s → %s', (value, th) => {
    expect(thaiMonth(value)).toBe(th);
  });
});
