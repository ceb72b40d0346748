/**
 * The integrity officer's list (/officer/integrity-reports): the reports this officer may read, with the
 * API's filters (status, kind) and paging kept in the address; each row gives the number, kind, what
 * was alleged, the status and both deadlines (answer the reporter, decide).
 */
import '../work.css';
import { useState } from 'preact/hooks';
import { api, call } from '../../shared/api';
import { formatDayBE } from '../../shared/be-date';
import { ErrorSummary } from '../../shared/components/ErrorSummary';
import { Field } from '../../shared/components/Field';
import { Link } from '../../shared/components/Link';
import { type Labels, useLabels } from '../../shared/labels';
import { navigate, useLocation } from '../../shared/router';
import { useOfficer } from '../../shared/session';
import { useLoad } from '../../shared/use-load';
import { loadingText, TableWrap } from '../admin/common';
import { DueText, loadWorkflow, NotForYou } from './common';
import type { operations } from '../../../api-types';

const PAGE_SIZE = 20;
const TITLE = 'เรื่องทุจริตและเบาะแส / Integrity reports';
type Query = NonNullable<operations['IntegrityReportsController_list']['parameters']['query']>;

export function IntegrityList() {
  const officer = useOfficer();
  if (!officer?.roles.includes('integrity_officer'))
    return <NotForYou role="integrity_officer" title={TITLE} />;
  return <ReportList />;
}

function ReportList() {
  const { query } = useLocation();
  const labels = useLabels();
  const page = Math.max(1, Number(query.get('page')) || 1);
  const status = query.get('status') ?? '';
  const kind = query.get('kind') ?? '';
  const flow = useLoad(loadWorkflow, []);
  const list = useLoad(
    () =>
      call(
        api.GET('/api/v1/integrity-reports', {
          params: {
            query: {
              page,
              pageSize: PAGE_SIZE,
              ...(status ? { status: status as Query['status'] } : {}),
              ...(kind ? { kind: kind as Query['kind'] } : {}),
            },
          },
        }),
      ),
    [page, status, kind],
  );

  const apply = (next: URLSearchParams) =>
    navigate(`/officer/integrity-reports${next.size ? `?${next}` : ''}`);
  const pageHref = (n: number) => {
    const next = new URLSearchParams(query);
    next.set('page', String(n));
    return `/officer/integrity-reports?${next}`;
  };
  const result = list.data;
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const statuses = Object.keys(flow.data?.statuses ?? labels.table.integrityStatus ?? {});

  return (
    <>
      <h1>
        เรื่องทุจริตและเบาะแส <span class="en">Integrity reports</span>
      </h1>
      <p class="muted">
        เฉพาะเรื่องที่ท่านได้รับสิทธิ์อ่าน <span class="en">Only the reports you have access to.</span>
      </p>
      <ErrorSummary error={flow.error} />
      <Filters
        key={`${status}|${kind}`}
        status={status}
        kind={kind}
        statuses={statuses}
        labels={labels}
        onApply={apply}
      />
      <ErrorSummary error={list.error} />
      {list.error && (
        <button type="button" class="secondary" onClick={list.reload}>
          ลองใหม่ / Try again
        </button>
      )}
      {!result && !list.error && loadingText}
      {result && (
        <section class="card" aria-labelledby="i-results">
          <h2 id="i-results">
            {result.total} เรื่อง / reports · หน้า / page {page} / {pages}
          </h2>
          {result.items.length === 0 ? (
            <p class="muted">ไม่มีเรื่อง / No reports</p>
          ) : (
            <TableWrap label="รายการเรื่องทุจริต / Integrity reports">
              {/* the case list's table: a card per row below 700 px (work.css) */}
              <table class="cases">
                <thead>
                  <tr>
                    <th scope="col">เลขที่ / No.</th>
                    <th scope="col">ประเภท / Kind</th>
                    <th scope="col">ลักษณะ / Allegation</th>
                    <th scope="col">สถานะ / Status</th>
                    <th scope="col">รับวันที่ / Received</th>
                    <th scope="col">ตอบผู้แจ้งภายใน / Answer by</th>
                    <th scope="col">ตัดสินภายใน / Decide by</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((r) => (
                    <tr key={r.id}>
                      <td data-label="เลขที่ / No.">
                        <Link href={`/officer/integrity-reports/${r.id}`}>{r.number}</Link>
                      </td>
                      <td data-label="ประเภท / Kind">{labels.th('integrityKind', r.kind)}</td>
                      <td data-label="ลักษณะ / Allegation">{labels.th('allegationType', r.allegationType)}</td>
                      <td data-label="สถานะ / Status">{labels.th('integrityStatus', r.status)}</td>
                      <td data-label="รับวันที่ / Received">{formatDayBE(r.receivedOn)}</td>
                      <td data-label="ตอบผู้แจ้งภายใน / Answer by">
                        {r.firstResponseOn ? (
                          <>ตอบแล้ว / answered {formatDayBE(r.firstResponseOn)}</>
                        ) : (
                          <DueText day={r.firstResponseDueOn} state={r.responseDeadline} />
                        )}
                      </td>
                      <td data-label="ตัดสินภายใน / Decide by">
                        <DueText day={r.conclusionDueOn} state={r.conclusionDeadline} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <p class="pager">
            {page > 1 && <Link href={pageHref(page - 1)}>← ก่อนหน้า / Previous</Link>}{' '}
            {page < pages && <Link href={pageHref(page + 1)}>ถัดไป / Next →</Link>}
          </p>
        </section>
      )}
    </>
  );
}

/** The filters, each choice kept in the form until applied (a list arriving meanwhile does not undo it). */
function Filters(props: {
  status: string;
  kind: string;
  statuses: string[];
  labels: Labels;
  onApply: (query: URLSearchParams) => void;
}) {
  const { labels } = props;
  const [status, setStatus] = useState(props.status);
  const [kind, setKind] = useState(props.kind);
  const submit = (e: Event) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (status) next.set('status', status);
    if (kind) next.set('kind', kind);
    props.onApply(next);
  };
  return (
    <form class="card filters" onSubmit={submit} aria-label="ตัวกรอง / Filters">
      <Field id="i-status" label="สถานะ" labelEn="Status">
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">ทุกสถานะ / All</option>
            {props.statuses.map((s) => (
              <option key={s} value={s}>
                {labels.th('integrityStatus', s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="i-kind" label="ประเภท" labelEn="Kind">
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="">ทุกประเภท / All</option>
            {['complaint', 'tip'].map((k) => (
              <option key={k} value={k}>
                {labels.th('integrityKind', k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit">กรอง / Filter</button>
    </form>
  );
}
