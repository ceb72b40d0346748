/**
 * /officer/audit: the audit trail for administrators and supervisors (integrity officers see their
 * channel's rows, never their contents): filters by actor, action (exact or a prefix ending in a
 * dot), entity and Buddhist-era date range, kept in the address so a filtered view can be shared.
 */
import { useState } from 'preact/hooks';
import { api, call } from '../../shared/api';
import { formatDateTimeBE, parseBEDate } from '../../shared/be-date';
import { BEDateInput } from '../../shared/components/BEDateInput';
import { ErrorSummary } from '../../shared/components/ErrorSummary';
import { Field } from '../../shared/components/Field';
import { FilterSelect } from '../../shared/components/FilterSelect';
import { Link } from '../../shared/components/Link';
import { useLabels } from '../../shared/labels';
import { navigate, useLocation } from '../../shared/router';
import { useLoad } from '../../shared/use-load';
import { loadingText, TableWrap } from './common';

const PAGE_SIZE = 50;
const KEYS = ['actorId', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

/** A short readable form of a before/after object: `key: value` pairs. */
const brief = (value: Record<string, unknown> | null): string =>
  value
    ? Object.entries(value)
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join('; ')
    : '';

export function AuditTrail() {
  const labels = useLabels();
  const { path, query } = useLocation();
  const filter = Object.fromEntries(KEYS.map((k) => [k, query.get(k) ?? ''])) as Record<
    (typeof KEYS)[number],
    string
  >;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const officers = useLoad(() => call(api.GET('/api/v1/officers')), []);
  const entries = useLoad(
    () =>
      call(
        api.GET('/api/v1/audit-entries', {
          params: {
            query: {
              page,
              pageSize: PAGE_SIZE,
              ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)),
            },
          },
        }),
      ),
    [query.toString()],
  );
  const [dateError, setDateError] = useState<Record<string, string | null>>({});

  const apply = (e: Event) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget as HTMLFormElement);
    const next = new URLSearchParams();
    for (const k of ['actorId', 'action', 'entityType', 'entityId'] as const) {
      const v = String(d.get(k) ?? '').trim();
      if (v) next.set(k, v);
    }
    // what is typed now (the fields' own parse runs on blur, which may not have re-rendered yet)
    const errors: Record<string, string | null> = {};
    for (const [key, id] of [
      ['from', 'a-from'],
      ['to', 'a-to'],
    ] as const) {
      const typed = String(d.get(id) ?? '').trim();
      if (!typed) continue;
      const parsed = parseBEDate(typed);
      if (parsed.ok) next.set(key, parsed.iso);
      else errors[key] = parsed.error;
    }
    setDateError(errors);
    if (Object.keys(errors).length) return;
    navigate(`${path}${next.size ? `?${next}` : ''}`);
  };
  const pageHref = (n: number) => {
    const next = new URLSearchParams(query);
    next.set('page', String(n));
    return `${path}?${next}`;
  };
  const pages = entries.data ? Math.max(1, Math.ceil(entries.data.total / entries.data.pageSize)) : 1;

  return (
    <>
      <h1>บันทึกการใช้งาน / Audit trail</h1>
      <form key={query.toString()} class="card filters" onSubmit={apply} aria-label="ตัวกรอง / Filters">
        <FilterSelect
          id="a-actor"
          name="actorId"
          label="ผู้กระทำ"
          labelEn="Actor"
          anyLabel="ทุกคน / Anyone"
          options={(officers.data ?? []).map((o) => [o.id, o.displayName])}
          current={filter.actorId}
        />
        <Field id="a-action" label="การกระทำ" labelEn="Action" hint="เช่น complaint.assign หรือ complaint.">
          {(p) => <input {...p} name="action" defaultValue={filter.action} autoComplete="off" />}
        </Field>
        <FilterSelect
          id="a-entity"
          name="entityType"
          label="ประเภทข้อมูล"
          labelEn="Entity"
          options={Object.keys(labels.table.auditEntityType ?? {}).map((code) => [
            code,
            labels.both('auditEntityType', code),
          ])}
          current={filter.entityType}
        />
        <Field id="a-entity-id" label="รหัสข้อมูล" labelEn="Entity id">
          {(p) => <input {...p} name="entityId" defaultValue={filter.entityId} autoComplete="off" />}
        </Field>
        <Field
          id="a-from"
          label="ตั้งแต่วันที่"
          labelEn="From"
          hint="วว/ดด/ปปปป (พ.ศ.)"
          error={dateError.from ?? undefined}
        >
          {(p) => (
            <BEDateInput
              {...p}
              value={filter.from}
              onChange={() => undefined}
              onInvalid={(m) => setDateError((e) => ({ ...e, from: m }))}
            />
          )}
        </Field>
        <Field
          id="a-to"
          label="ถึงวันที่"
          labelEn="To"
          hint="วว/ดด/ปปปป (พ.ศ.)"
          error={dateError.to ?? undefined}
        >
          {(p) => (
            <BEDateInput
              {...p}
              value={filter.to}
              onChange={() => undefined}
              onInvalid={(m) => setDateError((e) => ({ ...e, to: m }))}
            />
          )}
        </Field>
        <button type="submit">กรอง / Filter</button>
      </form>
      <ErrorSummary error={entries.error ?? officers.error} />
      {entries.loading && !entries.data && loadingText}
      {entries.data && (
        <section class="card" aria-labelledby="audit-count">
          <p id="audit-count" aria-live="polite">
            {entries.data.total} รายการ / entries
          </p>
          {entries.data.items.length > 0 && (
            <TableWrap label="บันทึกการใช้งาน / Audit entries">
              <table>
                <thead>
                  <tr>
                    <th scope="col">เวลา / When</th>
                    <th scope="col">ผู้กระทำ / Actor</th>
                    <th scope="col">การกระทำ / Action</th>
                    <th scope="col">ข้อมูล / Entity</th>
                    <th scope="col">รายละเอียด / Details</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.data.items.map((e) => (
                    <tr key={e.id}>
                      <td>{formatDateTimeBE(e.at)}</td>
                      <td>{e.actorName ?? 'ระบบ / system'}</td>
                      <td>
                        <code>{e.action}</code>
                      </td>
                      <td>
                        {labels.th('auditEntityType', e.entityType)}{' '}
                        <span class="muted">{e.entityId.slice(0, 8)}</span>
                      </td>
                      <td class="audit-details">
                        {e.before && <div>ก่อน / before: {brief(e.before)}</div>}
                        {e.after && <div>หลัง / after: {brief(e.after)}</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
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
