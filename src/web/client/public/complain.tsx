/**
 * /complain: a citizen files a complaint. Errors appear next to their field (Thai first), the focus
 * moves to the first invalid field, required fields are marked, every input has a label.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import '../shared/styles.css';
import './public.css';
import { inlinedOr, peek } from '../shared/initial-data';
import { api, call, type Schemas } from '../shared/api';
import { LoadFailure } from '../shared/components/LoadFailure';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { RadioGroup, type RadioOption } from '../shared/components/RadioGroup';
import { CodeSelect, errorsByField, Field, RequiredNote } from '../shared/components/Field';
import { describeError, type DescribedError } from '../shared/errors';
import { FilePicker, filesProblem } from '../shared/attachments';
import { ComplaintFilesReceipt } from './ComplaintFiles';
import { organization } from './page';
import { PublicLayout } from './PublicLayout';
import type { Pin } from './pin-map';
import { Receipt } from './Receipt';
import { receiptFromFragment, receiptToFragment, type ReceiptData } from './receipt-fragment';

type Kind = NonNullable<Schemas['SubmitComplaintDto']['kind']>;

/** The API's field path → this page's input id (for the error summary's links and focus). */
const FIELD_IDS: Record<string, string> = {
  kind: 'kind-complaint',
  categoryCode: 'category',
  subject: 'subject',
  description: 'description',
  'location.address': 'address',
  'location.village': 'village',
  'complainant.name': 'name',
  'complainant.phone': 'phone',
  'complainant.email': 'email',
  files: 'files',
};
const FIELD_LABELS: Record<string, string> = {
  kind: 'ประเภท / Kind',
  categoryCode: 'เรื่องเกี่ยวกับ / Category',
  subject: 'หัวเรื่อง / Subject',
  description: 'รายละเอียด / What happened',
  'location.address': 'สถานที่ / Where',
  'location.village': 'หมู่บ้าน / Village',
  'location.lat': 'หมุดบนแผนที่ / Map pin',
  'location.lng': 'หมุดบนแผนที่ / Map pin',
  'complainant.name': 'ชื่อ / Name',
  'complainant.phone': 'โทรศัพท์ / Phone',
  'complainant.email': 'อีเมล / E-mail',
  files: 'ไฟล์ / Files',
};
type FormValues = Record<
  'category' | 'subject' | 'description' | 'address' | 'village' | 'name' | 'phone' | 'email',
  string
>;
const EMPTY: FormValues = {
  category: '',
  subject: '',
  description: '',
  address: '',
  village: '',
  name: '',
  phone: '',
  email: '',
};

/** Required fields checked in the page before sending (the server checks everything again). */
function missing(values: FormValues): DescribedError | null {
  const required: [keyof FormValues, string][] = [
    ['category', 'categoryCode'],
    ['subject', 'subject'],
    ['description', 'description'],
  ];
  const fields = required
    .filter(([key]) => !values[key].trim())
    .map(([, field]) => ({ field, message: 'กรุณากรอกช่องนี้ / This field is required' }));
  return fields.length
    ? {
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ โปรดกรอกช่องที่จำเป็น / Please fill in the required fields',
        lines: [],
        fields,
      }
    : null;
}

/**
 * The map pin's part of the form (LocationPin.tsx, its own chunk), loaded only when the server
 * configured a tile server; without one the page is what it was, the address fields only.
 */
function LazyLocationPin(props: { value: Pin | null; onChange: (pin: Pin | null) => void }) {
  const [module, setModule] = useState<typeof import('./LocationPin') | null>(null);
  useEffect(() => {
    const map = peek('map');
    // by the URL the server gave (already preloaded): no bundler loader in this page for it
    if (map)
      (import(/* @vite-ignore */ map.module) as Promise<typeof import('./LocationPin')>).then(
        setModule,
        () => undefined, // no map then: the address fields say where
      );
  }, []);
  return module ? <module.LocationPin {...props} /> : null;
}

