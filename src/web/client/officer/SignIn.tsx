import { useRef, useState } from 'preact/hooks';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { errorsByField, Field } from '../shared/components/Field';
import { PasswordField } from '../shared/components/PasswordField';
import { describeError, type DescribedError } from '../shared/errors';
import { type OrganizationChoice, organizationChoices, signIn } from '../shared/session';

const FIELD_IDS = {
  email: 'email',
  password: 'password',
  recoveryKey: 'recoveryKey',
  organizationId: 'organization-choice',
};
const FIELD_LABELS = {
  email: 'อีเมล / E-mail',
  password: 'รหัสผ่าน / Password',
  recoveryKey: 'กุญแจกู้คืน / Recovery key',
  organizationId: 'หน่วยงาน / Organisation',
};
const CHOOSE = 'กรุณาเลือกหน่วยงาน / Choose an organisation';

/**
 * Sign-in: every failure is shown (wrong password, lockout with its wait, 429, network loss, server error).
 * A person with accounts in several organisations is asked which one (409 ORGANIZATION_CHOICE_REQUIRED)
 * and signs in to the one chosen.
 */
export function SignIn() {
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [replaceKey, setReplaceKey] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DescribedError | null>(null);
  const [choices, setChoices] = useState<OrganizationChoice[] | null>(null);
  const [chosen, setChosen] = useState('');
  useFocusFirstInvalid(form, error);
  const fieldErrors = errorsByField(error);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (choices && !chosen) {
      setError({
        kind: 'validation',
        title: CHOOSE,
        lines: [],
        fields: [{ field: 'organizationId', message: CHOOSE }],
      });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password, {
        ...(recoveryKey.trim() ? { recoveryKey: recoveryKey.trim() } : {}),
        ...(replaceKey ? { replaceKey: true } : {}),
        ...(choices && chosen ? { organizationId: chosen } : {}),
      });
    } catch (err) {
      const offered = organizationChoices(err);
      if (offered) {
        setChoices(offered);
        setChosen('');
      } else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  // another e-mail or password: the choice offered for the old ones no longer holds
  const forgetChoice = () => {
    setChoices(null);
    setChosen('');
  };

  return (
    <form ref={form} class="card" noValidate onSubmit={submit} aria-labelledby="signin-title">
      <h1 id="signin-title">
        เข้าสู่ระบบ <span class="en">Sign in</span>
      </h1>
      <ErrorSummary error={error} fieldIds={FIELD_IDS} fieldLabels={FIELD_LABELS} />
      <Field id="email" label="อีเมล" labelEn="E-mail" required error={fieldErrors.email}>
        {(p) => (
          <input
            {...p}
            type="email"
            autoComplete="username"
            value={email}
            onInput={(e) => {
              setEmail(e.currentTarget.value);
              forgetChoice();
            }}
          />
        )}
      </Field>
      <PasswordField
        id="password"
        label="รหัสผ่าน"
        labelEn="Password"
        autoComplete="current-password"
        error={fieldErrors.password}
        value={password}
        onInput={(value) => {
          setPassword(value);
          forgetChoice();
        }}
      />
      {choices && (
        <fieldset
          id="organization-choice"
          tabIndex={-1}
          aria-invalid={fieldErrors.organizationId ? 'true' : undefined}
          class={`field${fieldErrors.organizationId ? ' invalid' : ''}`}
          aria-describedby={
            fieldErrors.organizationId ? 'organization-choice-error' : 'organization-choice-hint'
          }
        >
          <legend>
            เลือกหน่วยงานที่จะเข้าทำงาน <span class="en">Choose the organisation to work in</span>
          </legend>
          <p id="organization-choice-hint" class="hint" role="status">
            ท่านมีบัญชีในหลายหน่วยงาน เลือกหนึ่งหน่วยงานแล้วกดเข้าสู่ระบบ{' '}
            <span class="en">You have accounts in several organisations: choose one, then sign in.</span>
          </p>
          {fieldErrors.organizationId && (
            <p id="organization-choice-error" class="field-error">
              {fieldErrors.organizationId}
            </p>
          )}
          {choices.map((o) => (
            <label class="check" key={o.organizationId}>
              <input
                type="radio"
                name="organizationId"
                value={o.organizationId}
                checked={chosen === o.organizationId}
                onChange={() => setChosen(o.organizationId)}
              />
              <span>{o.nameTh}</span>
            </label>
          ))}
        </fieldset>
      )}
      {/* integrity officers and custodians after a password reset (see README, "Integrity reports") */}
      <details open={!!fieldErrors.recoveryKey}>
        <summary>
          รหัสผ่านถูกตั้งใหม่? <span class="en">Password was reset?</span>
        </summary>
        <Field id="recoveryKey" label="กุญแจกู้คืน" labelEn="Recovery key" error={fieldErrors.recoveryKey}>
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              spellcheck={false}
              value={recoveryKey}
              onInput={(e) => setRecoveryKey(e.currentTarget.value)}
            />
          )}
        </Field>
        <label class="check">
          <input
            type="checkbox"
            checked={replaceKey}
            onChange={(e) => setReplaceKey(e.currentTarget.checked)}
          />
          <span>
            ไม่มีกุญแจกู้คืน: สร้างกุญแจใหม่ (ต้องขอสิทธิ์เรื่องเดิมใหม่){' '}
            <span class="en">No recovery key: make a new key (earlier reports must be granted again)</span>
          </span>
        </label>
      </details>
      <button type="submit" disabled={busy}>
        {busy ? 'กำลังเข้าสู่ระบบ… / Signing in…' : 'เข้าสู่ระบบ / Sign in'}
      </button>
    </form>
  );
}
