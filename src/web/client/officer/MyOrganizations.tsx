/**
 * /officer/organizations: the organisations in which the signed-in person has an account, the current one
 * marked. Moving to another is a sign-in to the account there (its own password, which also unlocks its
 * integrity key); the current session ends (POST /auth/switch-organization).
 */
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../shared/api';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { errorsByField } from '../shared/components/Field';
import { PasswordField } from '../shared/components/PasswordField';
import { useLabels } from '../shared/labels';
import { navigate } from '../shared/router';
import { switchOrganization } from '../shared/session';
import { useAction, useLoad } from '../shared/use-load';
import { loadingText } from './admin/common';

type Membership = Schemas['MembershipView'];

/** The person's organisations (GET /auth/organizations), for the menu and this page. */
export const loadMemberships = () => call(api.GET('/api/v1/auth/organizations'));

function SwitchForm({ membership }: { membership: Membership }) {
  const form = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const action = useAction();
  useFocusFirstInvalid(form, action.error);
  const fields = errorsByField(action.error);
  const id = `switch-${membership.organizationId}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const moved = await action.run(() => switchOrganization(membership.organizationId, password));
    setPassword('');
    if (moved) navigate('/officer');
  };
  return (
    <form ref={form} noValidate onSubmit={submit}>
      <ErrorSummary
        error={action.error}
        fieldIds={{ password: id }}
        fieldLabels={{ password: 'รหัสผ่าน / Password' }}
      />
      <PasswordField
        id={id}
        label={`รหัสผ่านของบัญชีใน ${membership.nameTh}`}
        labelEn="Password of that account"
        autoComplete="current-password"
        error={fields.password}
        value={password}
        onInput={setPassword}
      />
      <button type="submit" disabled={action.busy}>
        ย้ายไปทำงานที่ {membership.nameTh} / Work there
      </button>
    </form>
  );
}

export function MyOrganizations() {
  const labels = useLabels();
  const memberships = useLoad(loadMemberships, []);
  return (
    <>
      <h1>
        หน่วยงานของฉัน <span class="en">My organisations</span>
      </h1>
      <p class="muted">
        แต่ละหน่วยงานมีบัญชีและรหัสผ่านของตนเอง เมื่อย้ายหน่วยงาน การเข้าสู่ระบบครั้งนี้จะสิ้นสุด{' '}
        <span class="en">Each organisation has its own account and password; moving ends this session.</span>
      </p>
      <ErrorSummary error={memberships.error} />
      {memberships.loading && !memberships.data && loadingText}
      <ul class="plain">
        {memberships.data?.map((m) => (
          <li key={m.organizationId} class="card" aria-label={m.nameTh}>
            <h2>
              {m.nameTh}
              {m.current && <span class="muted"> (หน่วยงานปัจจุบัน / current)</span>}
            </h2>
            <p>บทบาท / Roles: {m.roles.map((r) => labels.th('role', r)).join(', ') || '—'}</p>
            {!m.current && <SwitchForm membership={m} />}
          </li>
        ))}
      </ul>
    </>
  );
}
