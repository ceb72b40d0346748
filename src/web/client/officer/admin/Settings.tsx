/**
 * /officer/admin/settings: the organisation's deadline rules (complaints; integrity reports' first
 * answer and conclusion: calendar or working days, how many, reminders, longest extension), office
 * hours, the satisfaction target, and whether a complainant's online answer resumes the clock.
 */
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import { type Labels, labelsFrom, useLabels } from '../../shared/labels';
import { useAction, useLoad } from '../../shared/use-load';
import { BackToAdmin, loadingText, Notice } from './common';

type SettingsView = Schemas['OrganizationSettingsView'];
type RuleKey = keyof SettingsView['deadlines'];
const RULES: RuleKey[] = ['complaint', 'integrity_report', 'integrity_report_conclusion'];
const MODES: SettingsView['deadlines'][RuleKey]['mode'][] = ['calendar', 'working_days'];
const PARTS = {
  mode: 'การนับวัน / Counting',
  days: 'จำนวนวัน / Days',
  reminderWorkingDaysBefore: 'แจ้งเตือนก่อนครบกำหนด / Reminders',
  maxExtensionDays: 'ขยายเวลาได้สูงสุด / Longest extension',
};
const id = (path: string) => `set-${path.replace(/\./g, '-')}`;
/** The error summary's names of the fields; the rules' names come from the labels. */
const fieldLabels = (labels: Labels): Record<string, string> => ({
  ...Object.fromEntries(
    RULES.flatMap((key) =>
      Object.entries(PARTS).map(([p, label]) => [
        `deadlines.${key}.${p}`,
        `${labels.th('deadlineTrack', key)}: ${label}`,
      ]),
    ),
  ),
  'officeHours.start': 'เวลาเริ่มงาน / Office opens',
  'officeHours.end': 'เวลาเลิกงาน / Office closes',
  satisfactionTargetPercent: 'เป้าหมายความพึงพอใจ / Satisfaction target',
});
const FIELD_IDS = Object.fromEntries(Object.keys(fieldLabels(labelsFrom({}))).map((k) => [k, id(k)]));

