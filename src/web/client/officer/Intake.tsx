/**
 * Intake of a complaint received offline (/officer/intake): channel, the real (back-dated) receipt date
 * and time, kind, category (its unit follows the category's routing), what and where, the contact and
 * consent. On success the acknowledgement slip (ใบรับเรื่อง) opens for printing.
 */
import './work.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../shared/api';
import { BEDateInput } from '../shared/components/BEDateInput';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { errorsByField, Field } from '../shared/components/Field';
import { describeError, type DescribedError } from '../shared/errors';
import { useLabels } from '../shared/labels';
import { navigate } from '../shared/router';
import { bangkokNow, receipts, useOrganization } from './org';

type Body = Schemas['RegisterComplaintDto'];

const FIELD_IDS: Record<string, string> = {
  channel: 'i-channel',
  receivedAt: 'i-date',
  kind: 'i-kind',
  categoryCode: 'i-category',
  subject: 'i-subject',
  description: 'i-description',
  'location.address': 'i-address',
  'location.village': 'i-village',
  'complainant.name': 'i-name',
  'complainant.phone': 'i-phone',
  'complainant.email': 'i-email',
};
const FIELD_LABELS: Record<string, string> = {
  channel: 'ช่องทาง / Channel',
  receivedAt: 'วันที่รับเรื่อง / Date received',
  kind: 'ประเภท / Kind',
  categoryCode: 'หมวดเรื่อง / Category',
  subject: 'เรื่อง / Subject',
  description: 'รายละเอียด / Details',
  'location.address': 'สถานที่ / Address',
  'location.village': 'หมู่บ้าน / Village',
  'complainant.name': 'ชื่อผู้ร้อง / Name',
  'complainant.phone': 'โทรศัพท์ / Phone',
  'complainant.email': 'อีเมล / E-mail',
};
const REQUIRED = 'กรุณากรอกช่องนี้ / Required';

