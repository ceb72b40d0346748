/**
 * A workflow step of an integrity report (POST /integrity-reports/{id}/transitions): the particulars
 * the step records, as the workflow route names them (`details`: dismissal, referral, factFinding,
 * conclusion, closure), each field's error at the field, a 409 reloads the report.
 */
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { BEDateInput } from '../../shared/components/BEDateInput';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import type { DescribedError } from '../../shared/errors';
import type { Labels } from '../../shared/labels';
import { useAction } from '../../shared/use-load';
import type { Workflow } from './common';

type Step = Workflow['transitions'][number];
type Body = Schemas['TransitionDto'];

/** The API's field paths → input ids (nested paths as the validation errors name them). */
const FIELD_IDS: Record<string, string> = {
  'dismissal.reason': 't-reason',
  'referral.agency': 't-agency',
  'referral.agencyName': 't-agency-name',
  'referral.referredOn': 't-referred-on',
  'referral.letterNumber': 't-letter',
  'factFinding.orderNumber': 't-order',
  'factFinding.orderDate': 't-order-date',
  'factFinding.committee': 't-committee',
  'conclusion.outcome': 't-outcome',
  'conclusion.summary': 't-summary',
  'conclusion.actionsTaken': 't-action-kind',
  'closure.note': 't-note',
};
const FIELD_LABELS: Record<string, string> = {
  'dismissal.reason': 'เหตุผล / Reason',
  'referral.agency': 'หน่วยงาน / Agency',
  'referral.agencyName': 'ชื่อหน่วยงาน / Agency name',
  'referral.referredOn': 'วันที่ส่ง / Referred on',
  'referral.letterNumber': 'เลขที่หนังสือ / Letter no.',
  'factFinding.orderNumber': 'เลขที่คำสั่ง / Order no.',
  'factFinding.orderDate': 'ลงวันที่ / Order date',
  'factFinding.committee': 'คณะกรรมการ / Committee',
  'conclusion.outcome': 'ผล / Outcome',
  'conclusion.summary': 'สรุป / Summary',
  'conclusion.actionsTaken': 'การดำเนินการ / Action taken',
  'closure.note': 'บันทึก / Note',
};
/** A nested error (`factFinding.committee.0.name`) is shown at its nearest field. */
const nearest = (field: string): string =>
  Object.keys(FIELD_IDS).find((f) => field === f || field.startsWith(`${f}.`)) ?? field;

const REQUIRED = 'กรุณากรอกช่องนี้ / Required';

