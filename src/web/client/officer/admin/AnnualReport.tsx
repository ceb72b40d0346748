/**
 * /officer/annual-report: the annual report's four narrative parts (ปัญหา อุปสรรค แนวทางแก้ไข การป้องกัน),
 * edited by a supervisor and published (publishing freezes the year's figures with the text). An
 * executive reads the draft.
 */
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { BE_OFFSET, formatDateTimeBE } from '../../shared/be-date';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import { ApiError } from '../../shared/errors';
import { useOfficer } from '../../shared/session';
import { useAction, useLoad } from '../../shared/use-load';
import { loadingText, Notice } from './common';

type Draft = Schemas['AnnualReportDraftView'];
type Narrative = Schemas['AnnualNarrativeDto'];
const PARTS: { key: keyof Narrative; th: string; en: string }[] = [
  { key: 'problems', th: 'ปัญหา', en: 'Problems' },
  { key: 'obstacles', th: 'อุปสรรค', en: 'Obstacles' },
  { key: 'solutions', th: 'แนวทางแก้ไข', en: 'Solutions' },
  { key: 'preventiveActions', th: 'การป้องกันไม่ให้เกิดซ้ำ', en: 'Preventing recurrence' },
];
const IDS = Object.fromEntries(PARTS.map((p) => [p.key, `annual-${p.key}`]));
const LABELS = Object.fromEntries(PARTS.map((p) => [p.key, `${p.th} / ${p.en}`]));

/** The Thai fiscal year (1 October to 30 September) of today, in the Buddhist era. */
export function currentFiscalYearBE(now = new Date()): number {
  return now.getFullYear() + BE_OFFSET + (now.getMonth() >= 9 ? 1 : 0);
}

function Editor({
  year,
  draft,
  canWrite,
  onSaved,
}: {
  year: number;
  draft: Draft | null;
  canWrite: boolean;
  onSaved: (d: Draft, msg: string) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const save = useAction();
  const publish = useAction();
  const fields = errorsByField(save.error);
  useFocusFirstInvalid(form, save.error);
  const submit = async (e: Event) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget as HTMLFormElement);
    const body = Object.fromEntries(
      PARTS.map((p) => [p.key, String(d.get(p.key) ?? '')]),
    ) as unknown as Narrative;
    const missing = PARTS.filter((p) => !body[p.key].trim()).map((p) => ({
      field: p.key,
      message: `กรุณากรอก${p.th} / Enter the ${p.en.toLowerCase()}`,
    }));
    if (missing.length) {
      save.setError({
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ / Some fields are missing',
        lines: [],
        fields: missing,
      });
      return;
    }
    const saved = await save.run(() =>
      call(api.PUT('/api/v1/reports/annual/{fiscalYear}', { params: { path: { fiscalYear: year } }, body })),
    );
    if (saved) onSaved(saved, 'บันทึกร่างแล้ว / Draft saved');
  };
  const doPublish = async () => {
    if (!window.confirm(`เผยแพร่รายงานปี ${year}? / Publish the report?`)) return;
    const done = await publish.run(() =>
      call(
        api.POST('/api/v1/reports/annual/{fiscalYear}/publish', { params: { path: { fiscalYear: year } } }),
      ),
    );
    if (done) onSaved(done, 'เผยแพร่แล้ว / Published');
  };
  return (
    <form ref={form} class="card" onSubmit={submit} noValidate aria-label={`ร่างรายงานปี ${year} / Draft`}>
      <ErrorSummary error={save.error ?? publish.error} fieldIds={IDS} fieldLabels={LABELS} />
      {draft && (
        <p class="muted">
          แก้ไขล่าสุด / Last edited: {formatDateTimeBE(draft.updatedAt)} ·{' '}
          {draft.publishedAt
            ? `เผยแพร่เมื่อ / Published: ${formatDateTimeBE(draft.publishedAt)}`
            : 'ยังไม่เผยแพร่ / Not published'}
        </p>
      )}
      {PARTS.map((p) => (
        <Field key={p.key} id={IDS[p.key]} label={p.th} labelEn={p.en} required error={fields[p.key]}>
          {(props) => (
            <textarea
              {...props}
              name={p.key}
              rows={5}
              readOnly={!canWrite}
              defaultValue={draft?.narrative[p.key] ?? ''}
            />
          )}
        </Field>
      ))}
      {canWrite && (
        <div class="actions">
          <button type="submit" disabled={save.busy}>
            บันทึกร่าง / Save draft
          </button>
          <button type="button" class="secondary" disabled={!draft || publish.busy} onClick={doPublish}>
            เผยแพร่ / Publish
          </button>
        </div>
      )}
    </form>
  );
}

export function AnnualReport() {
  const officer = useOfficer();
  const canWrite = !!officer?.roles.includes('supervisor');
  const current = currentFiscalYearBE();
  const [year, setYear] = useState(current - 1);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const draft = useLoad(
    () =>
      call(api.GET('/api/v1/reports/annual/{fiscalYear}', { params: { path: { fiscalYear: year } } })).catch(
        (err: unknown) => {
          // no draft yet for this year: an empty editor
          if (err instanceof ApiError && err.code === 'ANNUAL_REPORT_NOT_FOUND') return null;
          throw err;
        },
      ),
    [year],
  );
  return (
    <>
      <h1>รายงานประจำปี / Annual report</h1>
      <Field id="annual-year" label="ปีงบประมาณ (พ.ศ.)" labelEn="Fiscal year (BE)">
        {(p) => (
          <select {...p} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}>
            {[current, current - 1, current - 2, current - 3].map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Notice>{notice}</Notice>
      <ErrorSummary error={draft.error} />
      {draft.loading
        ? loadingText
        : !draft.error && (
            <Editor
              key={`${year}-${version}`}
              year={year}
              draft={draft.data}
              canWrite={canWrite}
              onSaved={(d, msg) => {
                draft.setData(d);
                setVersion((v) => v + 1);
                setNotice(msg);
              }}
            />
          )}
    </>
  );
}
