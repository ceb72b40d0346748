import { randomUUID } from 'node:crypto';
import { ComplaintFiguresRollup } from '../src/statistics/figures-rollup';
import { resolvePeriod, Period } from '../src/statistics/periods';
import { MeasureRow, StatisticsService } from '../src/statistics/statistics.service';
import { SUBMISSION_KINDS_SQL } from '../src/statistics/statistics.sql';
import { OrganizationsService } from '../src/organizations/organizations.service';
import { createTestApp, TestApp } from './helpers/test-app';

/** A small seeded generator, so that a failing run can be replayed (the seed is in the test name). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.ROLLUP_TEST_SEED ?? Date.now() % 100000);
const STATUSES = [
  'received',
  'accepted',
  'assigned',
  'in_progress',
  'awaiting_info',
  'resolved',
  'closed',
  'rejected',
  'referred',
  'duplicate',
];
const CHANNELS = ['web', 'walk_in', 'phone', 'letter', 'line'];
const OUTCOMES = ['met', 'met_by_explanation', 'missed'];
const ZONE = 'Asia/Bangkok';

/** Rows of dim:key → measures, without all-zero cells (a rollup keeps a cell whose cases moved away). */
function keyed(rows: MeasureRow[], key: (r: MeasureRow) => string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const measures = Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => !['dim', 'key', 'slug', 'name_th'].includes(k))
        .map(([k, v]) => [k, Number(v)]),
    );
    if (r.dim !== 'total' && Object.values(measures).every((v) => v === 0)) continue;
    out[key(r)] = measures;
  }
  return out;
}

