/**
 * /officer/admin/users: invite an officer (the person chooses a password through the e-mailed
 * one-time link; an administrator never types one), change roles and unit (protected roles wait for
 * a second person's approval), send a new password link, deactivate.
 */
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { formatDateTimeBE } from '../../shared/be-date';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import { useLabels } from '../../shared/labels';
import { useAction, useLoad } from '../../shared/use-load';
import { BackToAdmin, loadingText, Notice, type Role, unitName, useUnits } from './common';

type User = Schemas['UserView'];
type Unit = Schemas['UnitView'];

const INVITE_IDS: Record<string, string> = {
  email: 'invite-email',
  displayName: 'invite-name',
  roles: 'invite-roles',
  unitId: 'invite-unit',
};
const INVITE_LABELS: Record<string, string> = {
  email: 'อีเมล / E-mail',
  displayName: 'ชื่อที่แสดง / Name',
  roles: 'บทบาท / Roles',
  unitId: 'หน่วยงาน / Unit',
};

function RolePicker({ idPrefix, value, legend }: { idPrefix: string; value: Role[]; legend: string }) {
  const labels = useLabels();
  return (
    <fieldset class="field" id={`${idPrefix}-roles`}>
      <legend>{legend}</legend>
      {/* the roles in the API's order, from GET /labels */}
      {Object.keys(labels.table.role ?? {}).map((role) => (
        <label class="check" key={role}>
          <input type="checkbox" name="roles" value={role} defaultChecked={value.includes(role as Role)} />{' '}
          {labels.th('role', role)}
        </label>
      ))}
    </fieldset>
  );
}

function UnitPicker({ id, units, value }: { id: string; units: Unit[]; value: string | null }) {
  return (
    <Field id={id} label="หน่วยงาน" labelEn="Unit">
      {(p) => (
        <select {...p} name="unitId" defaultValue={value ?? ''}>
          <option value="">ไม่สังกัดหน่วยงาน / No unit</option>
          {units
            .filter((u) => u.isActive || u.id === value)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.nameTh}
              </option>
            ))}
        </select>
      )}
    </Field>
  );
}

const rolesOf = (form: HTMLFormElement) => new FormData(form).getAll('roles').map(String) as Role[];
const unitOf = (form: HTMLFormElement) => String(new FormData(form).get('unitId') ?? '') || null;

function pendingText(user: User, th: (code: string) => string): string {
  return user.pendingRoles.length
    ? `รออนุมัติจากผู้ดูแลอีกคน / Waiting for a second approval: ${user.pendingRoles.map(th).join(', ')}`
    : '';
}

function InviteForm({ units, onDone }: { units: Unit[]; onDone: (user: User) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const fields = errorsByField(action.error);
  useFocusFirstInvalid(form, action.error);
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const data = new FormData(f);
    const email = String(data.get('email') ?? '').trim();
    const displayName = String(data.get('displayName') ?? '').trim();
    const missing = [
      !email && { field: 'email', message: 'กรุณากรอกอีเมล / Enter the e-mail address' },
      !displayName && { field: 'displayName', message: 'กรุณากรอกชื่อ / Enter the name' },
    ].filter((x) => !!x);
    if (missing.length) {
      action.setError({
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ / Some fields are missing',
        lines: [],
        fields: missing,
      });
      return;
    }
    const user = await action.run(() =>
      call(api.POST('/api/v1/users', { body: { email, displayName, roles: rolesOf(f), unitId: unitOf(f) } })),
    );
    if (user) {
      f.reset();
      onDone(user);
    }
  };
  return (
    <form ref={form} class="card" onSubmit={submit} aria-labelledby="invite-heading" noValidate>
      <h2 id="invite-heading">เชิญผู้ใช้ใหม่ / Invite a user</h2>
      <p class="muted">
        ระบบส่งลิงก์ให้ผู้ใช้ตั้งรหัสผ่านเองทางอีเมล{' '}
        <span class="en">The person sets their own password from the e-mailed link.</span>
      </p>
      <ErrorSummary error={action.error} fieldIds={INVITE_IDS} fieldLabels={INVITE_LABELS} />
      <Field id="invite-email" label="อีเมล" labelEn="E-mail" required error={fields.email}>
        {(p) => <input {...p} name="email" type="email" autoComplete="off" />}
      </Field>
      <Field id="invite-name" label="ชื่อที่แสดง" labelEn="Name" required error={fields.displayName}>
        {(p) => <input {...p} name="displayName" />}
      </Field>
      <RolePicker idPrefix="invite" value={[]} legend="บทบาท / Roles" />
      {fields.roles && <p class="field-error">{fields.roles}</p>}
      <UnitPicker id="invite-unit" units={units} value={null} />
      <button type="submit" disabled={action.busy}>
        ส่งคำเชิญ / Send invitation
      </button>
    </form>
  );
}

