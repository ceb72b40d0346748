/**
 * The deployment operator's pages (OPERATOR_EMAILS; issue 18): organisations as data.
 * - /officer/operator/organizations: find organisations by words, province and type;
 * - /officer/operator/organizations/new: create one (type, DLA code, province, district, contact) and
 *   invite its first administrator, who chooses a password through the e-mailed one-time link;
 * - /officer/operator/organizations/:id: change one; invite a first administrator when it has none.
 * The operator reaches no organisation's cases through these pages.
 */
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import { Link } from '../../shared/components/Link';
import type { DescribedError } from '../../shared/errors';
import { useLabels } from '../../shared/labels';
import { match, navigate, useLocation } from '../../shared/router';
import { useAction, useLoad } from '../../shared/use-load';
import { loadingText, Notice } from '../admin/common';

type Organization = Schemas['OrganizationView'];
type OrganizationType = NonNullable<Organization['type']>;
type Fields = Omit<Schemas['CreateOrganizationDto'], 'administrator'>;

const LIST = '/officer/operator/organizations';
/** The API's field names, in form order, with their labels (Thai first). */
const FIELDS: { key: keyof Fields; th: string; en: string; required?: boolean; hint?: string }[] = [
  { key: 'nameTh', th: 'ชื่อ (ไทย)', en: 'Name (Thai)', required: true },
  { key: 'nameEn', th: 'ชื่อ (อังกฤษ)', en: 'Name (English)' },
  { key: 'type', th: 'ประเภท', en: 'Type', required: true },
  { key: 'dlaCode', th: 'รหัส อปท.', en: 'DLA code', required: true, hint: '4–12 หลัก / digits' },
  {
    key: 'slug',
    th: 'ชื่อในที่อยู่เว็บ',
    en: 'Name in web addresses',
    required: true,
    hint: 'a–z, 0–9, - เช่น / e.g. ban-mai',
  },
  { key: 'province', th: 'จังหวัด', en: 'Province', required: true },
  { key: 'district', th: 'อำเภอ', en: 'District' },
  { key: 'contactEmail', th: 'อีเมลติดต่อ', en: 'Contact e-mail' },
  { key: 'contactPhone', th: 'โทรศัพท์', en: 'Phone' },
  { key: 'address', th: 'ที่อยู่', en: 'Address' },
];
const ADMIN_FIELDS = [
  {
    key: 'administrator.email',
    name: 'adminEmail',
    th: 'อีเมลผู้ดูแลระบบคนแรก',
    en: 'First administrator’s e-mail',
  },
  {
    key: 'administrator.displayName',
    name: 'adminName',
    th: 'ชื่อผู้ดูแลระบบคนแรก',
    en: 'First administrator’s name',
  },
];
const fieldId = (key: string) => `org-${key.replace(/\./g, '-')}`;
const FIELD_IDS: Record<string, string> = Object.fromEntries(
  [...FIELDS.map((f) => f.key as string), ...ADMIN_FIELDS.map((f) => f.key)].map((k) => [k, fieldId(k)]),
);
const FIELD_LABELS: Record<string, string> = Object.fromEntries([
  ...FIELDS.map((f) => [f.key, `${f.th} / ${f.en}`]),
  ...ADMIN_FIELDS.map((f) => [f.key, `${f.th} / ${f.en}`]),
]);
const REQUIRED = 'กรุณากรอกช่องนี้ / Required';

const missing = (fields: { field: string; message: string }[]): DescribedError => ({
  kind: 'validation',
  title: 'ข้อมูลไม่ครบ / Some fields are missing',
  lines: [],
  fields,
});

/** The form's values as the API takes them: empty optional fields are null (cleared), required are checked. */
function readFields(form: HTMLFormElement): { body: Fields; problems: { field: string; message: string }[] } {
  const data = new FormData(form);
  const text = (k: string) => String(data.get(k) ?? '').trim();
  const body: Record<string, string | null> = {};
  const problems: { field: string; message: string }[] = [];
  for (const f of FIELDS) {
    const value = text(f.key);
    if (f.required && !value) problems.push({ field: f.key, message: REQUIRED });
    body[f.key] = value || (f.required ? value : null);
  }
  return { body: body as unknown as Fields, problems };
}

