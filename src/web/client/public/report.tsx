/**
 * /report: anyone reports corruption or misconduct, named or not. Every input is labelled, required
 * fields are marked, errors appear at their field with the focus on the first; the incident date is
 * typed in the Buddhist era. The 16-digit receipt is shown once, in this page's memory only: never in
 * the address, in storage or in a cookie (the page is served `no-store`).
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import '../shared/styles.css';
import './public.css';
import { inlinedOr } from '../shared/initial-data';
import { api, call, type Schemas } from '../shared/api';
import { BEDateInput } from '../shared/components/BEDateInput';
import { LoadFailure } from '../shared/components/LoadFailure';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { RadioGroup, type RadioOption } from '../shared/components/RadioGroup';
import {
  CodeSelect,
  type ControlProps,
  errorsByField,
  Field,
  RequiredNote,
} from '../shared/components/Field';
import { filesProblem } from '../shared/attachments';
import { describeError, type DescribedError } from '../shared/errors';
import { EvidenceFilesField, EvidenceUpload } from './EvidenceFiles';
import { followUpHref, formatReceipt, IntegrityLayout, retryable } from './IntegrityLayout';
import { organization } from './page';

type Body = Schemas['SubmitIntegrityReportDto'];
type ReporterRelation = Schemas['ReporterRelationLabelView']['code'];
type Kind = Body['kind'];

/** The API's field path → this page's input id. */
const FIELD_IDS: Record<string, string> = {
  kind: 'kind-complaint',
  allegationType: 'allegationType',
  description: 'description',
  'accused.name': 'accusedName',
  'accused.position': 'accusedPosition',
  'accused.unit': 'accusedUnit',
  incidentDate: 'incidentDate',
  incidentPeriod: 'incidentPeriod',
  place: 'place',
  'evidence.description': 'evidence',
  'evidence.witnesses': 'witnesses',
  evidenceFiles: 'evidenceFiles',
  reporterRelation: 'relation',
  'identity.name': 'idName',
  'identity.phone': 'idPhone',
  'identity.email': 'idEmail',
  'identity.nationalId': 'idNationalId',
};
const FIELD_LABELS: Record<string, string> = {
  kind: 'ประเภท / Kind',
  allegationType: 'ลักษณะการกระทำ / What kind of wrongdoing',
  description: 'รายละเอียด / What happened',
  'accused.name': 'ชื่อผู้ถูกกล่าวหา / Name',
  'accused.position': 'ตำแหน่ง / Position',
  'accused.unit': 'สังกัด / Unit',
  incidentDate: 'วันที่เกิดเหตุ / Date',
  incidentPeriod: 'ช่วงเวลา / Period',
  place: 'สถานที่ / Place',
  'evidence.description': 'หลักฐาน / Evidence',
  'evidence.witnesses': 'พยาน / Witnesses',
  evidenceFiles: 'ไฟล์หลักฐาน / Evidence files',
  reporterRelation: 'ท่านเป็น / You are',
  'identity.name': 'ชื่อ-นามสกุล / Name',
  'identity.phone': 'โทรศัพท์ / Phone',
  'identity.email': 'อีเมล / E-mail',
  'identity.nationalId': 'เลขประจำตัวประชาชน / National id',
};

type TextKey =
  | 'allegationType'
  | 'description'
  | 'accusedName'
  | 'accusedPosition'
  | 'accusedUnit'
  | 'incidentPeriod'
  | 'place'
  | 'evidence'
  | 'witnesses'
  | 'relation'
  | 'idName'
  | 'idPhone'
  | 'idEmail'
  | 'idNationalId';
const EMPTY = Object.fromEntries(
  Object.values(FIELD_IDS)
    .filter((id) => !['kind-complaint', 'incidentDate', 'evidenceFiles'].includes(id))
    .map((id) => [id, '']),
) as Record<TextKey, string>;

const REQUIRED = 'กรุณากรอกช่องนี้ / This field is required';

