/**
 * The complaints list (/officer/complaints) and "my work" (/officer: mine, open, by due date): every
 * filter of the API (status, kind, unit, category, channel, due soon, overdue, mine, received between,
 * words, reference number, phone number or tracking code), sorting and paging, all kept in the address
 * (a list can be bookmarked and the back button works). Rows show unit, officer, category and days left
 * or overdue; below 700 px each row is a card.
 */
import './work.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../shared/api';
import { formatDateTimeBE, formatDayBE } from '../shared/be-date';
import { BEDateInput } from '../shared/components/BEDateInput';
import { ErrorSummary } from '../shared/components/ErrorSummary';
import { Field } from '../shared/components/Field';
import { FilterSelect } from '../shared/components/FilterSelect';
import { Link } from '../shared/components/Link';
import { describeError, type DescribedError } from '../shared/errors';
import { useLabels } from '../shared/labels';
import { navigate, useLocation } from '../shared/router';
import { useOrganization } from './org';

import type { operations } from '../../api-types';

type Query = NonNullable<operations['ComplaintsController_list']['parameters']['query']>;
type Status = Schemas['ComplaintSummary']['status'];
const OPEN: Status[] = ['received', 'accepted', 'assigned', 'in_progress', 'awaiting_info'];
const PAGE_SIZE = 20;
/** Filters kept in the address, by their API name. */
const TEXT_KEYS = [
  'status',
  'kind',
  'unitId',
  'categoryCode',
  'channel',
  'dueWithinDays',
  'receivedFrom',
  'receivedTo',
  'q',
  'sort',
] as const;
const FLAG_KEYS = ['overdue', 'mine'] as const;
const SORTS: [string, string][] = [
  ['', 'ล่าสุดก่อน / Newest first'],
  ['receivedAt', 'เก่าสุดก่อน / Oldest first'],
  ['dueDate', 'ครบกำหนดก่อน / Due first'],
  ['-dueDate', 'ครบกำหนดทีหลัง / Due last'],
  ['referenceNo', 'เลขที่ น้อย→มาก / Reference ascending'],
  ['-referenceNo', 'เลขที่ มาก→น้อย / Reference descending'],
];