function TypeSelect({ value, name, control }: { value: string; name: string; control: object }) {
  const labels = useLabels();
  const types = labels.table.organizationType ?? {};
  return (
    // `selected` on the options, not the select's default: the options arrive with the labels, later
    <select {...control} name={name}>
      <option value="">— เลือก / Choose —</option>
      {Object.entries(types).map(([code, l]) => (
        <option key={code} value={code} selected={code === value}>
          {l.th} ({l.en})
        </option>
      ))}
    </select>
  );
}

function OrganizationFields({ value, errors }: { value?: Organization; errors: Record<string, string> }) {
  return (
    <>
      {FIELDS.map((f) => (
        <Field
          key={f.key}
          id={fieldId(f.key)}
          label={f.th}
          labelEn={f.en}
          required={f.required}
          hint={f.hint}
          error={errors[f.key]}
        >
          {(p) =>
            f.key === 'type' ? (
              <TypeSelect control={p} name="type" value={value?.type ?? ''} />
            ) : f.key === 'address' ? (
              <textarea {...p} name={f.key} rows={2} defaultValue={value?.address ?? ''} />
            ) : (
              <input
                {...p}
                name={f.key}
                type={f.key === 'contactEmail' ? 'email' : 'text'}
                inputMode={f.key === 'dlaCode' ? 'numeric' : undefined}
                autoComplete="off"
                defaultValue={(value?.[f.key as keyof Organization] as string | null | undefined) ?? ''}
              />
            )
          }
        </Field>
      ))}
    </>
  );
}

function AdministratorFields({ errors }: { errors: Record<string, string> }) {
  return (
    <fieldset>
      <legend>
        ผู้ดูแลระบบคนแรก <span class="en">First administrator</span>
      </legend>
      <p class="hint">
        ระบบส่งลิงก์ใช้ครั้งเดียวทางอีเมลให้ตั้งรหัสผ่านเอง{' '}
        <span class="en">They choose their password through a one-time link sent by e-mail.</span>
      </p>
      {ADMIN_FIELDS.map((f) => (
        <Field key={f.key} id={fieldId(f.key)} label={f.th} labelEn={f.en} required error={errors[f.key]}>
          {(p) => (
            <input
              {...p}
              name={f.name}
              type={f.name === 'adminEmail' ? 'email' : 'text'}
              autoComplete="off"
            />
          )}
        </Field>
      ))}
    </fieldset>
  );
}

function readAdministrator(form: HTMLFormElement) {
  const data = new FormData(form);
  const email = String(data.get('adminEmail') ?? '').trim();
  const displayName = String(data.get('adminName') ?? '').trim();
  const problems = [
    !email && { field: 'administrator.email', message: REQUIRED },
    !displayName && { field: 'administrator.displayName', message: REQUIRED },
  ].filter((x) => !!x);
  return { administrator: { email, displayName }, problems };
}

const typeText = (labels: ReturnType<typeof useLabels>, type: OrganizationType | null) =>
  type ? labels.th('organizationType', type) : '—';

