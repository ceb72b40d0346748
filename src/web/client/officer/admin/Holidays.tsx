/**
 * /officer/admin/holidays: the days off that working-day deadlines skip, by year (Buddhist era on
 * screen, the API's Gregorian year underneath): add an organisation's day off, remove one. The API
 * says how many running cases had their due dates recomputed.
 */
import { useRef, useState } from 'preact/hooks';
import { api, call } from '../../shared/api';
import { BE_OFFSET, formatDayBE, parseBEDate } from '../../shared/be-date';
import { BEDateInput } from '../../shared/components/BEDateInput';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import { useLabels } from '../../shared/labels';
import { useAction, useLoad } from '../../shared/use-load';
import { BackToAdmin, loadingText, Notice, TableWrap } from './common';

const IDS: Record<string, string> = {
  date: 'holiday-date',
  nameTh: 'holiday-name-th',
  nameEn: 'holiday-name-en',
};
const LABELS: Record<string, string> = {
  date: 'วันที่ / Date',
  nameTh: 'ชื่อวันหยุด (ไทย) / Thai name',
  nameEn: 'ชื่อวันหยุด (อังกฤษ) / English name',
};
const recomputed = (n: number) => `ปรับวันครบกำหนด ${n} เรื่อง / ${n} due dates recomputed`;

export function Holidays() {
  const labels = useLabels();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const list = useLoad(() => call(api.GET('/api/v1/holidays', { params: { query: { year } } })), [year]);
  const [notice, setNotice] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const add = useAction();
  const remove = useAction();
  const fields: Record<string, string> = {
    ...errorsByField(add.error),
    ...(dateError ? { date: dateError } : {}),
  };
  useFocusFirstInvalid(form, add.error);

  const submit = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const d = new FormData(f);
    const nameTh = String(d.get('nameTh') ?? '').trim();
    const nameEn = String(d.get('nameEn') ?? '').trim();
    // read what is typed now (the field's own parse runs on blur, which may not have re-rendered yet)
    const typed = String(d.get(IDS.date) ?? '').trim();
    const parsed = typed ? parseBEDate(typed) : null;
    const date = parsed?.ok ? parsed.iso : '';
    const missing = [
      !date && {
        field: 'date',
        message: parsed && !parsed.ok ? parsed.error : 'กรุณากรอกวันที่ / Enter the date',
      },
      !nameTh && { field: 'nameTh', message: 'กรุณากรอกชื่อวันหยุด / Enter the name' },
    ].filter((x) => !!x);
    if (missing.length) {
      add.setError({
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ / Some fields are missing',
        lines: [],
        fields: missing,
      });
      return;
    }
    const done = await add.run(() =>
      call(
        api.POST('/api/v1/holidays', {
          body: { date, nameTh, scope: 'organization', ...(nameEn ? { nameEn } : {}) },
        }),
      ),
    );
    if (done) {
      f.reset();
      setFormKey((k) => k + 1);
      setNotice(
        `เพิ่ม ${done.holiday.nameTh} (${formatDayBE(done.holiday.date)}) แล้ว; ${recomputed(done.recomputedCases)}`,
      );
      list.reload();
    }
  };
  const drop = async (id: string, name: string) => {
    if (!window.confirm(`ลบวันหยุด ${name}? / Remove this holiday?`)) return;
    const done = await remove.run(() =>
      call(api.DELETE('/api/v1/holidays/{id}', { params: { path: { id } } })),
    );
    if (done) {
      setNotice(`ลบ ${name} แล้ว; ${recomputed(done.recomputedCases)}`);
      list.reload();
    }
  };

  return (
    <>
      <BackToAdmin />
      <h1>วันหยุด / Holidays</h1>
      <Notice>{notice}</Notice>
      <form
        key={formKey}
        ref={form}
        class="card"
        onSubmit={submit}
        noValidate
        aria-labelledby="holiday-heading"
      >
        <h2 id="holiday-heading">เพิ่มวันหยุดขององค์กร / Add a day off</h2>
        <ErrorSummary error={add.error} fieldIds={IDS} fieldLabels={LABELS} />
        <Field id={IDS.date} label="วันที่" labelEn="Date" required hint="วว/ดด/ปปปป (พ.ศ.)" error={fields.date}>
          {(p) => <BEDateInput {...p} value="" onChange={() => undefined} onInvalid={setDateError} />}
        </Field>
        <Field id={IDS.nameTh} label="ชื่อวันหยุด (ไทย)" labelEn="Thai name" required error={fields.nameTh}>
          {(p) => <input {...p} name="nameTh" />}
        </Field>
        <Field id={IDS.nameEn} label="ชื่อวันหยุด (อังกฤษ)" labelEn="English name" error={fields.nameEn}>
          {(p) => <input {...p} name="nameEn" />}
        </Field>
        <button type="submit" disabled={add.busy}>
          เพิ่มวันหยุด / Add holiday
        </button>
      </form>
      <section class="card" aria-labelledby="holiday-list-heading">
        <h2 id="holiday-list-heading">
          วันหยุดปี พ.ศ. {year + BE_OFFSET} / Holidays of {year}
        </h2>
        <Field id="holiday-year" label="ปี พ.ศ." labelEn="Year (BE)">
          {(p) => (
            <select {...p} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}>
              {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
                <option key={y} value={String(y)}>
                  {y + BE_OFFSET}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ErrorSummary error={list.error ?? remove.error} />
        {list.loading && !list.data && loadingText}
        {list.data && (
          <TableWrap label="วันหยุด / Holidays">
            <table>
              <thead>
                <tr>
                  <th scope="col">วันที่ / Date</th>
                  <th scope="col">ชื่อ / Name</th>
                  <th scope="col">ชนิด / Kind</th>
                  <th scope="col">
                    <span class="visually-hidden">ลบ / Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((h) => (
                  <tr key={h.id}>
                    <td>{formatDayBE(h.date)}</td>
                    <td>
                      {h.nameTh} {h.nameEn && <span class="en">{h.nameEn}</span>}
                    </td>
                    <td>{labels.both('holidayKind', h.scope === 'organization' ? 'local' : h.kind)}</td>
                    <td>
                      {h.scope === 'organization' && (
                        <button
                          type="button"
                          class="secondary"
                          disabled={remove.busy}
                          onClick={() => void drop(h.id, h.nameTh)}
                          aria-label={`ลบ / Remove: ${h.nameTh}`}
                        >
                          ลบ / Remove
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}