describe(`statistics kept incrementally equal statistics computed from the case tables (seed ${SEED})`, () => {
  let t: TestApp;
  let statistics: StatisticsService;
  let rollup: ComplaintFiguresRollup;
  const random = generator(SEED);
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
  const orgs: { id: string; categories: string[]; units: string[] }[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    statistics = t.app.get(StatisticsService);
    rollup = t.app.get(ComplaintFiguresRollup);
    const [demo] = await t.db.query(`SELECT id FROM organizations WHERE slug = 'demo'`);
    for (const slug of ['rollup-a', 'rollup-b']) {
      const [org] = await t.db.query(
        `INSERT INTO organizations (slug, name_th) VALUES ($1, $1) RETURNING id`,
        [slug],
      );
      await t.db.query(
        `INSERT INTO units (organization_id, code, name_th) SELECT $1, code, name_th FROM units WHERE organization_id = $2`,
        [org.id, demo.id],
      );
      await t.db.query(
        `INSERT INTO complaint_categories (organization_id, code, name_th, name_en, sort_order)
         SELECT $1, code, name_th, name_en, sort_order FROM complaint_categories WHERE organization_id = $2`,
        [org.id, demo.id],
      );
    }
    for (const { id } of await t.db.query<{ id: string }[]>(`SELECT id FROM organizations ORDER BY slug`)) {
      const categories = (
        await t.db.query<{ id: string }[]>(`SELECT id FROM complaint_categories WHERE organization_id = $1`, [
          id,
        ])
      ).map((r) => r.id);
      const units = (
        await t.db.query<{ id: string }[]>(`SELECT id FROM units WHERE organization_id = $1`, [id])
      ).map((r) => r.id);
      orgs.push({ id, categories: categories.slice(0, 4), units: units.slice(0, 3) });
    }
  });
  afterAll(() => t.close());

  /** A random instant from 10 days before FY 2569 to 40 days into FY 2570. */
  const instant = () => new Date(Date.parse('2025-09-21T00:00:00+07:00') + random() * 415 * 86_400_000);
  const day = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: ZONE });
  const addDays = (d: string, n: number) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  async function fileRandom(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const org = pick(orgs);
      const id = randomUUID();
      const receivedAt = instant();
      const received = day(receivedAt);
      await t.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO complaints (id, organization_id, reference_no, fiscal_year, tracking_code_hash, category_id,
             channel, status, unit_id, subject, description, received_at)
           VALUES ($1, $2, $3, 2569, $4, $5, $6, 'received', $7, 's', 'd', $8)`,
          [
            id,
            org.id,
            `R-${id}`,
            `h-${id}`,
            pick(org.categories),
            pick(CHANNELS),
            random() < 0.2 ? null : pick(org.units),
            receivedAt,
          ],
        );
        // most cases have a deadline (a few filed before the engine existed have none)
        if (random() < 0.9) {
          await tx.query(
            `INSERT INTO case_deadlines (track, case_id, organization_id, received_at, received_date, mode, period_days,
               original_due_date, current_due_date, due_set_at, very_overdue_date)
             VALUES ('complaint', $1, $2, $3, $4, 'calendar', 15, $5, $5, $3, $6)`,
            [id, org.id, receivedAt, received, addDays(received, 15), addDays(received, 30)],
          );
        }
      });
      ids.push(id);
    }
  }

  /** One random change of one case, as the workflow and the deadline engine make them. */
  async function changeRandom(id: string): Promise<void> {
    const what = Math.floor(random() * 9);
    const at = instant();
    const queries: [string, unknown[]][] = [
      [`UPDATE complaints SET status = $2 WHERE id = $1`, [id, pick(STATUSES)]], // a transition
      [`UPDATE complaints SET reopen_count = reopen_count + 1, status = 'in_progress' WHERE id = $1`, [id]], // reopened
      [`UPDATE complaints SET rating = $2 WHERE id = $1`, [id, 1 + Math.floor(random() * 5)]],
      [`UPDATE complaints SET unit_id = NULL, channel = $2 WHERE id = $1`, [id, pick(CHANNELS)]],
      [
        `UPDATE case_deadlines SET result_at = $2, outcome = $3 WHERE track = 'complaint' AND case_id = $1`,
        [id, at, random() < 0.2 ? null : pick(OUTCOMES)],
      ], // a result and its frozen outcome
      [
        `UPDATE case_deadlines SET overdue_since = $2 WHERE track = 'complaint' AND case_id = $1 AND result_at IS NULL`,
        [id, at],
      ],
      [
        `UPDATE case_deadlines SET paused_since = CASE WHEN paused_since IS NULL THEN $2::timestamptz END
          WHERE track = 'complaint' AND case_id = $1`,
        [id, at],
      ], // paused, or resumed
      [
        `UPDATE case_deadlines SET current_due_date = current_due_date + $2::int WHERE track = 'complaint' AND case_id = $1`,
        [id, Math.floor(random() * 20) - 5],
      ], // extended (or recomputed earlier by a holiday change)
      [
        `UPDATE case_deadlines SET result_at = NULL, outcome = NULL, overdue_since = NULL WHERE track = 'complaint' AND case_id = $1`,
        [id],
      ], // reopened: the result is withdrawn
    ];
    const [sql, params] = queries[what];
    await t.db.query(sql, params);
  }

  const periods = (): Period[] => [
    resolvePeriod(2569, {}, ZONE) as Period,
    resolvePeriod(2569, { quarter: 2 }, ZONE) as Period,
    resolvePeriod(2569, { month: '2026-09' }, ZONE) as Period,
    resolvePeriod(2570, {}, ZONE) as Period,
    resolvePeriod(2569, { month: '2025-10' }, ZONE) as Period,
  ];
  const TODAYS = ['2025-10-05', '2026-03-01', '2026-10-20', '2027-01-01'];

  async function expectSameFigures(): Promise<number> {
    let compared = 0;
    for (const p of periods()) {
      for (const today of [pick(TODAYS), pick(TODAYS)]) {
        for (const org of orgs) {
          const [fromRollups, fromCases] = await Promise.all([
            statistics.complaintMeasures(org.id, p, today, 'rollups'),
            statistics.complaintMeasures(org.id, p, today, 'cases'),
          ]);
          const key = (r: MeasureRow) => `${r.dim}:${r.key}`;
          expect(keyed(fromRollups.rows, key)).toEqual(keyed(fromCases.rows, key));
          const sorted = (h: { days: number; cases: number }[]) =>
            h.filter((x) => x.cases !== 0).sort((a, b) => a.days - b.days);
          expect(sorted(fromRollups.histogram)).toEqual(sorted(fromCases.histogram));
          compared++;
        }
        const [national, nationalCases] = await Promise.all([
          statistics.nationalMeasures(p, today, 'rollups'),
          statistics.nationalMeasures(p, today, 'cases'),
        ]);
        expect(national.map((r) => r.slug)).toEqual(nationalCases.map((r) => r.slug));
        expect(keyed(national, (r) => String(r.slug))).toEqual(keyed(nationalCases, (r) => String(r.slug)));
        compared++;
      }
    }
    return compared;
  }

  it('on random cases through transitions, reopenings, pauses, extensions and deadline outcomes, folded or not', async () => {
    await fileRandom(150);
    const [{ received }] = await t.db.query(`SELECT count(*)::int AS received FROM complaints`);
    expect(received).toBeGreaterThanOrEqual(150);
    expect(await expectSameFigures()).toBeGreaterThan(0);
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 120; i++) await changeRandom(pick(ids));
      if (round % 2 === 1) await fileRandom(30);
      // every other round is compared before any fold (rollups + pending deltas), the others after one
      if (round % 2 === 0) expect(await rollup.fold()).toBeGreaterThan(0);
      await expectSameFigures();
    }
    const [{ pending }] = await t.db.query(`SELECT count(*)::int AS pending FROM complaint_figure_deltas`);
    expect(pending).toBe(0); // the readings folded them
    // the running deadlines' rollup holds exactly the deadlines running now, no spent rows
    const running = await t.db.query(
      `SELECT (SELECT count(*)::int FROM complaint_figure_running WHERE cases = 0) AS spent,
              (SELECT coalesce(sum(cases), 0)::int FROM complaint_figure_running WHERE dim = 'total') AS counted,
              (SELECT count(*)::int FROM complaint_figure_facts WHERE due_date IS NOT NULL) AS facts`,
    );
    expect(running).toEqual([{ spent: 0, counted: running[0].facts, facts: running[0].facts }]);
    expect(running[0].facts).toBeGreaterThan(0);
  });

  it('concurrent changes of one case (officer and deadline engine in parallel transactions) are counted once', async () => {
    const targets = ids.slice(0, 20);
    await Promise.all(
      targets.flatMap((id) => [
        t.db.transaction(async (tx) => {
          await tx.query(`UPDATE complaints SET status = 'resolved', rating = 5 WHERE id = $1`, [id]);
          await tx.query(`SELECT pg_sleep(0.01)`);
        }),
        t.db.transaction(async (tx) => {
          await tx.query(
            `UPDATE case_deadlines SET result_at = received_at + interval '3 days', outcome = 'met'
              WHERE track = 'complaint' AND case_id = $1`,
            [id],
          );
          await tx.query(`SELECT pg_sleep(0.01)`);
        }),
      ]),
    );
    await expectSameFigures();
    const [{ stale }] = await t.db.query(
      `SELECT count(*)::int AS stale FROM complaint_figure_facts_now n
         FULL JOIN complaint_figure_facts f ON f.complaint_id = n.complaint_id
        WHERE ROW(n.*) IS DISTINCT FROM ROW(f.*)`,
    );
    expect(stale).toBe(0);
  });

  it('counts submissions by kind as the case tables do: complaints from the rollups, suggestions and compliments apart', async () => {
    for (let i = 0; i < 12; i++) {
      const org = pick(orgs);
      const id = randomUUID();
      await t.db.query(
        `INSERT INTO complaints (id, organization_id, reference_no, fiscal_year, tracking_code_hash, category_id,
           channel, status, subject, description, received_at, kind)
         VALUES ($1, $2, $3, 2569, $4, $5, 'web', $6, 's', 'd', $7, $8)`,
        [
          id,
          org.id,
          `S-${id}`,
          `h-${id}`,
          pick(org.categories),
          pick(STATUSES),
          instant(),
          pick(['suggestion', 'compliment']),
        ],
      );
    }
    const organizations = t.app.get(OrganizationsService);
    const slugs = await t.db.query<{ id: string; slug: string }[]>(`SELECT id, slug FROM organizations`);
    const asCounted = async (orgId: string | null, p: Period) =>
      (
        await t.db.query<{ key: string; received: string; answered: string }[]>(SUBMISSION_KINDS_SQL, [
          orgId,
          p.start,
          p.end,
          null,
        ])
      )
        .filter((r) => Number(r.received) > 0)
        .map((r) => ({ code: r.key, received: Number(r.received), answered: Number(r.answered) }))
        .sort((a, b) => a.code.localeCompare(b.code));
    const shown = (kinds: { code: string; received: number; answered: number }[]) =>
      kinds
        .filter((k) => k.received > 0)
        .map(({ code, received, answered }) => ({ code, received, answered }))
        .sort((a, b) => a.code.localeCompare(b.code));
    for (const p of periods()) {
      expect(shown((await statistics.computeNational(p)).submissionsByKind)).toEqual(
        await asCounted(null, p),
      );
      for (const org of orgs) {
        const { slug } = slugs.find((o) => o.id === org.id)!;
        const figures = await statistics.computeComplaints(await organizations.bySlug(slug), p);
        expect(shown(figures.submissionsByKind)).toEqual(await asCounted(org.id, p));
      }
    }
    const [{ others }] = await t.db.query(
      `SELECT count(*)::int AS others FROM complaints WHERE kind <> 'complaint'`,
    );
    expect(others).toBeGreaterThanOrEqual(12);
  });

  it('a rebuild from the case tables gives the same figures', async () => {
    const before = await statistics.nationalMeasures(periods()[0], '2026-03-01', 'rollups');
    const [{ complaints }] = await t.db.query(
      `SELECT count(*)::int AS complaints FROM complaints WHERE kind = 'complaint'`,
    );
    expect(await rollup.rebuild()).toBe(complaints);
    expect(await statistics.nationalMeasures(periods()[0], '2026-03-01', 'rollups')).toEqual(before);
    await expectSameFigures();
  });
});