/** What the page checks before sending (the server checks everything again). */
function problems(values: Record<TextKey, string>, dateError: string | null): DescribedError | null {
  const fields: { field: string; message: string }[] = [];
  if (!values.allegationType) fields.push({ field: 'allegationType', message: REQUIRED });
  const description = values.description.trim();
  if (!description) fields.push({ field: 'description', message: REQUIRED });
  else if (description.length < 10)
    fields.push({
      field: 'description',
      message: 'โปรดเล่าอย่างน้อย 10 ตัวอักษร / Please write at least 10 characters',
    });
  if (dateError) fields.push({ field: 'incidentDate', message: dateError });
  return fields.length
    ? {
        kind: 'validation',
        title: 'ข้อมูลไม่ครบหรือไม่ถูกต้อง โปรดแก้ไขช่องที่แจ้งไว้ / Please correct the fields shown',
        lines: [],
        fields,
      }
    : null;
}

/** Drops the parts nobody filled in; undefined when nothing is left. */
function filled<T extends object>(o: T): T | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return Object.keys(out).length ? (out as T) : undefined;
}

function Done({ receipt, files }: { receipt: string; files: File[] }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [cleared, setCleared] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const followUp = followUpHref(organization().slug);
  return (
    <>
      <section class="card" aria-labelledby="done-title">
        <h1 id="done-title" tabIndex={-1} ref={heading}>
          ได้รับเรื่องแล้ว <span class="en">Report received</span>
        </h1>
        <p>
          <strong>รหัสรับเรื่องของท่าน แสดงเพียงครั้งนี้ครั้งเดียว โปรดจดไว้ในที่ปลอดภัย</strong>{' '}
          <span class="en">
            <strong>Your receipt, shown this once only. Write it down and keep it safe.</strong>
          </span>
        </p>
        <p class="code" data-testid="receipt">
          {cleared ? '•••• •••• •••• ••••' : formatReceipt(receipt)}
        </p>
        <p>
          ใช้รหัสนี้ที่หน้า <a href={followUp}>ติดตามเบาะแส</a> เพื่ออ่านสถานะ คำตอบของเจ้าหน้าที่ และส่งข้อมูลเพิ่มเติม
          หากทำรหัสหาย จะไม่มีผู้ใดกู้คืนให้ได้{' '}
          <span class="en">
            Use it on the <a href={followUp}>follow-up page</a> to read the status and the officers&apos;
            answers and to add information. If you lose it, nobody can recover it.
          </span>
        </p>
        <button type="button" class="secondary" disabled={cleared} onClick={() => setCleared(true)}>
          จดแล้ว ลบรหัสออกจากหน้าจอ / Written down: clear it from the screen
        </button>
      </section>
      <EvidenceUpload receipt={receipt} files={files} />
    </>
  );
}

