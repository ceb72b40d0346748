import { Inject, Injectable } from '@nestjs/common';
import { READ_DATA_SOURCE } from '../infrastructure/database/read-data-source';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { CHANNEL_LABELS, ComplaintChannel } from '../complaints/channels';
import { SUBMISSION_KIND_LABELS, SUBMISSION_KINDS, SubmissionKind } from '../complaints/submission-kinds';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { civilDate, fiscalYearOf } from '../common/time/fiscal-year';
import { satisfactionTargetPercent } from '../deadlines/deadline-settings';
import { AppConfig } from '../config/app-config';
import { OUTCOME_TEXT } from '../integrity-reports/workflow';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import {
  addMeasures,
  cellFigures,
  DaysHistogram,
  EMPTY_MEASURES,
  headlineFigures,
  Measures,
  summaryFigures,
  totalsBy,
} from './complaint-figures';
import {
  ORGANIZATION_TYPE_LABELS,
  ORGANIZATION_TYPES,
  OrganizationType,
} from '../organizations/organization-types';
import { COMPLAINT_DEFINITIONS, INTEGRITY_DEFINITIONS, NATIONAL_DEFINITIONS } from './definitions';
import { NationalStatisticsQuery, StatisticsQuery } from './dto/statistics-query.dto';
import {
  ComplaintFiguresRollup,
  ROLLUP_DAYS_SQL,
  ROLLUP_FIGURES_SQL,
  ROLLUP_NATIONAL_SQL,
  ROLLUP_TIME_ZONE,
} from './figures-rollup';
import { FreshCache } from './fresh-cache';
import { isPeriod, monthsOf, Period, resolvePeriod } from './periods';
import {
  ALLEGATION_LABELS_SQL,
  CATEGORY_LABELS_SQL,
  COMPLAINT_FIGURES_SQL,
  INTEGRITY_FIGURES_SQL,
  NATIONAL_FIGURES_SQL,
  OTHER_SUBMISSION_KINDS_SQL,
  SUBMISSION_KINDS_SQL,
  UNIT_LABELS_SQL,
} from './statistics.sql';
import { suppressCells } from './suppression';
import { thaiDate, thaiMonth } from '../common/time/civil-date-text';

interface Label {
  key: string;
  code: string;
  name_th: string;
  name_en: string | null;
}
type KindRow = { key: SubmissionKind; received: string | number; answered: string | number };
export type MeasureRow = Record<string, string | number | null> & { dim?: string; key?: string | null };
/** One organisation's row of the national figures (NATIONAL_FIGURES_SQL, ROLLUP_NATIONAL_SQL). */
export type NationalRow = MeasureRow & {
  slug: string;
  name_th: string;
  dla_code: string | null;
  type: OrganizationType | null;
  province: string | null;
  district: string | null;
};

const toMeasures = (r: MeasureRow): Measures => ({
  received: Number(r.received),
  inProgress: Number(r.in_progress),
  resolved: Number(r.resolved),
  rejected: Number(r.rejected),
  referred: Number(r.referred),
  duplicate: Number(r.duplicate),
  met: Number(r.met),
  metByExplanation: Number(r.met_by_explanation),
  missed: Number(r.missed),
  openPastDeadline: Number(r.open_past_deadline),
  reopened: Number(r.reopened),
  responses: Number(r.responses),
  ratingSum: Number(r.rating_sum),
  satisfied: Number(r.satisfied),
  withResult: Number(r.with_result),
  resultDaysSum: Number(r.result_days_sum),
});

export const INTEGRITY_RESULTS = [
  { key: 'substantiated', th: OUTCOME_TEXT.substantiated.th, en: OUTCOME_TEXT.substantiated.en },
  { key: 'unsubstantiated', th: OUTCOME_TEXT.unsubstantiated.th, en: OUTCOME_TEXT.unsubstantiated.en },
  {
    key: 'insufficient_evidence',
    th: OUTCOME_TEXT.insufficient_evidence.th,
    en: OUTCOME_TEXT.insufficient_evidence.en,
  },
  { key: 'referred', th: 'ส่งต่อหน่วยงานที่มีอำนาจหน้าที่', en: 'Referred to another agency' },
  { key: 'not_admissible', th: 'ไม่รับไว้พิจารณา (ยุติเรื่อง)', en: 'Not admissible' },
];
const KINDS = [
  { key: 'complaint', th: 'ร้องเรียนการทุจริตและประพฤติมิชอบ', en: 'Complaints of corruption or misconduct' },
  { key: 'tip', th: 'แจ้งเบาะแส', en: 'Tip-offs' },
];