export function CaseList() {
  const { path, query } = useLocation();
  const labels = useLabels();
  const myWork = path === '/officer';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [result, setResult] = useState<Schemas['ComplaintPage'] | null>(null);
  const [error, setError] = useState<DescribedError | null>(null);
  const [reload, setReload] = useState(0);
  const org = useOrganization((err) => setError(describeError(err)));
  const [units, setUnits] = useState<Schemas['UnitView'][]>([]);
  const [categories, setCategories] = useState<Schemas['PublicCategoryView'][]>([]);
  // the filter form waits for its lists (units, categories), so a choice is not undone when they arrive
  const [settled, setSettled] = useState(0);
  const [from, setFrom] = useState<string | null>(query.get('receivedFrom'));
  const [to, setTo] = useState<string | null>(query.get('receivedTo'));
  const heading = useRef<HTMLHeadingElement>(null);
  const queryText = query.toString();

  useEffect(() => {
    if (myWork) return;
    call(api.GET('/api/v1/units'))
      .then(setUnits)
      .catch((err: unknown) => setError(describeError(err)))
      .finally(() => setSettled((n) => n + 1));
  }, [myWork]);
  useEffect(() => {
    if (myWork || !org) return;
    call(api.GET('/api/v1/orgs/{orgSlug}/categories', { params: { path: { orgSlug: org.slug } } }))
      .then(setCategories)
      .catch((err: unknown) => setError(describeError(err)))
      .finally(() => setSettled((n) => n + 1));
  }, [myWork, org]);

  useEffect(() => {
    let stale = false;
    setError(null);
    const q: Query = { page, pageSize: PAGE_SIZE };
    if (myWork) Object.assign(q, { status: OPEN, sort: 'dueDate', mine: true });
    else {
      const get = (k: string) => query.get(k) || undefined;
      Object.assign(q, {
        status: get('status') ? (get('status')!.split(',') as Status[]) : undefined,
        kind: get('kind'),
        unitId: get('unitId'),
        categoryCode: get('categoryCode'),
        channel: get('channel'),
        dueWithinDays: get('dueWithinDays') ? Number(get('dueWithinDays')) : undefined,
        receivedFrom: get('receivedFrom'),
        receivedTo: get('receivedTo'),
        q: get('q'),
        sort: get('sort'),
        overdue: query.get('overdue') === 'true' || undefined,
        mine: query.get('mine') === 'true' || undefined,
      });
      for (const k of Object.keys(q) as (keyof Query & string)[]) if (q[k] === undefined) delete q[k];
    }
    call(api.GET('/api/v1/complaints', { params: { query: q } }))
      .then((r) => !stale && setResult(r))
      .catch((err: unknown) => !stale && setError(describeError(err)));
    return () => {
      stale = true;
    };
  }, [query, myWork, page, reload]);

  const apply = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const next = new URLSearchParams();
    for (const key of TEXT_KEYS) {
      const v =
        key === 'receivedFrom' ? from : key === 'receivedTo' ? to : String(data.get(`f-${key}`) ?? '').trim();
      if (v) next.set(key, v);
    }
    for (const key of FLAG_KEYS) if (data.get(`f-${key}`)) next.set(key, 'true');
    navigate(`/officer/complaints${next.size ? `?${next}` : ''}`);
  };
  const pageHref = (n: number) => {
    const next = new URLSearchParams(query);
    next.set('page', String(n));
    return `${path}?${next}`;
  };
  const choices = (group: 'complaintStatus' | 'channel' | 'complaintKind'): [string, string][] =>
    Object.entries(labels.table[group] ?? {}).map(([code, l]) => [code, l.th]);
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const v = (k: string) => query.get(k) ?? '';

  return (
    <>
      <h1 ref={heading}>{myWork ? 'งานของฉัน / My work' : 'เรื่องร้องเรียน / Complaints'}</h1>
      {myWork && (
        <p class="muted">
          เรื่องที่ยังไม่เสร็จของท่านหรือหน่วยงานของท่าน เรียงตามวันครบกำหนด{' '}
          <span class="en">Open cases of yours or your unit, by due date.</span>{' '}
          <Link href="/officer/complaints?mine=true">ค้นหาและกรองเพิ่ม / Search and filter</Link>
        </p>
      )}
      {!myWork && settled < 2 && <p aria-live="polite">กำลังโหลดตัวกรอง… / Loading the filters…</p>}
      {!myWork && settled >= 2 && (
        // uncontrolled fields (a re-render must not undo what is being typed), reset when the address changes
        <form
          key={`${queryText}|${Object.keys(labels.table).length}`}
          class="card filters"
          onSubmit={apply}
          aria-label="ตัวกรอง / Filters"
        >
          <Field
            id="f-q"
            label="ค้นหา"
            labelEn="Search"
            hint="คำ เลขที่เรื่อง เบอร์โทร หรือรหัสติดตาม / words, reference, phone or tracking code"
          >
            {(p) => <input {...p} type="search" defaultValue={v('q')} />}
          </Field>
          <FilterSelect
            id="f-status"
            label="สถานะ"
            labelEn="Status"
            options={choices('complaintStatus')}
            current={v('status')}
          >
            <option value={OPEN.join(',')} selected={v('status') === OPEN.join(',')}>
              ยังไม่เสร็จ / Open
            </option>
          </FilterSelect>
          <FilterSelect
            id="f-kind"
            label="ประเภท"
            labelEn="Kind"
            options={choices('complaintKind')}
            current={v('kind')}
          />
          <FilterSelect
            id="f-unitId"
            label="หน่วยงาน"
            labelEn="Unit"
            options={units.map((u) => [u.id, u.nameTh])}
            current={v('unitId')}
          />
          <FilterSelect
            id="f-categoryCode"
            label="หมวด"
            labelEn="Category"
            options={categories.map((c) => [c.code, c.nameTh])}
            current={v('categoryCode')}
          />
          <FilterSelect
            id="f-channel"
            label="ช่องทาง"
            labelEn="Channel"
            options={choices('channel')}
            current={v('channel')}
          />
          <Field id="f-dueWithinDays" label="ครบกำหนดภายใน (วัน)" labelEn="Due within (days)">
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                max={365}
                inputMode="numeric"
                defaultValue={v('dueWithinDays')}
              />
            )}
          </Field>
          <Field id="f-receivedFrom" label="รับตั้งแต่" labelEn="Received from" hint="วว/ดด/ปปปป (พ.ศ.)">
            {(p) => <BEDateInput {...p} value={v('receivedFrom')} onChange={setFrom} />}
          </Field>
          <Field id="f-receivedTo" label="ถึง" labelEn="to" hint="วว/ดด/ปปปป (พ.ศ.)">
            {(p) => <BEDateInput {...p} value={v('receivedTo')} onChange={setTo} />}
          </Field>
          <Field id="f-sort" label="เรียงตาม" labelEn="Sort">
            {(p) => (
              <select {...p}>
                {SORTS.map(([code, text]) => (
                  <option key={code} value={code} selected={code === v('sort')}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label class="check">
            <input type="checkbox" name="f-overdue" defaultChecked={v('overdue') === 'true'} /> เกินกำหนด /
            Overdue
          </label>
          <label class="check">
            <input type="checkbox" name="f-mine" defaultChecked={v('mine') === 'true'} /> ของฉัน / Mine
          </label>
          <button type="submit">กรอง / Filter</button>
          {queryText && <Link href="/officer/complaints">ล้างตัวกรอง / Clear</Link>}
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
              <table class="cases">
                <thead>
                  <tr>
                    <th scope="col">เลขที่ / Ref</th>
                    <th scope="col">เรื่อง / Subject</th>
                    <th scope="col">สถานะ / Status</th>
                    <th scope="col">หมวด / Category</th>
                    <th scope="col">หน่วยงาน / Unit</th>
                    <th scope="col">ผู้รับผิดชอบ / Officer</th>
                    <th scope="col">รับเมื่อ / Received</th>
                    <th scope="col">กำหนด / Due</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((c) => (
                    <tr key={c.id}>
                      <td data-label="เลขที่ / Ref">
                        <Link href={`/officer/complaints/${c.id}`}>{c.referenceNo}</Link>
                      </td>
                      <td data-label="เรื่อง / Subject">{c.subject}</td>
                      <td data-label="สถานะ / Status">{labels.th('complaintStatus', c.status)}</td>
                      <td data-label="หมวด / Category">{c.categoryNameTh}</td>
                      <td data-label="หน่วยงาน / Unit">{c.unitNameTh ?? '—'}</td>
                      <td data-label="ผู้รับผิดชอบ / Officer">{c.assigneeName ?? '—'}</td>
                      <td data-label="รับเมื่อ / Received">{formatDateTimeBE(c.receivedAt)}</td>
                      <td data-label="กำหนด / Due">
                        {formatDayBE(c.dueDate)}
                        {c.daysOverdue !== null && (
                          <strong class="field-error">
                            {' '}
                            เกินกำหนด {c.daysOverdue} วัน / {c.daysOverdue} days overdue
                          </strong>
                        )}
                        {c.daysLeft !== null && (
                          <span class="muted">
                            {' '}
                            เหลือ {c.daysLeft} วัน / {c.daysLeft} days left
                          </span>
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