export function TransitionForm({
  reportId,
  step,
  workflow,
  labels,
  onDone,
  onConflict,
}: {
  reportId: string;
  step: Step;
  workflow: Workflow;
  labels: Labels;
  onDone: (message: string) => void;
  onConflict: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [day, setDay] = useState<string | null>(null);
  const [dayProblem, setDayProblem] = useState<string | null>(null);
  const [agency, setAgency] = useState('');
  const { run, busy, error, setError } = useAction();
  useFocusFirstInvalid(form, error);
  const shown: DescribedError | null = error && {
    ...error,
    fields: error.fields.map((f) => ({ ...f, field: nearest(f.field) })),
    lines:
      error.kind === 'conflict'
        ? [...error.lines, 'โหลดข้อมูลล่าสุดของเรื่องแล้ว / The report has been reloaded with its latest state']
        : error.lines,
  };
  const errors = errorsByField(shown);
  const label = labels.get('integrityAction', step.action);
  const title = label ? `${label.th} / ${label.en}` : `${step.labelTh} / ${step.labelEn}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const text = (id: string) => String(data.get(id) ?? '').trim();
    const missing: string[] = [];
    const need = (field: string, value: string | null) => {
      if (!value) missing.push(field);
      return value ?? '';
    };
    let body: Body = { action: step.action };
    switch (step.details) {
      case 'dismissal':
        body = { ...body, dismissal: { reason: need('dismissal.reason', text('t-reason')) } };
        break;
      case 'referral':
        body = {
          ...body,
          referral: {
            agency: need('referral.agency', text('t-agency')) as NonNullable<Body['referral']>['agency'],
            agencyName: agency === 'other' ? need('referral.agencyName', text('t-agency-name')) : undefined,
            referredOn: need('referral.referredOn', day),
            letterNumber: need('referral.letterNumber', text('t-letter')),
          },
        };
        break;
      case 'factFinding': {
        const committee = text('t-committee')
          .split('\n')
          .map((line) => line.split(','))
          .filter(([name]) => name?.trim())
          .map(([name, ...position]) => ({
            name: name.trim(),
            ...(position.join(',').trim() ? { position: position.join(',').trim() } : {}),
          }));
        if (!committee.length) missing.push('factFinding.committee');
        body = {
          ...body,
          factFinding: {
            orderNumber: need('factFinding.orderNumber', text('t-order')),
            orderDate: need('factFinding.orderDate', day),
            committee,
          },
        };
        break;
      }
      case 'conclusion': {
        const kind = text('t-action-kind');
        const description = text('t-action-text');
        const outcome = need('conclusion.outcome', text('t-outcome'));
        if (outcome === 'substantiated' && !(kind && description)) missing.push('conclusion.actionsTaken');
        body = {
          ...body,
          conclusion: {
            outcome: outcome as NonNullable<Body['conclusion']>['outcome'],
            ...(text('t-summary') ? { summary: text('t-summary') } : {}),
            ...(kind || description
              ? {
                  actionsTaken: [
                    {
                      kind: kind as NonNullable<
                        NonNullable<Body['conclusion']>['actionsTaken']
                      >[number]['kind'],
                      description,
                    },
                  ],
                }
              : {}),
          },
        };
        break;
      }
      case 'closure':
        body = { ...body, closure: text('t-note') ? { note: text('t-note') } : {} };
        break;
      default:
        break;
    }
    if (missing.length || dayProblem) {
      setError({
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ โปรดแก้ไขช่องที่แจ้งไว้ / Some fields need correcting',
        lines: [],
        fields: [
          ...missing.map((field) => ({ field, message: REQUIRED })),
          ...(dayProblem && !missing.some((f) => f.endsWith('On') || f.endsWith('Date'))
            ? [
                {
                  field: step.details === 'referral' ? 'referral.referredOn' : 'factFinding.orderDate',
                  message: dayProblem,
                },
              ]
            : []),
        ],
      });
      return;
    }
    let conflict = false;
    const done = await run(async () => {
      try {
        return await call(
          api.POST('/api/v1/integrity-reports/{id}/transitions', {
            params: { path: { id: reportId } },
            body,
          }),
        );
      } catch (err) {
        conflict = (err as { status?: number }).status === 409;
        throw err;
      }
    });
    if (done) onDone(`บันทึกแล้ว / Done: ${title}`);
    else if (conflict) onConflict();
  };

  const dateField = (id: string, field: string, th: string, en: string) => (
    <Field id={id} label={th} labelEn={en} required hint="วว/ดด/ปปปป (พ.ศ.)" error={errors[field]}>
      {(p) => <BEDateInput {...p} value="" onChange={setDay} onInvalid={setDayProblem} />}
    </Field>
  );
  const texts = (map: Record<string, { th: string; en: string }>) =>
    Object.entries(map).map(([code, t]) => (
      <option key={code} value={code}>
        {t.th} / {t.en}
      </option>
    ));

  return (
    <form ref={form} id="transition-form" class="action-form" noValidate onSubmit={(e) => void submit(e)}>
      <h3>{title}</h3>
      <ErrorSummary error={shown} fieldIds={FIELD_IDS} fieldLabels={FIELD_LABELS} />
      {step.decision && (
        <p class="muted">
          ขั้นตอนนี้เป็นการตัดสินที่ผู้แจ้งเห็น <span class="en">This step is a decision the reporter sees.</span>
        </p>
      )}
      {step.details === 'dismissal' && (
        <Field
          id="t-reason"
          label="เหตุผล (ไม่แสดงแก่ผู้แจ้ง)"
          labelEn="Reason (not shown to the reporter)"
          required
          error={errors['dismissal.reason']}
        >
          {(p) => <textarea {...p} rows={3} />}
        </Field>
      )}
      {step.details === 'referral' && (
        <>
          <Field id="t-agency" label="หน่วยงาน" labelEn="Agency" required error={errors['referral.agency']}>
            {(p) => (
              <select {...p} value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
                <option value="">— เลือก / choose —</option>
                {texts(workflow.agencies)}
              </select>
            )}
          </Field>
          {agency === 'other' && (
            <Field
              id="t-agency-name"
              label="ชื่อหน่วยงาน"
              labelEn="Agency name"
              required
              error={errors['referral.agencyName']}
            >
              {(p) => <input {...p} type="text" />}
            </Field>
          )}
          {dateField('t-referred-on', 'referral.referredOn', 'วันที่ส่ง', 'Referred on')}
          <Field
            id="t-letter"
            label="เลขที่หนังสือ"
            labelEn="Letter no."
            required
            error={errors['referral.letterNumber']}
          >
            {(p) => <input {...p} type="text" />}
          </Field>
        </>
      )}
      {step.details === 'factFinding' && (
        <>
          <Field
            id="t-order"
            label="เลขที่คำสั่ง"
            labelEn="Order no."
            required
            error={errors['factFinding.orderNumber']}
          >
            {(p) => <input {...p} type="text" />}
          </Field>
          {dateField('t-order-date', 'factFinding.orderDate', 'ลงวันที่', 'Order date')}
          <Field
            id="t-committee"
            label="คณะกรรมการ (บรรทัดละคน: ชื่อ, ตำแหน่ง)"
            labelEn="Committee (one per line: name, position)"
            required
            error={errors['factFinding.committee']}
          >
            {(p) => <textarea {...p} rows={3} />}
          </Field>
        </>
      )}
      {step.details === 'conclusion' && (
        <>
          <Field id="t-outcome" label="ผล" labelEn="Outcome" required error={errors['conclusion.outcome']}>
            {(p) => (
              <select {...p}>
                <option value="">— เลือก / choose —</option>
                {texts(workflow.outcomes)}
              </select>
            )}
          </Field>
          <Field id="t-summary" label="สรุป" labelEn="Summary" error={errors['conclusion.summary']}>
            {(p) => <textarea {...p} rows={3} />}
          </Field>
          <Field
            id="t-action-kind"
            label="การดำเนินการ (จำเป็นเมื่อมีมูล)"
            labelEn="Action taken (required if substantiated)"
            error={errors['conclusion.actionsTaken']}
          >
            {(p) => (
              <select {...p}>
                <option value="">—</option>
                {texts(labels.table.integrityActionTaken ?? {})}
              </select>
            )}
          </Field>
          <Field id="t-action-text" label="รายละเอียดการดำเนินการ" labelEn="What was done">
            {(p) => <textarea {...p} rows={2} />}
          </Field>
        </>
      )}
      {step.details === 'closure' && (
        <Field id="t-note" label="บันทึก" labelEn="Note" error={errors['closure.note']}>
          {(p) => <textarea {...p} rows={2} />}
        </Field>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'กำลังบันทึก… / Saving…' : `ยืนยัน: ${title}`}
      </button>
    </form>
  );
}