export function Intake() {
  const labels = useLabels();
  const [error, setError] = useState<DescribedError | null>(null);
  const org = useOrganization((err) => setError(describeError(err)));
  const [categories, setCategories] = useState<Schemas['PublicCategoryView'][]>([]);
  const now = useState(() => bangkokNow())[0];
  const [day, setDay] = useState<string | null>(now.day);
  const [dayProblem, setDayProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => `intake-${crypto.randomUUID()}`);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);

  useEffect(() => {
    if (!org) return;
    call(api.GET('/api/v1/orgs/{orgSlug}/categories', { params: { path: { orgSlug: org.slug } } }))
      .then(setCategories)
      .catch((err: unknown) => setError(describeError(err)));
  }, [org]);

  const fieldErrors = errorsByField(error);
  if (dayProblem) fieldErrors.receivedAt = dayProblem;

  const submit = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const missing = ['i-channel', 'i-category', 'i-subject', 'i-description'].filter((id) => !text(id));
    if (!day) missing.push('i-date');
    if (missing.length || dayProblem) {
      const fields = Object.entries(FIELD_IDS)
        .filter(([, id]) => missing.includes(id))
        .map(([field]) => ({ field, message: field === 'receivedAt' && dayProblem ? dayProblem : REQUIRED }));
      setError({
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ โปรดแก้ไขช่องที่แจ้งไว้ / Some fields need correcting',
        lines: [],
        fields,
      });
      return;
    }
    const time = text('i-time') || '09:00';
    const optional = (name: string) => text(name) || undefined;
    const complainant = {
      name: optional('i-name'),
      phone: optional('i-phone'),
      email: optional('i-email'),
      consentToContact: data.get('i-consent') === 'on',
    };
    const location = { address: optional('i-address'), village: optional('i-village') };
    const body: Body = {
      channel: text('i-channel') as Body['channel'],
      receivedAt: `${day}T${time}:00+07:00`,
      kind: (text('i-kind') || 'complaint') as Body['kind'],
      categoryCode: text('i-category'),
      subject: text('i-subject'),
      description: text('i-description'),
      ...(location.address || location.village ? { location } : {}),
      complainant,
    };
    setSending(true);
    setError(null);
    try {
      const receipt = await call(
        api.POST('/api/v1/complaints', { params: { header: { 'idempotency-key': idempotencyKey } }, body }),
      );
      receipts.set(receipt.referenceNo, receipt);
      setIdempotencyKey(`intake-${crypto.randomUUID()}`);
      const found = await call(
        api.GET('/api/v1/complaints', { params: { query: { q: receipt.referenceNo, pageSize: 1 } } }),
      );
      const id = found.items[0]?.id;
      navigate(id ? `/officer/complaints/${id}/slip` : '/officer/complaints');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSending(false);
    }
  };

  const channels = Object.entries(labels.table.channel ?? {}).filter(([code]) => code !== 'web');
  const kinds = Object.entries(labels.table.complaintKind ?? {});

  return (
    <>
      <h1>รับเรื่องร้องเรียน / Register a complaint</h1>
      <p class="muted">
        เรื่องที่รับด้วยตนเอง ทางโทรศัพท์ จดหมาย หรือสื่อสังคม แล้วพิมพ์ใบรับเรื่องให้ผู้ร้อง{' '}
        <span class="en">Walk-in, phone, letter or social media; then print the acknowledgement slip.</span>
      </p>
      <ErrorSummary error={error} fieldIds={FIELD_IDS} fieldLabels={FIELD_LABELS} />
      <form ref={form} class="card" noValidate onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>การรับเรื่อง / Receipt</legend>
          <Field id="i-channel" label="ช่องทาง" labelEn="Channel" required error={fieldErrors.channel}>
            {(p) => (
              <select {...p}>
                <option value="">— เลือก / choose —</option>
                {channels.map(([code, l]) => (
                  <option key={code} value={code}>
                    {l.th}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div class="row">
            <Field
              id="i-date"
              label="วันที่รับเรื่อง"
              labelEn="Date received"
              required
              hint="วว/ดด/ปปปป (พ.ศ.) ย้อนหลังได้ / BE; may be earlier"
              error={fieldErrors.receivedAt}
            >
              {(p) => <BEDateInput {...p} value={now.day} onChange={setDay} onInvalid={setDayProblem} />}
            </Field>
            <Field id="i-time" label="เวลา" labelEn="Time" hint="ชช:นน / HH:MM">
              {(p) => <input {...p} type="time" defaultValue={now.time} />}
            </Field>
          </div>
          <Field id="i-kind" label="ประเภท" labelEn="Kind" error={fieldErrors.kind}>
            {(p) => (
              <select {...p} defaultValue="complaint">
                {kinds.map(([code, l]) => (
                  <option key={code} value={code}>
                    {l.th}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="i-category"
            label="หมวดเรื่อง"
            labelEn="Category"
            required
            hint="เรื่องจะส่งไปยังหน่วยงานของหมวดนี้ / routed to the category's unit"
            error={fieldErrors.categoryCode}
          >
            {(p) => (
              <select {...p} key={categories.length}>
                <option value="">— เลือก / choose —</option>
                {categories.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.nameTh}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>เรื่อง / The complaint</legend>
          <Field id="i-subject" label="เรื่อง" labelEn="Subject" required error={fieldErrors.subject}>
            {(p) => <input {...p} type="text" maxLength={200} />}
          </Field>
          <Field
            id="i-description"
            label="รายละเอียด"
            labelEn="Details"
            required
            error={fieldErrors.description}
          >
            {(p) => <textarea {...p} rows={5} />}
          </Field>
          <Field id="i-address" label="สถานที่" labelEn="Address" error={fieldErrors['location.address']}>
            {(p) => <input {...p} type="text" />}
          </Field>
          <Field
            id="i-village"
            label="หมู่บ้าน / ชุมชน"
            labelEn="Village"
            error={fieldErrors['location.village']}
          >
            {(p) => <input {...p} type="text" />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>ผู้ร้อง / Complainant</legend>
          <Field id="i-name" label="ชื่อ-นามสกุล" labelEn="Name" error={fieldErrors['complainant.name']}>
            {(p) => <input {...p} type="text" autoComplete="off" />}
          </Field>
          <Field id="i-phone" label="โทรศัพท์" labelEn="Phone" error={fieldErrors['complainant.phone']}>
            {(p) => <input {...p} type="tel" inputMode="tel" autoComplete="off" />}
          </Field>
          <Field id="i-email" label="อีเมล" labelEn="E-mail" error={fieldErrors['complainant.email']}>
            {(p) => <input {...p} type="email" autoComplete="off" />}
          </Field>
          <label class="check">
            <input type="checkbox" id="i-consent" name="i-consent" /> ผู้ร้องยินยอมให้ติดต่อกลับ{' '}
            <span class="en">The complainant agrees to be contacted</span>
          </label>
        </fieldset>
        <button type="submit" disabled={sending}>
          {sending ? 'กำลังบันทึก… / Saving…' : 'บันทึกและพิมพ์ใบรับเรื่อง / Register and print the slip'}
        </button>
      </form>
    </>
  );
}