export type ComplaintStatistics = Awaited<ReturnType<StatisticsService['computeComplaints']>>;
export type IntegrityStatistics = Awaited<ReturnType<StatisticsService['computeIntegrity']>>;
export type NationalStatistics = Awaited<ReturnType<StatisticsService['computeNational']>>;

/**
 * Public statistics of general complaints and integrity reports, from the incrementally kept rollups (figures-rollup.ts), or from the case tables when the business time zone is not Bangkok
 * (the SQL is in statistics.sql.ts, the definitions in complaint-figures.ts and suppression.ts).
 * Results are cached for STATISTICS_CACHE_SECONDS so that a burst of readers costs one computation.
 */
@Injectable()
export class StatisticsService {
  private readonly cache: FreshCache<unknown>;

  constructor(
    @Inject(READ_DATA_SOURCE) private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly rollup: ComplaintFiguresRollup,
  ) {
    this.cache = new FreshCache(config.app.statisticsCacheSeconds * 1000, () => this.clock.now().getTime());
  }

  /**
   * A statistics query: without JIT compilation (it cost ~2.5 s per query at 1M rows, more than it
   * saved) and with room to hash the cells in memory.
   */
  private analytic<T>(sql: string, params: unknown[]): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`);
      return tx.query<T>(sql, params);
    });
  }

  private get zone(): string {
    return this.config.app.timeZone;
  }

  /** The incrementally kept rollups count months in Bangkok; another business zone reads the case tables. */
  private get fromRollups(): boolean {
    return this.zone === ROLLUP_TIME_ZONE;
  }

  /**
   * One organisation's measures by breakdown (rows of dim, key, measures) and its days-to-result
   * histogram: from the rollups (figures-rollup.ts), or computed from the case tables (statistics.sql.ts).
   */
  async complaintMeasures(
    organizationId: string,
    p: Period,
    today: string,
    source: 'rollups' | 'cases' = this.fromRollups ? 'rollups' : 'cases',
  ): Promise<{ rows: MeasureRow[]; histogram: DaysHistogram }> {
    if (source === 'cases') {
      const rows = await this.analytic<MeasureRow[]>(COMPLAINT_FIGURES_SQL, [
        organizationId,
        p.start,
        p.end,
        this.zone,
        today,
      ]);
      return {
        rows: rows.filter((r) => r.dim !== 'days'),
        histogram: rows
          .filter((r) => r.dim === 'days' && r.key !== null)
          .map((r) => ({ days: Number(r.key), cases: Number(r.received) })),
      };
    }
    // Each reading is exact in its own snapshot (rollups + deltas not folded), so the fold that keeps
    // the deltas short runs beside it, not before. A few hundred rollup rows: a plain statement
    // (one round trip), no analytic settings.
    const months = [organizationId, p.firstDay, p.lastDay];
    const [, rows, days] = await Promise.all([
      this.rollup.fold(),
      this.db.query<MeasureRow[]>(ROLLUP_FIGURES_SQL, [...months, today]),
      this.db.query<{ days: number; cases: string }[]>(ROLLUP_DAYS_SQL, months),
    ]);
    return { rows, histogram: days.map((d) => ({ days: Number(d.days), cases: Number(d.cases) })) };
  }

  /**
   * Every organisation's measures (or those of one province), one row each with its DLA code, type,
   * province and district, ordered by province, then slug (rollups or case tables).
   */
  async nationalMeasures(
    p: Period,
    today: string,
    source: 'rollups' | 'cases' = this.fromRollups ? 'rollups' : 'cases',
    province: string | null = null,
  ): Promise<NationalRow[]> {
    if (source === 'cases')
      return this.analytic(NATIONAL_FIGURES_SQL, [null, p.start, p.end, this.zone, today, province]);
    const [, rows] = await Promise.all([
      this.rollup.fold(),
      this.analytic<NationalRow[]>(ROLLUP_NATIONAL_SQL, [null, p.firstDay, p.lastDay, today, province]),
    ]);
    return rows;
  }

  /** No published percentage over fewer cases (STATISTICS_MIN_SAMPLE). */
  private get minSample(): number {
    return this.config.app.statisticsMinSample;
  }

  /**
   * Received and answered per kind of general submission (rows of key, received, answered). When the
   * rollups count the complaints, only the other kinds are read here (see submissionsByKind).
   */
  private submissionKindRows(organizationId: string | null, p: Period, province: string | null = null) {
    return this.db.query<KindRow[]>(this.fromRollups ? OTHER_SUBMISSION_KINDS_SQL : SUBMISSION_KINDS_SQL, [
      organizationId,
      p.start,
      p.end,
      province,
    ]);
  }

  /**
   * Every kind listed (zeros included); the complaints from their measures when the rollups count
   * them: answered is every status group but in progress, the statuses SUBMISSION_KINDS_SQL counts.
   */
  private submissionsByKind(rows: KindRow[], complaints: Measures) {
    const found = this.fromRollups
      ? [
          ...rows,
          {
            key: SubmissionKind.Complaint,
            received: complaints.received,
            answered: complaints.received - complaints.inProgress,
          },
        ]
      : rows;
    return SUBMISSION_KINDS.map((kind) => {
      const r = found.find((row) => row.key === kind);
      const received = Number(r?.received ?? 0);
      const answered = Number(r?.answered ?? 0);
      const label = SUBMISSION_KIND_LABELS[kind];
      return {
        code: kind,
        nameTh: label.th,
        nameEn: label.en,
        received,
        answered,
        open: received - answered,
      };
    });
  }

  /** The fiscal year (BE) running today in Bangkok: what statistics show when none is named. */
  currentFiscalYear(): number {
    return fiscalYearOf(this.clock.now(), this.zone);
  }

  period(q: Pick<StatisticsQuery, 'fiscalYear' | 'quarter' | 'month'>): Period {
    if (q.fiscalYear === undefined) q = { ...q, fiscalYear: this.currentFiscalYear() };
    if (
      q.fiscalYear === undefined ||
      !Number.isInteger(q.fiscalYear) ||
      q.fiscalYear < 2500 ||
      q.fiscalYear > 2700
    ) {
      throw new DomainError('VALIDATION_FAILED', [
        {
          field: 'fiscalYear',
          rule: 'range',
          message: 'fiscalYear must be a Buddhist-era year, 2500 to 2700',
        },
      ]);
    }
    const p = resolvePeriod(q.fiscalYear, { quarter: q.quarter, month: q.month }, this.zone);
    if (!isPeriod(p)) throw new DomainError('VALIDATION_FAILED', [p]);
    return p;
  }

  private describe(p: Period) {
    const th = p.month
      ? `เดือน ${thaiMonth(p.month)}`
      : p.quarter
        ? `ไตรมาสที่ ${p.quarter} ปีงบประมาณ ${p.fiscalYear}`
        : `ปีงบประมาณ ${p.fiscalYear}`;
    return {
      fiscalYear: p.fiscalYear,
      quarter: p.quarter,
      month: p.month,
      firstDay: p.firstDay,
      lastDay: p.lastDay,
      timeZone: this.zone,
      from: p.start.toISOString(),
      toExclusive: p.end.toISOString(),
      label: {
        th: `${th} (${thaiDate(p.firstDay)} – ${thaiDate(p.lastDay)})`,
        en: `${p.month ? p.month : p.quarter ? `Q${p.quarter} of FY ${p.fiscalYear}` : `FY ${p.fiscalYear}`} (${p.firstDay} to ${p.lastDay}, Bangkok time)`,
      },
    };
  }

  async complaints(orgSlug: string, q: StatisticsQuery): Promise<ComplaintStatistics> {
    const org = await this.organizations.bySlug(orgSlug);
    const p = this.period(q);
    return this.cache.get(`c:${org.id}:${p.firstDay}:${p.lastDay}`, () =>
      this.computeComplaints(org, p),
    ) as Promise<ComplaintStatistics>;
  }

  async integrityReports(orgSlug: string, q: StatisticsQuery): Promise<IntegrityStatistics> {
    const org = await this.organizations.bySlug(orgSlug);
    const p = this.period(q);
    return this.cache.get(`i:${org.id}:${p.firstDay}:${this.integrityThrough(p)}`, () =>
      this.computeIntegrity(org, p),
    ) as Promise<IntegrityStatistics>;
  }

  async national(q: NationalStatisticsQuery): Promise<NationalStatistics> {
    const p = this.period(q);
    const province = q.province ?? null;
    return this.cache.get(`n:${p.firstDay}:${p.lastDay}:${province ?? ''}`, () =>
      this.computeNational(p, province),
    ) as Promise<NationalStatistics>;
  }

  async computeComplaints(org: Organization, p: Period) {
    const now = this.clock.now();
    const today = civilDate(now, this.zone);
    const [{ rows, histogram }, categories, units, kindRows] = await Promise.all([
      this.complaintMeasures(org.id, p, today),
      this.db.query<Label[]>(CATEGORY_LABELS_SQL, [org.id]),
      this.db.query<Label[]>(UNIT_LABELS_SQL, [org.id]),
      this.submissionKindRows(org.id, p),
    ]);
    const byDim = (dim: string) => new Map(rows.filter((r) => r.dim === dim).map((r) => [r.key ?? null, r]));
    const total = toMeasures(rows.find((r) => r.dim === 'total')!);
    const cells = (dim: string, labels: { key: string | null; code: string; th: string; en: string }[]) => {
      const found = byDim(dim);
      const listed = new Set(labels.map((l) => l.key));
      const extra = [...found.keys()].filter((k) => !listed.has(k));
      return [...labels, ...extra.map((k) => ({ key: k, code: k ?? '', th: k ?? '', en: k ?? '' }))]
        .map((l) => {
          const r = found.get(l.key);
          return {
            code: l.code,
            nameTh: l.th,
            nameEn: l.en,
            ...cellFigures(r ? toMeasures(r) : EMPTY_MEASURES, this.minSample),
          };
        })
        .filter((c, i) => i < labels.length || c.received > 0);
    };
    const unassigned = { key: null, code: '', th: 'ยังไม่มอบหมายหน่วยงาน', en: 'Not yet assigned' };
    return {
      organization: { slug: org.slug, nameTh: org.nameTh },
      period: this.describe(p),
      computedAt: now.toISOString(),
      minimumSample: this.minSample,
      figures: headlineFigures(total, histogram, this.minSample, satisfactionTargetPercent(org)),
      submissionsByKind: this.submissionsByKind(kindRows, total),
      breakdowns: {
        byCategory: cells(
          'category',
          categories.map((c) => ({ key: c.key, code: c.code, th: c.name_th, en: c.name_en ?? c.code })),
        ),
        byChannel: cells(
          'channel',
          Object.values(ComplaintChannel).map((c) => ({ key: c, code: c, ...CHANNEL_LABELS[c] })),
        ),
        byUnit: cells('unit', [
          ...units.map((u) => ({ key: u.key, code: u.code, th: u.name_th, en: u.name_en ?? u.code })),
          unassigned,
        ]),
        byMonth: cells(
          'month',
          monthsOf(p, this.zone).map((m) => ({
            key: m,
            code: m,
            th: thaiMonth(m),
            en: m,
          })),
        ),
      },
      definitions: COMPLAINT_DEFINITIONS,
    };
  }

  /**
   * The last day integrity figures count: the end of the previous business day (Bangkok) at the
   * latest. Figures that moved the moment a report arrived would tell anyone polling them when it
   * was sent; figures of whole past days tell only the day, which the report itself records.
   */
  integrityThrough(p: Period): string {
    const yesterday = DateTime.fromISO(civilDate(this.clock.now(), this.zone))
      .minus({ days: 1 })
      .toISODate()!;
    return p.lastDay < yesterday ? p.lastDay : yesterday;
  }

  async computeIntegrity(org: Organization, p: Period) {
    const now = this.clock.now();
    const countedThrough = this.integrityThrough(p);
    const [rows, allegations] = await Promise.all([
      this.analytic<{ dim: string; key: string | null; received: number; completed: number }[]>(
        INTEGRITY_FIGURES_SQL,
        [org.id, p.firstDay, countedThrough],
      ),
      this.db.query<Label[]>(ALLEGATION_LABELS_SQL, []),
    ]);
    const total = rows.find((r) => r.dim === 'total')!;
    const count = (dim: string, key: string) =>
      rows.find((r) => r.dim === dim && r.key === key)?.received ?? 0;
    const breakdown = (dim: string, labels: { key: string; th: string; en: string }[]) =>
      suppressCells(
        labels.map((l) => ({
          key: l.key,
          code: l.key,
          nameTh: l.th,
          nameEn: l.en,
          value: count(dim, l.key),
        })),
      ).map(({ key: _key, ...cell }) => cell);
    return {
      organization: { slug: org.slug, nameTh: org.nameTh },
      period: this.describe(p),
      computedAt: now.toISOString(),
      /** reports received after this day are not counted yet (see integrityThrough) */
      countedThrough,
      figures: {
        received: total.received,
        completed: total.completed,
        inProgress: total.received - total.completed,
        byKind: breakdown('kind', KINDS),
        byAllegationType: breakdown(
          'allegation',
          allegations.map((a) => ({ key: a.code, th: a.name_th, en: a.name_en ?? a.code })),
        ),
        byOutcome: breakdown('outcome', INTEGRITY_RESULTS),
      },
      definitions: INTEGRITY_DEFINITIONS,
    };
  }

  /**
   * The country (or one province): each organisation's row, totals by province and by type of
   * organisation, and the total, all from one query's additive measures.
   */
  async computeNational(p: Period, province: string | null = null) {
    const now = this.clock.now();
    const today = civilDate(now, this.zone);
    const [found, kindRows] = await Promise.all([
      this.nationalMeasures(p, today, undefined, province),
      this.submissionKindRows(null, p, province),
    ]);
    const rows = found.map((r) => ({ row: r, measures: toMeasures(r) }));
    const figures = (m: Measures) => summaryFigures(m, this.minSample);
    const total = rows.reduce((sum, r) => addMeasures(sum, r.measures), EMPTY_MEASURES);
    return {
      period: this.describe(p),
      computedAt: now.toISOString(),
      province,
      minimumSample: this.minSample,
      submissionsByKind: this.submissionsByKind(kindRows, total),
      total: {
        organizations: rows.length,
        ...figures(total),
      },
      byProvince: totalsBy(rows, (r) => r.row.province ?? '').map((g) => ({
        province: g.key || null,
        organizations: g.organizations,
        ...figures(g.measures),
      })),
      byType: totalsBy(rows, (r) => r.row.type ?? '')
        .sort((a, b) => TYPE_ORDER.indexOf(a.key) - TYPE_ORDER.indexOf(b.key))
        .map((g) => ({
          type: (g.key || null) as OrganizationType | null,
          nameTh: g.key ? ORGANIZATION_TYPE_LABELS[g.key as OrganizationType].th : 'ไม่ระบุประเภท',
          nameEn: g.key ? ORGANIZATION_TYPE_LABELS[g.key as OrganizationType].en : 'Type not recorded',
          organizations: g.organizations,
          ...figures(g.measures),
        })),
      organizations: rows.map(({ row: r, measures }) => ({
        slug: r.slug,
        nameTh: r.name_th,
        dlaCode: r.dla_code,
        type: r.type,
        province: r.province,
        district: r.district,
        ...figures(measures),
      })),
      definitions: NATIONAL_DEFINITIONS,
    };
  }
}

/** Types in the order the DLA lists them; organisations without a type last. */
const TYPE_ORDER: string[] = [...ORGANIZATION_TYPES, ''];