function ComplaintForm() {
  const org = organization();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [consent, setConsent] = useState(false);
  const [kind, setKind] = useState<Kind>('complaint');
  // complaint, suggestion or compliment, named by the API (GET /labels), inlined with the categories
  const [kinds, setKinds] = useState<RadioOption<Kind>[]>([]);
  const [pin, setPin] = useState<Pin | null>(null);
  const [categories, setCategories] = useState<Schemas['PublicCategoryView'][] | null>(null);
  const [loadError, setLoadError] = useState<DescribedError | null>(null);
  const [error, setError] = useState<DescribedError | null>(null);
  const [busy, setBusy] = useState(false);
  // the receipt lives in the URL fragment: a reload of the success page shows it again (no storage)
  const [receipt, setReceipt] = useState<ReceiptData | null>(() => receiptFromFragment(location.hash));
  // the same key on a retry (double click, flaky network) returns the first answer, not a second case
  const [idempotencyKey] = useState(() => `web-${crypto.randomUUID()}`);
  const [loadAttempt, setLoadAttempt] = useState(0);
  // photos or PDF chosen on the form: sent with the tracking code once the complaint is filed
  const [files, setFiles] = useState<File[]>([]);
  useFocusFirstInvalid(form, error);
  const fieldErrors = errorsByField(error);
  const errorFor = (id: keyof FormValues) =>
    fieldErrors[Object.keys(FIELD_IDS).find((f) => FIELD_IDS[f] === id) ?? id];

  useEffect(() => {
    setLoadError(null);
    Promise.all([
      inlinedOr('categories', () =>
        call(api.GET('/api/v1/orgs/{orgSlug}/categories', { params: { path: { orgSlug: org.slug } } })),
      ),
      inlinedOr('kinds', () => call(api.GET('/api/v1/labels')).then((labels) => labels.complaints.kinds)),
    ])
      .then(([loaded, named]) => {
        setCategories(loaded);
        setKinds(named as RadioOption<Kind>[]);
      })
      .catch((err: unknown) => setLoadError(describeError(err)));
  }, [loadAttempt, org.slug]);

  const chosen = categories?.find((c) => c.code === values.category);
  const set = (key: keyof FormValues) => (e: Event) =>
    setValues({ ...values, [key]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = filesProblem(missing(values), files);
    setError(problem);
    if (problem) return;
    const v = (key: keyof FormValues) => values[key].trim() || undefined;
    const body: Schemas['SubmitComplaintDto'] = {
      kind,
      categoryCode: values.category,
      subject: values.subject.trim(),
      description: values.description.trim(),
    };
    if (v('address') || v('village') || pin)
      body.location = { address: v('address'), village: v('village'), lat: pin?.lat, lng: pin?.lng };
    if (v('name') || v('phone') || v('email'))
      body.complainant = { name: v('name'), phone: v('phone'), email: v('email'), consentToContact: consent };
    setBusy(true);
    try {
      const filed = await call(
        api.POST('/api/v1/orgs/{orgSlug}/complaints', {
          params: { path: { orgSlug: org.slug }, header: { 'idempotency-key': idempotencyKey } },
          body,
        }),
      );
      const kept = { code: filed.trackingCode, referenceNo: filed.referenceNo, dueDate: filed.dueDate };
      history.replaceState(null, '', `${location.pathname}${location.search}${receiptToFragment(kept)}`);
      setReceipt(kept);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  if (receipt)
    return (
      <>
        <Receipt
          receipt={receipt}
          onNew={() => {
            history.replaceState(null, '', `${location.pathname}${location.search}`);
            location.reload();
          }}
        />
        <ComplaintFilesReceipt code={receipt.code} files={files} />
      </>
    );

  return (
    <form ref={form} class="card" noValidate onSubmit={submit} aria-labelledby="form-title">
      <h1 id="form-title">
        ยื่นเรื่องร้องเรียน/ร้องทุกข์ <span class="en">File a complaint</span>
      </h1>
      <RequiredNote />
      <ErrorSummary error={error} fieldIds={FIELD_IDS} fieldLabels={FIELD_LABELS} />
      <LoadFailure
        error={loadError}
        onRetry={() => setLoadAttempt((n) => n + 1)}
        label="โหลดประเภทเรื่องใหม่ / Reload the categories"
      />
      <RadioGroup name="kind" legend={['ประเภท', 'Kind']} options={kinds} value={kind} onChange={setKind} />
      <Field
        id="category"
        label="เรื่องเกี่ยวกับ"
        labelEn="Category"
        required
        hint={chosen?.descriptionTh ?? 'เลือกประเภทที่ตรงที่สุด ไม่แน่ใจให้เลือก "อื่น ๆ / ไม่แน่ใจ"'}
        error={errorFor('category')}
      >
        {(p) => (
          <CodeSelect
            control={p}
            value={values.category}
            onChange={set('category')}
            options={categories}
            choose="— เลือกประเภทเรื่อง / Choose —"
          />
        )}
      </Field>
      <Field id="subject" label="หัวเรื่อง" labelEn="Subject" required error={errorFor('subject')}>
        {(p) => (
          <input
            {...p}
            maxLength={200}
            value={values.subject}
            onInput={set('subject')}
            placeholder="เช่น ไฟฟ้าส่องสว่างดับหน้าโรงเรียน"
          />
        )}
      </Field>
      <Field
        id="description"
        label="รายละเอียด"
        labelEn="What happened"
        required
        error={errorFor('description')}
      >
        {(p) => <textarea {...p} maxLength={5000} value={values.description} onInput={set('description')} />}
      </Field>
      <div class="row">
        <Field
          id="address"
          label="สถานที่"
          labelEn="Where"
          hint="บ้านเลขที่ ถนน จุดสังเกต"
          error={errorFor('address')}
        >
          {(p) => <input {...p} maxLength={500} value={values.address} onInput={set('address')} />}
        </Field>
        <Field id="village" label="หมู่บ้าน / หมู่ที่" labelEn="Village" error={errorFor('village')}>
          {(p) => <input {...p} maxLength={200} value={values.village} onInput={set('village')} />}
        </Field>
      </div>
      <LazyLocationPin value={pin} onChange={setPin} />
      <FilePicker id="files" files={files} onChange={setFiles} error={fieldErrors.files} />
      <h2>
        ช่องทางติดต่อกลับ (ไม่บังคับ) <span class="en">Contact (optional)</span>
      </h2>
      <p class="muted">
        ไม่ระบุก็ได้ ท่านจะติดตามเรื่องได้ด้วยรหัสติดตาม{' '}
        <span class="en">You may stay unnamed and follow the complaint with its code.</span>
      </p>
      <Field id="name" label="ชื่อ" labelEn="Name" error={errorFor('name')}>
        {(p) => (
          <input {...p} maxLength={200} autoComplete="name" value={values.name} onInput={set('name')} />
        )}
      </Field>
      <div class="row">
        <Field id="phone" label="โทรศัพท์" labelEn="Phone" hint="เช่น 0812345678" error={errorFor('phone')}>
          {(p) => (
            <input {...p} inputMode="tel" autoComplete="tel" value={values.phone} onInput={set('phone')} />
          )}
        </Field>
        <Field id="email" label="อีเมล" labelEn="E-mail" error={errorFor('email')}>
          {(p) => (
            <input {...p} type="email" autoComplete="email" value={values.email} onInput={set('email')} />
          )}
        </Field>
      </div>
      <label class="check" for="consent">
        <input
          id="consent"
          type="checkbox"
          checked={consent}
          onChange={(e) => setConsent(e.currentTarget.checked)}
        />
        <span>
          ยินยอมให้ติดต่อกลับเพื่อแจ้งความคืบหน้า <span class="en">You may contact me about this complaint</span>
        </span>
      </label>
      <p>
        <button type="submit" disabled={busy}>
          {busy ? 'กำลังส่ง… / Sending…' : 'ส่งเรื่อง / Send'}
        </button>
      </p>
    </form>
  );
}

function Page() {
  return (
    <PublicLayout current="/complain">
      <ComplaintForm />
    </PublicLayout>
  );
}

render(<Page />, document.getElementById('app')!);