function ReportForm({ onFiled }: { onFiled: (receipt: string, files: File[]) => void }) {
  const org = organization();
  const form = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<Kind>('complaint');
  const [values, setValues] = useState(EMPTY);
  const [incidentDate, setIncidentDate] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const [giveIdentity, setGiveIdentity] = useState(false);
  const [consent, setConsent] = useState(false);
  const [types, setTypes] = useState<Schemas['AllegationTypeView'][] | null>(null);
  const [kinds, setKinds] = useState<RadioOption<Kind>[]>([]);
  const [relations, setRelations] = useState<Schemas['ReporterRelationLabelView'][]>([]);
  const [loadError, setLoadError] = useState<DescribedError | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [error, setError] = useState<DescribedError | null>(null);
  const [busy, setBusy] = useState(false);
  // evidence files: sent through the reporter's session once the report is filed (memory only)
  const [files, setFiles] = useState<File[]>([]);
  useFocusFirstInvalid(form, error);
  const fieldErrors = errorsByField(error);
  const errorFor = (id: string) =>
    fieldErrors[Object.keys(FIELD_IDS).find((f) => FIELD_IDS[f] === id) ?? id] ??
    (id === 'incidentDate' ? (dateError ?? undefined) : undefined);

  useEffect(() => {
    setLoadError(null);
    Promise.all([
      inlinedOr('allegationTypes', () =>
        call(
          api.GET('/api/v1/orgs/{orgSlug}/integrity-reports/allegation-types', {
            params: { path: { orgSlug: org.slug } },
          }),
        ),
      ),
      inlinedOr('reportKinds', () =>
        call(api.GET('/api/v1/labels')).then((labels) => labels.integrityReports.kinds),
      ),
      inlinedOr('reporterRelations', () =>
        call(api.GET('/api/v1/labels')).then((labels) => labels.integrityReports.reporterRelations),
      ),
    ])
      .then(([named, kindNames, relationNames]) => {
        setKinds(kindNames as RadioOption<Kind>[]);
        setRelations(relationNames);
        setTypes(named);
      })
      .catch((err: unknown) => setLoadError(describeError(err)));
  }, [loadAttempt, org.slug]);

  const set = (key: TextKey) => (e: Event) =>
    setValues({ ...values, [key]: (e.currentTarget as HTMLInputElement).value });
  const text =
    (key: TextKey, props: { maxLength: number; inputMode?: 'tel' | 'numeric'; type?: string }) =>
    (p: ControlProps) => <input {...p} {...props} value={values[key]} onInput={set(key)} />;

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = filesProblem(problems(values, dateError), files, 'evidenceFiles');
    setError(problem);
    if (problem) return;
    const v = (key: TextKey) => values[key].trim() || undefined;
    const body: Body = {
      kind,
      allegationType: values.allegationType,
      description: values.description.trim(),
      accused: filled({ name: v('accusedName'), position: v('accusedPosition'), unit: v('accusedUnit') }),
      incidentDate: incidentDate || undefined,
      incidentPeriod: v('incidentPeriod'),
      place: v('place'),
      evidence: filled({ description: v('evidence'), witnesses: v('witnesses') }),
      reporterRelation: (v('relation') as ReporterRelation | undefined) ?? undefined,
    };
    if (giveIdentity) {
      const identity = filled({
        name: v('idName'),
        phone: v('idPhone'),
        email: v('idEmail'),
        nationalId: v('idNationalId'),
      });
      if (identity) body.identity = { ...identity, consentToContact: consent };
    }
    setBusy(true);
    try {
      const filedReport = await call(
        api.POST('/api/v1/orgs/{orgSlug}/integrity-reports', {
          params: { path: { orgSlug: org.slug } },
          body: filled(body) as Body,
        }),
      );
      onFiled(filedReport.receipt, files);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      class="card"
      noValidate
      autoComplete="off"
      onSubmit={submit}
      aria-labelledby="form-title"
    >
      <h2 id="form-title">
        แจ้งเรื่อง <span class="en">Your report</span>
      </h2>
      <RequiredNote />
      <ErrorSummary error={error} fieldIds={FIELD_IDS} fieldLabels={FIELD_LABELS} />
      {error && retryable(error.kind) && (
        <p>
          <button type="submit" class="secondary" disabled={busy}>
            ลองส่งใหม่ / Try sending again
          </button>
        </p>
      )}
      <LoadFailure
        error={loadError}
        onRetry={() => setLoadAttempt((n) => n + 1)}
        label="โหลดลักษณะการกระทำใหม่ / Reload the kinds of wrongdoing"
      />
      <RadioGroup name="kind" legend={['ประเภท', 'Kind']} options={kinds} value={kind} onChange={setKind} />
      <Field
        id="allegationType"
        label="ลักษณะการกระทำ"
        labelEn="What kind of wrongdoing"
        required
        error={errorFor('allegationType')}
      >
        {(p) => (
          <CodeSelect
            control={p}
            value={values.allegationType}
            onChange={set('allegationType')}
            options={types}
            choose="— เลือก / Choose —"
          />
        )}
      </Field>
      <Field
        id="description"
        label="รายละเอียด"
        labelEn="What happened"
        required
        hint="อย่างน้อย 10 ตัวอักษร: ใคร ทำอะไร เมื่อใด อย่างไร / At least 10 characters"
        error={errorFor('description')}
      >
        {(p) => <textarea {...p} maxLength={10000} value={values.description} onInput={set('description')} />}
      </Field>

      <h3>
        ผู้ถูกกล่าวหา (ถ้าทราบ) <span class="en">Who did it (if known)</span>
      </h3>
      <div class="row">
        <Field id="accusedName" label="ชื่อ" labelEn="Name" error={errorFor('accusedName')}>
          {text('accusedName', { maxLength: 200 })}
        </Field>
        <Field id="accusedPosition" label="ตำแหน่ง" labelEn="Position" error={errorFor('accusedPosition')}>
          {text('accusedPosition', { maxLength: 200 })}
        </Field>
        <Field id="accusedUnit" label="สังกัด" labelEn="Unit" error={errorFor('accusedUnit')}>
          {text('accusedUnit', { maxLength: 200 })}
        </Field>
      </div>

      <h3>
        เมื่อใด ที่ไหน (ถ้าทราบ) <span class="en">When and where (if known)</span>
      </h3>
      <div class="row">
        <Field
          id="incidentDate"
          label="วันที่เกิดเหตุ"
          labelEn="Date"
          hint="วว/ดด/ปปปป (พ.ศ.) เช่น 15/3/2569 / Day/month/Buddhist-era year"
          error={errorFor('incidentDate')}
        >
          {(p) => (
            <BEDateInput
              {...p}
              value={incidentDate}
              onChange={(iso) => setIncidentDate(iso ?? '')}
              onInvalid={setDateError}
            />
          )}
        </Field>
        <Field
          id="incidentPeriod"
          label="หรือช่วงเวลา"
          labelEn="or period"
          hint="เช่น ช่วงเดือนมีนาคม 2569"
          error={errorFor('incidentPeriod')}
        >
          {text('incidentPeriod', { maxLength: 200 })}
        </Field>
      </div>
      <Field id="place" label="สถานที่" labelEn="Place" error={errorFor('place')}>
        {text('place', { maxLength: 500 })}
      </Field>

      <h3>
        หลักฐาน (ถ้ามี) <span class="en">Evidence (if any)</span>
      </h3>
      <Field
        id="evidence"
        label="หลักฐานที่มีและอยู่ที่ใด"
        labelEn="What evidence exists and where"
        error={errorFor('evidence')}
      >
        {(p) => <textarea {...p} maxLength={5000} value={values.evidence} onInput={set('evidence')} />}
      </Field>
      <Field id="witnesses" label="พยาน" labelEn="Witnesses" error={errorFor('witnesses')}>
        {(p) => <textarea {...p} maxLength={2000} value={values.witnesses} onInput={set('witnesses')} />}
      </Field>
      <EvidenceFilesField files={files} onChange={setFiles} error={errorFor('evidenceFiles')} />
      <Field id="relation" label="ท่านเป็น (ไม่บังคับ)" labelEn="You are (optional)" error={errorFor('relation')}>
        {(p) => (
          <select {...p} value={values.relation} onChange={set('relation')}>
            <option value="">ไม่ระบุ / Not saying</option>
            {relations.map((r) => (
              <option key={r.code} value={r.code}>
                {r.th} / {r.en}
              </option>
            ))}
          </select>
        )}
      </Field>

      <h3>
        ตัวตนของผู้แจ้ง (ไม่บังคับ) <span class="en">Your identity (optional)</span>
      </h3>
      <label class="check" for="giveIdentity">
        <input
          id="giveIdentity"
          type="checkbox"
          checked={giveIdentity}
          aria-controls="identity"
          aria-expanded={giveIdentity}
          onChange={(e) => setGiveIdentity(e.currentTarget.checked)}
        />
        <span>
          ข้าพเจ้าประสงค์จะระบุตัวตน (เข้ารหัสและเก็บแยกจากเรื่อง){' '}
          <span class="en">I want to give my identity (encrypted, kept apart from the report)</span>
        </span>
      </label>
      <fieldset id="identity" hidden={!giveIdentity}>
        <legend class="visually-hidden">ตัวตนของผู้แจ้ง / Your identity</legend>
        <Field id="idName" label="ชื่อ-นามสกุล" labelEn="Name" error={errorFor('idName')}>
          {text('idName', { maxLength: 200 })}
        </Field>
        <div class="row">
          <Field id="idPhone" label="โทรศัพท์" labelEn="Phone" error={errorFor('idPhone')}>
            {text('idPhone', { maxLength: 30, inputMode: 'tel' })}
          </Field>
          <Field id="idEmail" label="อีเมล" labelEn="E-mail" error={errorFor('idEmail')}>
            {text('idEmail', { maxLength: 254, type: 'email' })}
          </Field>
        </div>
        <Field
          id="idNationalId"
          label="เลขประจำตัวประชาชน"
          labelEn="National id"
          error={errorFor('idNationalId')}
        >
          {text('idNationalId', { maxLength: 17, inputMode: 'numeric' })}
        </Field>
        <label class="check" for="idConsent">
          <input
            id="idConsent"
            type="checkbox"
            checked={consent}
            onChange={(e) => setConsent(e.currentTarget.checked)}
          />
          <span>
            ยินยอมให้ส่งอีเมลแจ้งว่ามีความคืบหน้า (ไม่มีเนื้อหาของเรื่อง){' '}
            <span class="en">You may e-mail me that there is an update (never its content)</span>
          </span>
        </label>
      </fieldset>
      <p>
        <button type="submit" disabled={busy}>
          {busy ? 'กำลังส่ง… / Sending…' : 'ส่งเรื่อง / Send report'}
        </button>
      </p>
    </form>
  );
}

