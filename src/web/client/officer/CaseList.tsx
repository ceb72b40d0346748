/**
 * The complaints list (/officer/complaints) and "my work" (/officer: mine, open, by due date): filters
 * in the address (so a list can be bookmarked and the back button works), pages, and links to each
 * case's page (still the legacy console: a plain <a>).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../shared/api';
import { formatDateTimeBE, formatDayBE } from '../shared/be-date';
import { ErrorSummary } from '../shared/components/ErrorSummary';
import { Field } from '../shared/components/Field';
import { Link } from '../shared/components/Link';
import { describeError, type DescribedError } from '../shared/errors';
import { useLabels } from '../shared/labels';
import { navigate, useLocation } from '../shared/router';

type Status = Schemas['ComplaintSummary']['status'];
const OPEN: Status[] = ['received', 'accepted', 'assigned', 'in_progress', 'awaiting_info'];
const PAGE_SIZE = 20;

export function CaseList() {
  const { path, query } = useLocation();
  const labels = useLabels();
  const myWork = path === '/officer';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const status = (query.get('status') ?? '') as Status | '';
  const q = query.get('q') ?? '';
  const overdue = query.get('overdue') === 'true';
  const mine = myWork || query.get('mine') === 'true';
  const [result, setResult] = useState<Schemas['ComplaintPage'] | null>(null);
  const [error, setError] = useState<DescribedError | null>(null);
  const [reload, setReload] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let stale = false;
    setError(null);
    call(
      api.GET('/api/v1/complaints', {
        params: {
          query: {
            page,
            pageSize: PAGE_SIZE,
            ...(myWork ? { status: OPEN, sort: 'dueDate' } : status ? { status: [status] } : {}),
            ...(q ? { q } : {}),
            ...(overdue ? { overdue: true } : {}),
            ...(mine ? { mine: true } : {}),
          },
        },
      }),
    )
      .then((r) => !stale && setResult(r))
      .catch((err: unknown) => !stale && setError(describeError(err)));
    return () => {
      stale = true;
    };
  }, [page, status, q, overdue, mine, myWork, reload]);

  const apply = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const next = new URLSearchParams();
    for (const key of ['status', 'q']) {
      const v = String(data.get(key) ?? '').trim();
      if (v) next.set(key, v);
    }
    for (const key of ['overdue', 'mine']) if (data.get(key)) next.set(key, 'true');
    navigate(`/officer/complaints${next.size ? `?${next}` : ''}`);
  };
  const pageHref = (n: number) => {
    const next = new URLSearchParams(query);
    next.set('page', String(n));
    return `${path}?${next}`;
  };
  const statusCodes = Object.keys(labels.table.complaintStatus ?? {});
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;

  return (
    <>
      <h1 ref={heading}>{myWork ? 'งานของฉัน / My work' : 'เรื่องร้องเรียน / Complaints'}</h1>
      {!myWork && (
        // uncontrolled fields (a re-render must not undo what is being typed), reset when the address changes
        <form
          key={`${query.toString()}|${statusCodes.length}`}
          class="card filters"
          onSubmit={apply}
          aria-label="ตัวกรอง / Filters"
        >
          <Field id="f-status" label="สถานะ" labelEn="Status">
            {(p) => (
              <select {...p} name="status" defaultValue={status}>
                <option value="">ทั้งหมด / All</option>
                {statusCodes.map((code) => (
                  <option key={code} value={code}>
                    {labels.th('complaintStatus', code)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="f-q" label="ค้นหา" labelEn="Search">
            {(p) => <input {...p} name="q" type="search" defaultValue={q} />}
          </Field>
          <label class="check">
            <input type="checkbox" name="overdue" defaultChecked={overdue} /> เกินกำหนด / Overdue
          </label>
          <label class="check">
            <input type="checkbox" name="mine" defaultChecked={mine} /> ของฉัน / Mine
          </label>
          <button type="submit">กรอง / Filter</button>
        </form>
      )}
      <ErrorSummary error={error} />
      {error && (
        <button type="button" class="secondary" onClick={() => setReload((n) => n + 1)}>
          ลองใหม่ / Try again
        </button>
      )}
      {!result && !error && <p aria-live="polite">กำลังโหลด… / Loading…</p>}
      {result && (
        <section class="card" aria-labelledby="list-count">
          <p id="list-count" aria-live="polite">
            {result.total} เรื่อง / complaints
          </p>
          {result.items.length > 0 && (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">เลขที่ / Ref</th>
                    <th scope="col">เรื่อง / Subject</th>
                    <th scope="col">สถานะ / Status</th>
                    <th scope="col">รับเมื่อ / Received</th>
                    <th scope="col">กำหนด / Due</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <a href={`/officer/complaints/${c.id}`}>{c.referenceNo}</a>
                      </td>
                      <td>{c.subject}</td>
                      <td>{labels.th('complaintStatus', c.status)}</td>
                      <td>{formatDateTimeBE(c.receivedAt)}</td>
                      <td>
                        {formatDayBE(c.dueDate)}
                        {c.deadlineState === 'overdue' && (
                          <strong class="field-error"> เกินกำหนด / overdue</strong>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav class="pager" aria-label="หน้า / Pages">
              {page > 1 && <Link href={pageHref(page - 1)}>← ก่อนหน้า / Previous</Link>}
              <span>
                หน้า {page} / {pages}
              </span>
              {page < pages && <Link href={pageHref(page + 1)}>ถัดไป / Next →</Link>}
            </nav>
          )}
        </section>
      )}
    </>
  );
}