function UserRow({
  user,
  units,
  onChanged,
}: {
  user: User;
  units: Unit[];
  onChanged: (msg: string) => void;
}) {
  const labels = useLabels();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const th = (code: string) => labels.th('role', code);
  const unit = units.find((u) => u.id === user.unitId);
  const save = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const updated = await action.run(() =>
      call(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { roles: rolesOf(f), unitId: unitOf(f) },
        }),
      ),
    );
    if (updated) {
      setEditing(false);
      onChanged(`บันทึกแล้ว / Saved: ${updated.displayName}. ${pendingText(updated, th)}`);
    }
  };
  const reset = async () => {
    const sent = await action.run(() =>
      call(api.POST('/api/v1/users/{id}/password-reset', { params: { path: { id: user.id } } })),
    );
    if (sent)
      onChanged(
        `ส่งลิงก์ตั้งรหัสผ่านถึง ${user.email} แล้ว (ใช้ได้ถึง ${formatDateTimeBE(sent.expiresAt)}) / A password link was sent`,
      );
  };
  const deactivate = async () => {
    if (!window.confirm(`ระงับบัญชี ${user.displayName}? / Deactivate this account?`)) return;
    const done = await action.run(() =>
      call(api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id: user.id } } })),
    );
    if (done) onChanged(`ระงับบัญชี ${done.displayName} แล้ว / Deactivated`);
  };
  return (
    <li class="card" aria-label={user.displayName}>
      <h3>
        {user.displayName} <span class="muted">{user.email}</span>
      </h3>
      <p>
        บทบาท / Roles: {user.roles.length ? user.roles.map(th).join(', ') : '—'}
        <br />
        หน่วยงาน / Unit: {unitName(unit)}
        <br />
        {user.isActive ? 'ใช้งานอยู่ / Active' : <strong>ระงับแล้ว / Deactivated</strong>}
        {' · '}เข้าระบบล่าสุด / Last sign-in: {user.lastLoginAt ? formatDateTimeBE(user.lastLoginAt) : '—'}
      </p>
      {user.pendingRoles.length > 0 && <p class="muted">{pendingText(user, th)}</p>}
      <ErrorSummary error={action.error} />
      {editing ? (
        <form onSubmit={save} aria-label={`แก้ไข ${user.displayName} / Edit`}>
          <RolePicker
            idPrefix={`u-${user.id}`}
            value={[...user.roles, ...user.pendingRoles]}
            legend="บทบาท / Roles"
          />
          <UnitPicker id={`u-${user.id}-unit`} units={units} value={user.unitId} />
          <div class="actions">
            <button type="submit" disabled={action.busy}>
              บันทึก / Save
            </button>
            <button type="button" class="secondary" onClick={() => setEditing(false)}>
              ยกเลิก / Cancel
            </button>
          </div>
        </form>
      ) : (
        user.isActive && (
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setEditing(true)}>
              แก้ไขบทบาทและหน่วยงาน / Edit roles and unit
            </button>
            <button type="button" class="secondary" disabled={action.busy} onClick={reset}>
              ส่งลิงก์ตั้งรหัสผ่านใหม่ / Send a password link
            </button>
            <button type="button" class="secondary" disabled={action.busy} onClick={deactivate}>
              ระงับบัญชี / Deactivate
            </button>
          </div>
        )
      )}
    </li>
  );
}

export function Users() {
  const users = useLoad(() => call(api.GET('/api/v1/users')), []);
  const units = useUnits();
  const labels = useLabels();
  const [notice, setNotice] = useState('');
  const changed = (msg: string) => {
    setNotice(msg);
    users.reload();
  };
  return (
    <>
      <BackToAdmin />
      <h1>ผู้ใช้งาน / Users</h1>
      <Notice>{notice}</Notice>
      <InviteForm
        units={units.data ?? []}
        onDone={(u) =>
          changed(
            `ส่งคำเชิญถึง ${u.email} แล้ว / Invitation sent. ${pendingText(u, (c) => labels.th('role', c))}`,
          )
        }
      />
      <ErrorSummary error={users.error ?? units.error} />
      {users.loading && !users.data && loadingText}
      {users.data && (
        <section aria-labelledby="users-heading">
          <h2 id="users-heading">ผู้ใช้ทั้งหมด ({users.data.length}) / All users</h2>
          <ul class="plain">
            {users.data.map((u) => (
              <UserRow
                key={`${u.id}-${u.roles.join()}-${u.isActive}`}
                user={u}
                units={units.data ?? []}
                onChanged={changed}
              />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
