import { fiscalYearBE, recentFiscalYears, yearFromQuery } from '../../src/web/client/public/fiscal-year';
import { receiptFromFragment, receiptToFragment } from '../../src/web/client/public/receipt-fragment';

describe('the fiscal year in Buddhist era (Bangkok)', () => {
  it.each([
    ['2026-09-30T16:59:59Z', 2569], // 23:59:59 on 30 September in Bangkok
    ['2026-09-30T17:00:00Z', 2570], // 1 October in Bangkok, still 30 September in UTC
    ['2025-10-01T00:00:00Z', 2569],
    ['2027-01-15T12:00:00Z', 2570],
  ])('%s → %i', (iso, year) => expect(fiscalYearBE(new Date(iso))).toBe(year));

  it('offers the current year first, then the four before it', () =>
    expect(recentFiscalYears(2570)).toEqual([2570, 2569, 2568, 2567, 2566]));

  it.each([
    ['?year=2568', 2568],
    ['?org=demo&year=2570', 2570],
    ['', null],
    ['?year=2026', null], // a CE year is not taken for a BE one
    ['?year=abc', null],
    ['?year=2569.5', null],
  ])('%s → %s', (search, year) => expect(yearFromQuery(search)).toBe(year));
});

describe("the complaint receipt in the success page's fragment", () => {
  it('comes back as it went', () => {
    const receipt = { code: 'K7QM-4XPA-9RTB', referenceNo: '2569/000123', dueDate: '2026-12-20' };
    expect(receiptFromFragment(receiptToFragment(receipt))).toEqual(receipt);
  });

  it.each([
    ['', null],
    ['#code=', null],
    ['#code=<script>', null],
    ['#code=k7qm-4xpa-9rtb', null],
    ['#code=K7QM-4XPA-9RTB', { code: 'K7QM-4XPA-9RTB', referenceNo: '', dueDate: null }],
  ])('%s → %j', (hash, receipt) => expect(receiptFromFragment(hash)).toEqual(receipt));
});