function SettingsForm({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const labels = useLabels();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const fields = errorsByField(action.error);
  useFocusFirstInvalid(form, action.error);
  const submit = async (e: Event) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(d.get(id(k)) ?? '').trim();
    const deadlines = Object.fromEntries(
      RULES.map((key) => [
        key,
        {
          mode: text(`deadlines.${key}.mode`) as 'calendar' | 'working_days',
          days: Number(text(`deadlines.${key}.days`)),
          reminderWorkingDaysBefore: text(`deadlines.${key}.reminderWorkingDaysBefore`)
            .split(/[,\s]+/)
            .filter(Boolean)
            .map(Number),
          maxExtensionDays: Number(text(`deadlines.${key}.maxExtensionDays`)),
        },
      ]),
    );
    const saved = await action.run(() =>
      call(
        api.PATCH('/api/v1/organization/settings', {
          body: {
            deadlines,
            officeHours: { start: text('officeHours.start'), end: text('officeHours.end') },
            satisfactionTargetPercent: Number(text('satisfactionTargetPercent')),
            answerResumesClock: d.get(id('answerResumesClock')) === 'on',
          },
        }),
      ),
    );
    if (saved) onSaved(saved);
  };
  return (
    <form ref={form} onSubmit={submit} noValidate>
      <ErrorSummary error={action.error} fieldIds={FIELD_IDS} fieldLabels={fieldLabels(labels)} />
      {RULES.map((key) => {
        const value = settings.deadlines[key];
        const path = (p: string) => `deadlines.${key}.${p}`;
        const name = labels.get('deadlineTrack', key);
        return (
          <fieldset class="card" key={key}>
            <legend>
              {name?.th ?? key} <span class="en">{name?.en}</span>
            </legend>
            <Field id={id(path('mode'))} label="การนับวัน" labelEn="Counting" error={fields[path('mode')]}>
              {(p) => (
                <select {...p} name={p.id}>
                  {MODES.map((mode) => (
                    <option key={mode} value={mode} selected={mode === value.mode}>
                      {labels.both('deadlineMode', mode)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={id(path('days'))} label="จำนวนวัน" labelEn="Days" required error={fields[path('days')]}>
              {(p) => (
                <input {...p} name={p.id} type="number" min={1} max={365} defaultValue={String(value.days)} />
              )}
            </Field>
            <Field
              id={id(path('reminderWorkingDaysBefore'))}
              label="แจ้งเตือนก่อนครบกำหนด (วันทำการ)"
              labelEn="Reminders, working days before"
              hint="เช่น 3, 1 / e.g. 3, 1"
              error={fields[path('reminderWorkingDaysBefore')]}
            >
              {(p) => <input {...p} name={p.id} defaultValue={value.reminderWorkingDaysBefore.join(', ')} />}
            </Field>
            <Field
              id={id(path('maxExtensionDays'))}
              label="ขยายเวลาได้สูงสุด (วัน)"
              labelEn="Longest extension (days)"
              error={fields[path('maxExtensionDays')]}
            >
              {(p) => (
                <input
                  {...p}
                  name={p.id}
                  type="number"
                  min={1}
                  max={365}
                  defaultValue={String(value.maxExtensionDays)}
                />
              )}
            </Field>
          </fieldset>
        );
      })}
      <fieldset class="card">
        <legend>
          เวลาทำการ (เวลาประเทศไทย) <span class="en">Office hours (Bangkok)</span>
        </legend>
        <Field
          id={id('officeHours.start')}
          label="เริ่ม"
          labelEn="Opens"
          hint="08:30"
          error={fields['officeHours.start']}
        >
          {(p) => <input {...p} name={p.id} defaultValue={settings.officeHours.start} inputMode="numeric" />}
        </Field>
        <Field
          id={id('officeHours.end')}
          label="เลิก"
          labelEn="Closes"
          hint="16:30"
          error={fields['officeHours.end']}
        >
          {(p) => <input {...p} name={p.id} defaultValue={settings.officeHours.end} inputMode="numeric" />}
        </Field>
      </fieldset>
      <div class="card">
        <Field
          id={id('satisfactionTargetPercent')}
          label="เป้าหมายความพึงพอใจ (ร้อยละ)"
          labelEn="Satisfaction target (percent)"
          error={fields.satisfactionTargetPercent}
        >
          {(p) => (
            <input
              {...p}
              name={p.id}
              type="number"
              min={1}
              max={100}
              defaultValue={String(settings.satisfactionTargetPercent)}
            />
          )}
        </Field>
      </div>
      <fieldset class="card">
        <legend>
          เมื่อผู้ร้องตอบคำขอข้อมูลทางออนไลน์ <span class="en">When a complainant answers a request online</span>
        </legend>
        <label class="check">
          <input
            type="checkbox"
            id={id('answerResumesClock')}
            name={id('answerResumesClock')}
            defaultChecked={settings.answerResumesClock}
          />
          <span>
            ดำเนินเรื่องต่อและนับเวลาต่อทันที (ปิด: แจ้งเจ้าหน้าที่ให้ดำเนินเรื่องต่อเอง){' '}
            <span class="en">
              Resume the case and its deadline clock at once (off: the officers are told and resume it)
            </span>
          </span>
        </label>
      </fieldset>
      <button type="submit" disabled={action.busy}>
        บันทึกการตั้งค่า / Save settings
      </button>
    </form>
  );
}

export function Settings() {
  const settings = useLoad(() => call(api.GET('/api/v1/organization/settings')), []);
  const [notice, setNotice] = useState('');
  const [version, setVersion] = useState(0);
  return (
    <>
      <BackToAdmin />
      <h1>ตั้งค่าองค์กร / Organisation settings</h1>
      <Notice>{notice}</Notice>
      <ErrorSummary error={settings.error} />
      {settings.loading && !settings.data && loadingText}
      {settings.data && (
        <SettingsForm
          key={version}
          settings={settings.data}
          onSaved={(s) => {
            settings.setData(s);
            setVersion((v) => v + 1);
            setNotice('บันทึกการตั้งค่าแล้ว / Settings saved');
          }}
        />
      )}
    </>
  );
}