/** /officer/operator/organizations */
export function OperatorOrganizations() {
  const labels = useLabels();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const province = query.get('province') ?? '';
  const type = (query.get('type') ?? '') as OrganizationType | '';
  const list = useLoad(
    () =>
      call(
        api.GET('/api/v1/organizations', {
          params: {
            query: { ...(q ? { q } : {}), ...(province ? { province } : {}), ...(type ? { type } : {}) },
          },
        }),
      ),
    [q, province, type],
  );
  const search = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const params = new URLSearchParams();
    for (const k of ['q', 'province', 'type']) {
      const v = String(data.get(k) ?? '').trim();
      if (v) params.set(k, v);
    }
    const s = params.toString();
    navigate(s ? `${LIST}?${s}` : LIST);
  };
  const shown = list.data?.slice(0, 100);
  return (
    <>
      <h1>
        หน่วยงานทั้งหมด <span class="en">Organisations</span>
      </h1>
      <p>
        <Link href={`${LIST}/new`}>+ สร้างหน่วยงานใหม่ / New organisation</Link>
      </p>
      <form
        class="card filters"
        role="search"
        aria-label="ค้นหาหน่วยงาน / Find organisations"
        onSubmit={search}
      >
        <Field id="org-q" label="คำค้น" labelEn="Words" hint="ชื่อ รหัส อปท. อำเภอ / name, DLA code, district">
          {(p) => <input {...p} name="q" type="search" defaultValue={q} key={`q-${q}`} />}
        </Field>
        <Field id="org-filter-province" label="จังหวัด" labelEn="Province">
          {(p) => <input {...p} name="province" defaultValue={province} key={`p-${province}`} />}
        </Field>
        <Field id="org-filter-type" label="ประเภท" labelEn="Type">
          {(p) => <TypeSelect control={p} name="type" value={type} key={`t-${type}`} />}
        </Field>
        <button type="submit">ค้นหา / Search</button>
      </form>
      <ErrorSummary error={list.error} />
      {list.loading && !list.data && loadingText}
      {shown && (
        <section aria-labelledby="orgs-heading">
          <h2 id="orgs-heading" aria-live="polite">
            พบ {list.data!.length} หน่วยงาน / {list.data!.length} found
            {list.data!.length > shown.length && ` (แสดง ${shown.length} แรก / first ${shown.length} shown)`}
          </h2>
          <ul class="plain">
            {shown.map((o) => (
              <li key={o.id} class="card" aria-label={o.nameTh}>
                <h3>
                  <Link href={`${LIST}/${o.id}`}>{o.nameTh}</Link>
                </h3>
                <p>
                  {typeText(labels, o.type)} · รหัส อปท. / DLA {o.dlaCode ?? '—'} ·{' '}
                  {o.district ? `${o.district}, ` : ''}
                  {o.province ?? '—'}
                  <br />
                  <span class="muted">
                    {o.slug}
                    {o.contactEmail && ` · ${o.contactEmail}`}
                    {o.contactPhone && ` · ${o.contactPhone}`}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** /officer/operator/organizations/new */
export function NewOrganization() {
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const errors = errorsByField(action.error);
  useFocusFirstInvalid(form, action.error);
  const [created, setCreated] = useState<{ org: Organization; invited: string } | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const { body, problems } = readFields(f);
    const { administrator, problems: adminProblems } = readAdministrator(f);
    if (problems.length + adminProblems.length) {
      action.setError(missing([...problems, ...adminProblems]));
      return;
    }
    const org = await action.run(() =>
      call(api.POST('/api/v1/organizations', { body: { ...body, administrator } })),
    );
    if (org) {
      f.reset();
      setCreated({ org, invited: administrator.email });
    }
  };
  return (
    <>
      <p>
        <Link href={LIST}>← หน่วยงานทั้งหมด / Organisations</Link>
      </p>
      <h1>
        สร้างหน่วยงานใหม่ <span class="en">New organisation</span>
      </h1>
      {created && (
        <Notice>
          สร้าง {created.org.nameTh} แล้ว และส่งคำเชิญผู้ดูแลระบบถึง {created.invited} / Created; the invitation was
          sent. <Link href={`${LIST}/${created.org.id}`}>ดูหน่วยงาน / Open it</Link>
        </Notice>
      )}
      <form ref={form} class="card" noValidate onSubmit={submit} aria-label="สร้างหน่วยงาน / New organisation">
        <ErrorSummary error={action.error} fieldIds={FIELD_IDS} fieldLabels={FIELD_LABELS} />
        <OrganizationFields errors={errors} />
        <AdministratorFields errors={errors} />
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'กำลังสร้าง… / Creating…' : 'สร้างหน่วยงานและส่งคำเชิญ / Create and invite'}
        </button>
      </form>
    </>
  );
}

function InviteAdministrator({ org }: { org: Organization }) {
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const errors = errorsByField(action.error);
  useFocusFirstInvalid(form, action.error);
  const [notice, setNotice] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const { administrator, problems } = readAdministrator(f);
    if (problems.length) {
      action.setError(missing(problems));
      return;
    }
    setNotice('');
    const user = await action.run(() =>
      call(
        api.POST('/api/v1/organizations/{id}/administrator', {
          params: { path: { id: org.id } },
          body: administrator,
        }),
      ),
    );
    if (user) {
      f.reset();
      setNotice(`ส่งคำเชิญถึง ${user.email} แล้ว / Invitation sent`);
    }
  };
  // the API names these fields without the `administrator.` prefix on this route
  const fieldErrors = {
    ...errors,
    'administrator.email': errors.email,
    'administrator.displayName': errors.displayName,
  };
  return (
    <form ref={form} class="card" noValidate onSubmit={submit} aria-labelledby="invite-admin-heading">
      <h2 id="invite-admin-heading">
        เชิญผู้ดูแลระบบคนแรก <span class="en">Invite the first administrator</span>
      </h2>
      <Notice>{notice}</Notice>
      <ErrorSummary
        error={action.error}
        fieldIds={{
          ...FIELD_IDS,
          email: FIELD_IDS['administrator.email'],
          displayName: FIELD_IDS['administrator.displayName'],
        }}
        fieldLabels={{
          ...FIELD_LABELS,
          email: FIELD_LABELS['administrator.email'],
          displayName: FIELD_LABELS['administrator.displayName'],
        }}
      />
      <AdministratorFields errors={fieldErrors} />
      <button type="submit" disabled={action.busy}>
        ส่งคำเชิญ / Send invitation
      </button>
    </form>
  );
}

/** /officer/operator/organizations/:id */
export function EditOrganization() {
  const { path } = useLocation();
  const id = match(`${LIST}/:id`, path)?.id ?? '';
  const org = useLoad(() => call(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })), [id]);
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const errors = errorsByField(action.error);
  useFocusFirstInvalid(form, action.error);
  const [notice, setNotice] = useState('');
  const [version, setVersion] = useState(0);
  const submit = async (e: Event) => {
    e.preventDefault();
    const { body, problems } = readFields(e.currentTarget as HTMLFormElement);
    if (problems.length) {
      action.setError(missing(problems));
      return;
    }
    setNotice('');
    const saved = await action.run(() =>
      call(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id } }, body })),
    );
    if (saved) {
      org.setData(saved);
      setVersion((v) => v + 1);
      setNotice(`บันทึก ${saved.nameTh} แล้ว / Saved`);
    }
  };
  return (
    <>
      <p>
        <Link href={LIST}>← หน่วยงานทั้งหมด / Organisations</Link>
      </p>
      <h1>
        {org.data ? org.data.nameTh : 'หน่วยงาน'} <span class="en">Edit organisation</span>
      </h1>
      <Notice>{notice}</Notice>
      <ErrorSummary error={org.error} />
      {org.loading && !org.data && loadingText}
      {org.data && (
        <>
          <form
            ref={form}
            key={version}
            class="card"
            noValidate
            onSubmit={submit}
            aria-label="แก้ไขหน่วยงาน / Edit organisation"
          >
            <ErrorSummary error={action.error} fieldIds={FIELD_IDS} fieldLabels={FIELD_LABELS} />
            <OrganizationFields value={org.data} errors={errors} />
            <button type="submit" disabled={action.busy}>
              บันทึก / Save
            </button>
          </form>
          <InviteAdministrator org={org.data} />
        </>
      )}
    </>
  );
}