function Notice() {
  return (
    <section class="card" aria-labelledby="page-title">
      <h1 id="page-title">
        แจ้งเบาะแสการทุจริตและประพฤติมิชอบ <span class="en">Report corruption or misconduct</span>
      </h1>
      <p>
        ช่องทางนี้แยกจากการร้องเรียนทั่วไป เพื่อคุ้มครองผู้แจ้ง <strong>ท่านไม่ต้องระบุชื่อ</strong>{' '}
        <span class="en">
          This channel is separate from general complaints, to protect you.{' '}
          <strong>You need not give your name.</strong>
        </span>
      </p>
      <ul>
        <li>
          ระบบไม่บันทึกที่อยู่ไอพี (IP) หรือข้อมูลเบราว์เซอร์ของท่าน และเก็บเพียงวันที่ ไม่เก็บเวลา{' '}
          <span class="en">
            We do not record your IP address or browser, and keep only the date, never the time.
          </span>
        </li>
        <li>
          เมื่อส่งแล้ว ท่านจะได้รับ <strong>รหัสรับเรื่อง 16 หลัก แสดงเพียงครั้งเดียว</strong> ใช้ติดตามผลและส่งข้อมูลเพิ่มเติม
          ไม่มีผู้ใดแสดงหรือกู้รหัสนี้ให้ได้อีก{' '}
          <span class="en">
            After sending you get a <strong>16-digit receipt, shown once</strong>: it is the only way to
            follow up and add information. Nobody can show it to you again or recover it.
          </span>
        </li>
        <li>
          เรื่องนี้อ่านได้เฉพาะเจ้าหน้าที่ผู้รับผิดชอบเรื่องทุจริตเท่านั้น ผู้ดูแลระบบและผู้บริหารเปิดอ่านไม่ได้{' '}
          <span class="en">
            Only the integrity officers can read it; administrators and executives cannot.
          </span>
        </li>
        <li>
          หากระบุตัวตน ข้อมูลจะถูกเข้ารหัสและเก็บแยก เจ้าหน้าที่จะเห็นได้เฉพาะเมื่อผู้ดูแลข้อมูลอนุมัติคำขอที่มีเหตุผลเท่านั้น{' '}
          <span class="en">
            If you give your identity it is encrypted and kept apart; an officer sees it only through a
            justified request approved by a custodian.
          </span>
        </li>
        <li>
          เพื่อความปลอดภัยสูงสุด โปรดส่งจากอุปกรณ์และเครือข่ายที่ไม่ใช่ของที่ทำงาน (เช่น โทรศัพท์ของท่านเองผ่านอินเทอร์เน็ตมือถือ){' '}
          <span class="en">
            For the strongest protection, send from a device and network that are not your employer&apos;s
            (e.g. your own phone on mobile data).
          </span>
        </li>
      </ul>
    </section>
  );
}

function ReportPage() {
  // the receipt lives in this variable only: leaving or reloading the page forgets it
  const [receipt, setReceipt] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  return (
    <IntegrityLayout current="report">
      {receipt ? (
        <Done receipt={receipt} files={files} />
      ) : (
        <>
          <Notice />
          <ReportForm
            onFiled={(filed, chosen) => {
              setFiles(chosen);
              setReceipt(filed);
            }}
          />
        </>
      )}
    </IntegrityLayout>
  );
}

render(<ReportPage />, document.getElementById('app')!);
