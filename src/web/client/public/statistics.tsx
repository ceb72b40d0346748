/**
 * /statistics (one organisation, `?org=`) and /statistics/all (every organisation of the deployment):
 * the complaint figures of a fiscal year (Buddhist era, the current one by default) as figures, charts
 * and accessible tables; the integrity-report figures with their suppression ("<3"); the definitions;
 * the CSV and open-data downloads; the annual report or "not yet published"; the embeddable widget.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../shared/styles.css';
import './public.css';
import { api, call, type Schemas } from '../shared/api';
import { take } from '../shared/initial-data';
import { formatDateTimeBE } from '../shared/be-date';
import { LoadFailure } from '../shared/components/LoadFailure';
import { Field } from '../shared/components/Field';
import { ApiError, describeError, type DescribedError } from '../shared/errors';
import { ChartTable, type Column, FigureTable } from './FigureTable';
import { fiscalYearBE, recentFiscalYears, yearFromQuery } from './fiscal-year';
import { jsonOnly, organization, withOrg } from './page';
import { PublicLayout } from './PublicLayout';

type ComplaintStats = Schemas['ComplaintStatisticsView'];
type IntegrityStats = Schemas['IntegrityStatisticsView'];
type NationalStats = Schemas['NationalStatisticsView'];
type Cell = Schemas['ComplaintCell'];
/** The annual report: published (its printable page), not yet published, or unknown (the call failed). */
type AnnualReport = { published: true; publishedAt: string } | { published: false } | null;

const national = location.pathname.replace(/\/$/, '') === '/statistics/all';
const number = (n: number | null | undefined, suffix = '') =>
  n === null || n === undefined ? '–' : `${n.toLocaleString('th-TH', { maximumFractionDigits: 1 })}${suffix}`;

function Figures({ items }: { items: [string, string][] }) {
  return (
    <dl class="figures">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A row's name: Thai, then English. */
const bilingual = (r: { nameTh: string; nameEn: string }) => (
  <>
    {r.nameTh} <span class="en">{r.nameEn}</span>
  </>
);
const byCode = (r: { code: string }) => r.code;
const RECEIVED_OPEN: Column<{ received: number; open: number }>[] = [
  { label: 'รับเรื่อง / Received', cell: (r) => number(r.received) },
  { label: 'ยังไม่แล้วเสร็จ / Open', cell: (r) => number(r.open) },
];

/** One breakdown (category, channel, unit, month): a chart and the same figures as a table. */
function Breakdown({
  id,
  title,
  cells,
  horizontal,
}: {
  id: string;
  title: string;
  cells: Cell[];
  horizontal?: boolean;
}) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {cells.length === 0 ? (
        <p class="muted">ไม่มีเรื่องในช่วงนี้ / Nothing in this period</p>
      ) : (
        <ChartTable
          chartTitle={title}
          horizontal={horizontal}
          caption={title}
          hiddenCaption
          head="รายการ / Item"
          rows={cells}
          rowKey={byCode}
          rowName={bilingual}
          columns={[
            ...RECEIVED_OPEN,
            { label: 'ตอบทันกำหนด (%) / On time', cell: (c) => number(c.compliancePercent, '%') },
            { label: 'วันเฉลี่ยถึงผล / Mean days', cell: (c) => number(c.meanDaysToResult) },
          ]}
        />
      )}
    </section>
  );
}

function Kinds({ kinds }: { kinds: Schemas['SubmissionKindCell'][] }) {
  return (
    <section class="card" aria-labelledby="kinds-title">
      <h2 id="kinds-title">
        แยกตามประเภทเรื่อง <span class="en">By kind (suggestions and compliments counted apart)</span>
      </h2>
      <FigureTable
        head="ประเภท / Kind"
        rows={kinds}
        rowKey={byCode}
        rowName={bilingual}
        columns={[
          { label: 'รับเรื่อง / Received', cell: (k) => number(k.received) },
          { label: 'ตอบแล้ว / Answered', cell: (k) => number(k.answered) },
          { label: 'ดำเนินการอยู่ / In progress', cell: (k) => number(k.open) },
        ]}
      />
    </section>
  );
}

