import { Clock } from '../src/common/clock/clock';
import { Role } from '../src/users/roles';
import { createOfficer, Officer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

const bangkok = (local: string) => new Date(`${local}+07:00`);
const OPEN_DATA = '/api/v1/orgs/demo/open-data/complaints?fiscalYear=2569&format=jsonl';
/** Squares of ~1 km (2 decimals): the market has many complaints, the farm one. */
const MARKET = { lat: 15.2311, lng: 104.8612 };
const FARM = { lat: 15.3488, lng: 104.9923 };

/** An officer files a phone complaint about roads received on `day` (Bangkok), at `location` if given. */
async function fileByPhone(
  app: TestApp,
  token: string,
  day: string,
  location?: { lat: number; lng: number },
): Promise<void> {
  const res = await app.request({
    method: 'POST',
    url: '/api/v1/complaints',
    headers: bearer(token),
    payload: {
      channel: 'phone',
      receivedAt: bangkok(`${day}T09:00:00`).toISOString(),
      categoryCode: 'roads',
      subject: 'ถนน',
      description: 'รายละเอียด',
      ...(location ? { location } : {}),
    },
  });
  expect(res.statusCode).toBe(201);
}

/** The open data of FY 2569 as JSON lines, parsed. */
async function openRows(app: TestApp): Promise<OpenRow[]> {
  const res = await app.request({ method: 'GET', url: OPEN_DATA });
  expect(res.statusCode).toBe(200);
  return res.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as OpenRow);
}

interface OpenRow {
  reference_no: string | null;
  category_code: string;
  received_date: string;
  due_date: string | null;
  latitude: number | null;
  longitude: number | null;
}

describe('issue 12 item 4: open data applies a small-cell rule (k = OPEN_DATA_MIN_CELL)', () => {
  let t: TestApp;
  let intake: Officer;
  const filed: { referenceNo: string; place: string; day: string; category: string }[] = [];

  const file = async (day: string, category: string, place: 'market' | 'farm') => {
    const at = place === 'market' ? MARKET : FARM;
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: bearer(intake.token),
      payload: {
        channel: 'walk_in',
        receivedAt: bangkok(`${day}T10:00:00`).toISOString(),
        categoryCode: category,
        subject: 'เรื่องทดสอบข้อมูลเปิด',
        description: 'รายละเอียด',
        location: { lat: at.lat, lng: at.lng },
      },
    });
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    filed.push({ referenceNo: res.json().referenceNo, place, day, category });
  };
  const openData = () => openRows(t);

  beforeAll(async () => {
    t = await createTestApp();
    expect(t.config.privacy.openDataMinCell).toBe(3); // the default
    intake = await createOfficer(t, await t.login(), [Role.Intake]);
    t.app.get(Clock).freeze(bangkok('2026-06-30T12:00:00'));
    // three roads complaints at the market on 2 June: a cell of 3
    for (let i = 0; i < 3; i++) await file('2026-06-02', 'roads', 'market');
    // the market's square holds a 4th and 5th, alone on their day and category
    await file('2026-06-03', 'street_lighting', 'market');
    await file('2026-06-09', 'drainage', 'market');
    // one complaint at the farm: alone in its square
    await file('2026-06-02', 'roads', 'farm');
  });
  afterAll(() => t.close());

  it('a case alone in its square or its day has no location, no exact date and no reference number', async () => {
    const rows = await openData();
    expect(rows).toHaveLength(6);
    const exact = rows.filter((r) => r.reference_no !== null);
    // the three that share day, category and square are published in full
    expect(exact.map((r) => r.reference_no).sort()).toEqual(
      filed
        .slice(0, 3)
        .map((f) => f.referenceNo)
        .sort(),
    );
    for (const r of exact)
      expect(r).toMatchObject({
        received_date: '2026-06-02',
        latitude: 15.23,
        longitude: 104.86,
        category_code: 'roads',
      });
    // the market's lone cases keep the square (5 complaints there) but give only the month
    const lone = rows.filter((r) => r.reference_no === null && r.latitude !== null);
    expect(lone.map((r) => [r.category_code, r.received_date, r.latitude]).sort()).toEqual([
      ['drainage', '2026-06', 15.23],
      ['street_lighting', '2026-06', 15.23],
    ]);
    for (const r of lone) expect(r.due_date).toMatch(/^\d{4}-\d{2}$/);
    // the farm's case: no location (alone in its square), and so no exact date either
    const farm = rows.filter((r) => r.latitude === null);
    expect(farm).toEqual([
      expect.objectContaining({
        reference_no: null,
        category_code: 'roads',
        received_date: '2026-06',
        longitude: null,
      }),
    ]);
    const body = JSON.stringify(rows);
    expect(body).not.toContain('15.35');
    for (const f of filed.slice(3)) expect(body).not.toContain(f.referenceNo);
  });

  it('the file’s order tells no more than the month', async () => {
    const rows = await openData();
    const months = rows.map((r) => r.received_date.slice(0, 7));
    expect([...months].sort()).toEqual(months);
  });

  it('complaints without a published square form cells too: with or without a location given', async () => {
    const own = await createTestApp();
    try {
      own.app.get(Clock).freeze(bangkok('2026-06-30T12:00:00'));
      const officer = await createOfficer(own, await own.login(), [Role.Intake]);
      const fileOn = (day: string, location?: { lat: number; lng: number }) =>
        fileByPhone(own, officer.token, day, location);
      // on 20 June: two without a location and one alone in its square (so not published) are a cell of 3
      await fileOn('2026-06-20');
      await fileOn('2026-06-20');
      await fileOn('2026-06-20', FARM);
      // on 21 June: one without a location, alone
      await fileOn('2026-06-21');
      const rows = await openRows(own);
      expect(
        rows.map((r) => [r.received_date, r.latitude, r.longitude, r.reference_no === null]).sort(),
      ).toEqual([
        ['2026-06', null, null, true],
        ['2026-06-20', null, null, false],
        ['2026-06-20', null, null, false],
        ['2026-06-20', null, null, false],
      ]);
    } finally {
      await own.close();
    }
  });

  it('k is configurable: with OPEN_DATA_MIN_CELL=2 a pair is published in full, one alone is not', async () => {
    const two = await createTestApp({ OPEN_DATA_MIN_CELL: '2' });
    try {
      two.app.get(Clock).freeze(bangkok('2026-06-30T12:00:00'));
      const officer = await createOfficer(two, await two.login(), [Role.Intake]);
      for (const day of ['2026-06-02', '2026-06-02', '2026-06-05'])
        await fileByPhone(two, officer.token, day, FARM);
      const rows = await openRows(two);
      expect(rows.map((r) => [r.received_date, r.latitude, r.reference_no === null]).sort()).toEqual([
        ['2026-06', 15.35, true],
        ['2026-06-02', 15.35, false],
        ['2026-06-02', 15.35, false],
      ]);
    } finally {
      await two.close();
    }
  });
});
