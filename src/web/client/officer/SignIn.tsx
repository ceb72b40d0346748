import { useRef, useState } from 'preact/hooks';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { errorsByField, Field } from '../shared/components/Field';
import { PasswordField, RecoveryKeyFields } from '../shared/components/RecoveryKeyFields';
import { describeError, type DescribedError } from '../shared/errors';
import { signIn } from '../shared/session';

const FIELD_IDS = { email: 'email', password: 'password', recoveryKey: 'recoveryKey' };
const FIELD_LABELS = {
  email: 'อีเมล / E-mail',
  password: 'รหัสผ่าน / Password',
  recoveryKey: 'กุญแจกู้คืน / Recovery key',
};

/** Sign-in: every failure is shown (wrong password, lockout with its wait, 429, network loss, server error). */
export function SignIn() {
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [replaceKey, setReplaceKey] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DescribedError | null>(null);
  useFocusFirstInvalid(form, error);
  const fieldErrors = errorsByField(error);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password, {
        ...(recoveryKey.trim() ? { recoveryKey: recoveryKey.trim() } : {}),
        ...(replaceKey ? { replaceKey: true } : {}),
      });
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
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
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        )}
      </Field>
      <PasswordField id="password" error={fieldErrors.password} value={password} onInput={setPassword} />
      {/* integrity officers and custodians after a password reset (see README, "Integrity reports") */}
      <details open={!!fieldErrors.recoveryKey}>
        <summary>
          รหัสผ่านถูกตั้งใหม่? <span class="en">Password was reset?</span>
        </summary>
        <RecoveryKeyFields
          id="recoveryKey"
          error={fieldErrors.recoveryKey}
          recoveryKey={recoveryKey}
          onRecoveryKey={setRecoveryKey}
          replaceKey={replaceKey}
          onReplaceKey={setReplaceKey}
        />
      </details>
      <button type="submit" disabled={busy}>
        {busy ? 'กำลังเข้าสู่ระบบ… / Signing in…' : 'เข้าสู่ระบบ / Sign in'}
      </button>
    </form>
  );
}