function Definitions({ definitions }: { definitions: Record<string, Schemas['StatisticsText']> }) {
  return (
    <section class="card" aria-labelledby="definitions-title">
      <h2 id="definitions-title">
        คำนิยาม <span class="en">Definitions</span>
      </h2>
      <dl>
        {Object.entries(definitions).map(([key, text]) => (
          <div key={key}>
            <dt>
              <strong>{key}</strong>
            </dt>
            <dd>
              {text.th} <span class="en">{text.en}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function IntegrityTable({ title, cells }: { title: string; cells: Schemas['IntegrityCell'][] }) {
  return (
    <FigureTable
      caption={title}
      head="รายการ / Item"
      rows={cells}
      rowKey={byCode}
      rowName={bilingual}
      columns={[
        { label: 'จำนวน / Count', cell: (c) => (typeof c.value === 'number' ? number(c.value) : c.value) },
      ]}
    />
  );
}

function Integrity({ stats }: { stats: IntegrityStats }) {
  const f = stats.figures;
  return (
    <section class="card" aria-labelledby="integrity-title">
      <h2 id="integrity-title">
        เรื่องแจ้งเบาะแสการทุจริตและประพฤติมิชอบ <span class="en">Corruption and misconduct reports</span>
      </h2>
      <p class="muted">
        ช่องที่มีน้อยกว่า 3 เรื่องแสดงเป็น "&lt;3" และบางช่องแสดง "x" เพื่อไม่ให้ระบุตัวผู้แจ้งได้{' '}
        <span class="en">
          Cells under 3 show "&lt;3", and some show "x", so that no reporter can be singled out.
        </span>
      </p>
      <Figures
        items={[
          ['รับแจ้ง / Received', number(f.received)],
          ['ดำเนินการแล้วเสร็จ / Completed', number(f.completed)],
          ['อยู่ระหว่างดำเนินการ / In progress', number(f.inProgress)],
        ]}
      />
      <IntegrityTable title="ตามช่องทาง/ประเภท / By kind" cells={f.byKind} />
      <IntegrityTable title="ตามลักษณะการกระทำ / By allegation" cells={f.byAllegationType} />
      <IntegrityTable title="ตามผลการพิจารณา / By outcome" cells={f.byOutcome} />
    </section>
  );
}

function Downloads({ slug, year, annual }: { slug: string; year: number; annual: AnnualReport }) {
  const q = `fiscalYear=${year}`;
  const embed = `<iframe src="${location.origin}/orgs/${slug}/widget" title="สถิติเรื่องร้องเรียน" width="320" height="300" style="border:0" loading="lazy"></iframe>`;
  return (
    <section class="card" aria-labelledby="downloads-title">
      <h2 id="downloads-title">
        ดาวน์โหลดและรายงานประจำปี <span class="en">Downloads and the annual report</span>
      </h2>
      <ul>
        <li>
          <a href={`/api/v1/orgs/${slug}/statistics/complaints?${q}&format=csv`} download>
            สถิติ (CSV) / Statistics (CSV)
          </a>
        </li>
        <li>
          <a href={`/api/v1/orgs/${slug}/open-data/complaints?${q}`} download>
            ข้อมูลเปิด รายเรื่อง ไม่มีข้อมูลส่วนบุคคล (CSV) / Open data, one complaint a line (CSV)
          </a>
        </li>
        <li>
          <a href={`/api/v1/orgs/${slug}/open-data/complaints?${q}&format=jsonl`} download>
            ข้อมูลเปิด (JSON lines) / Open data (JSON lines)
          </a>
        </li>
        <li data-testid="annual-report">
          {annual === null ? (
            'รายงานประจำปี: ตรวจสอบไม่ได้ / Annual report: could not be checked'
          ) : annual.published ? (
            <a href={`/api/v1/orgs/${slug}/reports/annual?${q}&format=html`}>
              รายงานสรุปผลการดำเนินการเรื่องร้องเรียน ปีงบประมาณ {year} (เผยแพร่{' '}
              {formatDateTimeBE(annual.publishedAt)}) / Annual report {year}
            </a>
          ) : (
            <>
              รายงานประจำปี {year}: ยังไม่เผยแพร่ <span class="en">Annual report {year}: not yet published</span>
            </>
          )}
        </li>
      </ul>
      <p class="muted">
        ระบบส่งไฟล์ข้อมูลเปิดได้ครั้งละไม่กี่ไฟล์: หากดาวน์โหลดไม่สำเร็จ โปรดลองใหม่ในอีกหนึ่งนาที{' '}
        <span class="en">
          Open data files are sent a few at a time: if a download fails, try again in a minute.
        </span>
      </p>
      <h3>
        วางสถิติบนเว็บไซต์ของหน่วยงาน <span class="en">Put these figures on your own website</span>
      </h3>
      <p>
        คัดลอกโค้ดหนึ่งบรรทัดนี้ไปวางในหน้าเว็บ <span class="en">Paste this one line of HTML into a page:</span>
      </p>
      <pre class="embed" data-testid="embed-code">
        {embed}
      </pre>
    </section>
  );
}

async function annualReport(slug: string, year: number): Promise<AnnualReport> {
  try {
    const report = await call(
      api.GET('/api/v1/orgs/{orgSlug}/reports/annual', {
        params: { path: { orgSlug: slug }, query: { fiscalYear: year } },
      }),
    );
    return { published: true, publishedAt: jsonOnly(report).publishedAt };
  } catch (err) {
    return err instanceof ApiError && err.code === 'ANNUAL_REPORT_NOT_PUBLISHED'
      ? { published: false }
      : null;
  }
}

interface OrgData {
  complaints: ComplaintStats;
  integrity: IntegrityStats;
  annual: AnnualReport;
}

function OrgStatistics({ data, year }: { data: OrgData; year: number }) {
  const { figures: f, breakdowns: b } = data.complaints;
  const complaintKind = data.complaints.submissionsByKind.find((k) => k.code === 'complaint');
  const s = f.satisfaction;
  return (
    <>
      <section class="card" aria-labelledby="headline-title">
        <h2 id="headline-title">
          เรื่องร้องเรียน/ร้องทุกข์ ปีงบประมาณ {year} <span class="en">Complaints, fiscal year {year}</span>
        </h2>
        <p class="muted">
          {data.complaints.period.label.th} · คำนวณเมื่อ {formatDateTimeBE(data.complaints.computedAt)}
        </p>
        <Figures
          items={[
            ['รับเรื่อง / Received', number(f.received)],
            ['ตอบแล้ว / Answered', number(complaintKind?.answered ?? f.closed)],
            ['อยู่ระหว่างดำเนินการ / In progress', number(f.open)],
            ['ตอบภายในกำหนด 15 วัน / 15-day compliance', number(f.deadline.compliancePercent, '%')],
            ['วันถึงผล (มัธยฐาน) / Median days to result', number(f.daysToResult.median)],
            [
              `ความพึงพอใจ (เป้าหมาย ${s.targetPercent}%) / Satisfaction`,
              s.satisfiedPercent === null
                ? 'ยังไม่มีผลประเมิน / no ratings yet'
                : `${number(s.satisfiedPercent, '%')} ${s.meetsTarget ? '✓ ถึงเป้า' : '✗ ต่ำกว่าเป้า'}`,
            ],
          ]}
        />
      </section>
      <Kinds kinds={data.complaints.submissionsByKind} />
      <Breakdown id="by-month" title="รายเดือน / By month" cells={b.byMonth} />
      <Breakdown id="by-category" title="ตามประเภทเรื่อง / By category" cells={b.byCategory} horizontal />
      <Breakdown id="by-channel" title="ตามช่องทาง / By channel" cells={b.byChannel} horizontal />
      <Breakdown id="by-unit" title="ตามหน่วยงานที่รับผิดชอบ / By unit" cells={b.byUnit} horizontal />
      <Integrity stats={data.integrity} />
      <Downloads slug={data.complaints.organization.slug} year={year} annual={data.annual} />
      <Definitions definitions={{ ...data.complaints.definitions, ...data.integrity.definitions }} />
    </>
  );
}

function NationalStatistics({ stats, year }: { stats: NationalStats; year: number }) {
  const rows = stats.organizations;
  return (
    <>
      <Kinds kinds={stats.submissionsByKind} />
      <section class="card" aria-labelledby="orgs-title">
        <h2 id="orgs-title">
          แยกตามหน่วยงาน ปีงบประมาณ {year} <span class="en">By organisation</span>
        </h2>
        <ChartTable
          chartTitle="เรื่องร้องเรียนแยกตามหน่วยงาน"
          horizontal
          head="หน่วยงาน / Organisation"
          rows={rows}
          rowKey={(r) => r.slug}
          rowName={(r) => (
            <a href={`/statistics?org=${encodeURIComponent(r.slug)}&year=${year}`}>{r.nameTh}</a>
          )}
          columns={[
            ...RECEIVED_OPEN,
            { label: 'ตอบภายในกำหนด / On time', cell: (r) => number(r.compliancePercent, '%') },
            { label: 'พึงพอใจ / Satisfied', cell: (r) => number(r.satisfiedPercent, '%') },
          ]}
        />
      </section>
      <section class="card" aria-labelledby="downloads-title">
        <h2 id="downloads-title">ดาวน์โหลด / Downloads</h2>
        <p>
          <a href={`/api/v1/statistics/complaints?fiscalYear=${year}&format=csv`} download>
            สถิติทุกหน่วยงาน (CSV) / Every organisation (CSV)
          </a>
        </p>
      </section>
      <Definitions definitions={stats.definitions} />
    </>
  );
}

function StatisticsPage() {
  const org = organization();
  const current = fiscalYearBE();
  const [year, setYear] = useState(() => yearFromQuery(location.search) ?? current);
  const [data, setData] = useState<OrgData | NationalStats | null>(null);
  const [error, setError] = useState<DescribedError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setData(null);
    setError(null);
    const query = { fiscalYear: year };
    // the figures the server wrote into the page, when they are this year's (used once: a retry fetches)
    const inlined = national ? take('national') : take('statistics');
    if (inlined?.fiscalYear === year) {
      setData('stats' in inlined ? inlined.stats : inlined);
      return;
    }
    const load = national
      ? call(api.GET('/api/v1/statistics/complaints', { params: { query } })).then(jsonOnly)
      : Promise.all([
          call(
            api.GET('/api/v1/orgs/{orgSlug}/statistics/complaints', {
              params: { path: { orgSlug: org.slug }, query },
            }),
          ).then(jsonOnly),
          call(
            api.GET('/api/v1/orgs/{orgSlug}/statistics/integrity-reports', {
              params: { path: { orgSlug: org.slug }, query },
            }),
          ).then(jsonOnly),
          annualReport(org.slug, year),
        ]).then(([complaints, integrity, annual]) => ({ complaints, integrity, annual }));
    load.then(setData, (err: unknown) => setError(describeError(err)));
  }, [year, attempt, org.slug]);

  const choose = (e: Event) => {
    const chosen = Number((e.currentTarget as HTMLSelectElement).value);
    const params = new URLSearchParams(location.search);
    params.set('year', String(chosen));
    history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
    setYear(chosen);
  };

  return (
    <PublicLayout current="/statistics">
      <div class="card">
        <h1>
          {national ? 'สถิติเรื่องร้องเรียน ทุกหน่วยงาน' : `สถิติเรื่องร้องเรียน ${org.name}`}{' '}
          <span class="en">
            {national ? 'Complaint statistics, every organisation' : 'Complaint statistics'}
          </span>
        </h1>
        <div class="filters">
          <Field id="year" label="ปีงบประมาณ (พ.ศ.)" labelEn="Fiscal year">
            {(p) => (
              <select {...p} value={String(year)} onChange={choose}>
                {recentFiscalYears(current).map((y) => (
                  <option key={y} value={String(y)}>
                    {y}
                    {y === current ? ' (ปีปัจจุบัน / current)' : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <p>
          {national ? (
            <a href="/statistics">สถิติของหน่วยงานนี้ / This organisation's statistics</a>
          ) : (
            <a href="/statistics/all">สถิติทุกหน่วยงาน / Every organisation</a>
          )}
        </p>
      </div>
      <LoadFailure card error={error} onRetry={() => setAttempt((n) => n + 1)} />
      {!data && !error && (
        <p role="status" class="card">
          กำลังโหลด… / Loading…
        </p>
      )}
      {data &&
        ('organizations' in data ? (
          <NationalStatistics stats={data} year={year} />
        ) : (
          <OrgStatistics data={data} year={year} />
        ))}
      <p class="muted">
        <a href={withOrg('/handbook')}>วิธีการจัดการเรื่องร้องเรียน (คู่มือ) / How complaints are handled</a>
      </p>
    </PublicLayout>
  );
}

render(<StatisticsPage />, document.getElementById('app')!);
