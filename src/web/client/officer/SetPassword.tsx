/**
 * /officer/set-password#<token>: the landing page of an invitation or password-reset link. The token is
 * in the fragment, which the browser never sends to any server; it is read once and removed from the
 * address bar at once. The link is inspected first (whose account, until when); an expired, used or
 * unknown link says so and what to do. The password is chosen twice, 12 characters or more.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../shared/api';
import { formatDateTimeBE } from '../shared/be-date';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { errorsByField } from '../shared/components/Field';
import { PasswordField } from '../shared/components/PasswordField';
import { describeError, type DescribedError } from '../shared/errors';

const MIN_LENGTH = 12;
const FIELD_IDS = { password: 'new-password', again: 'again-password', token: 'new-password' };
const FIELD_LABELS = {
  password: 'รหัสผ่านใหม่ / New password',
  again: 'พิมพ์อีกครั้ง / Again',
  token: 'ลิงก์ / Link',
};

/**
 * The fragment's token, removed from the address bar as soon as it is read; kept for this page's life
 * (a re-render finds the address bar without it). A new link opened in the same tab brings a new one.
 */
let taken = '';
function takeToken(): string {
  if (window.location.hash) {
    taken = window.location.hash.slice(1);
    history.replaceState(null, '', window.location.pathname);
  }
  return taken;
}

const invalid = (field: string, message: string): DescribedError => ({
  kind: 'validation',
  title: 'ข้อมูลไม่ถูกต้อง โปรดแก้ไขช่องที่แจ้งไว้ / Some fields need correcting',
  lines: [],
  fields: [{ field, message }],
});

export function SetPassword() {
  const [link, setLink] = useState(() => ({ token: takeToken(), opened: 0 }));
  useEffect(() => {
    const opened = () => setLink((l) => ({ token: takeToken(), opened: l.opened + 1 }));
    window.addEventListener('hashchange', opened);
    return () => window.removeEventListener('hashchange', opened);
  }, []);
  return <LinkPage key={link.opened} token={link.token} />;
}

function LinkPage({ token }: { token: string }) {
  const [link, setLink] = useState<Schemas['AccountLinkView'] | null>(null);
  const [linkError, setLinkError] = useState<DescribedError | null>(null);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<DescribedError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  const fields = errorsByField(error);

  useEffect(() => {
    document.title = 'ตั้งรหัสผ่าน / Choose your password — Rongrian';
    if (!token) {
      setLinkError({
        kind: 'not-found',
        title:
          'ลิงก์ไม่ครบ กรุณาเปิดลิงก์จากอีเมลอีกครั้ง หรือขอลิงก์ใหม่จากผู้ดูแลระบบ / The link is incomplete: open it from the e-mail again, or ask your administrator for a new one',
        lines: [],
        fields: [],
      });
      return;
    }
    call(api.POST('/api/v1/auth/account-links/inspect', { body: { token } })).then(setLink, (err: unknown) =>
      setLinkError(describeError(err)),
    );
  }, [token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (password.length < MIN_LENGTH) {
      setError(invalid('password', `อย่างน้อย ${MIN_LENGTH} ตัวอักษร / At least ${MIN_LENGTH} characters`));
      return;
    }
    if (password !== again) {
      setError(invalid('again', 'รหัสผ่านสองช่องไม่ตรงกัน / The two passwords differ'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/v1/auth/account-links/complete', { body: { token, password } }));
      setDone(true);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
      setPassword('');
      setAgain('');
    }
  };

  if (done)
    return (
      <div class="card" role="status">
        <h1>
          ตั้งรหัสผ่านแล้ว <span class="en">Your password is set.</span>
        </h1>
        <p>
          <a href="/officer">เข้าสู่ระบบ / Sign in</a>
        </p>
      </div>
    );
  return (
    <section class="card" aria-labelledby="set-password-title">
      <h1 id="set-password-title">
        ตั้งรหัสผ่าน <span class="en">Choose your password</span>
      </h1>
      <ErrorSummary error={linkError} />
      {linkError && (
        <p>
          <a href="/officer">ไปหน้าเข้าสู่ระบบ / Go to sign-in</a>
        </p>
      )}
      {!link && !linkError && <p aria-live="polite">กำลังตรวจลิงก์… / Checking the link…</p>}
      {link && (
        <form ref={form} noValidate onSubmit={submit}>
          <p>
            บัญชี <span class="en">Account</span>: <strong>{link.displayName}</strong> ({link.email})
          </p>
          <p class="muted">
            ลิงก์ใช้ได้ครั้งเดียว ถึง {formatDateTimeBE(link.expiresAt)} · ไม่มีผู้ใดรวมทั้งผู้ดูแลระบบทราบรหัสผ่านที่ท่านตั้ง{' '}
            <span class="en">
              This link works once. Nobody, not even the administrators, learns your password.
            </span>
          </p>
          <ErrorSummary error={error} fieldIds={FIELD_IDS} fieldLabels={FIELD_LABELS} />
          <PasswordField
            id="new-password"
            label={`รหัสผ่านใหม่ (อย่างน้อย ${MIN_LENGTH} ตัวอักษร)`}
            labelEn={`New password (${MIN_LENGTH}+ characters)`}
            autoComplete="new-password"
            error={fields.password ?? fields.token}
            value={password}
            onInput={setPassword}
          />
          <PasswordField
            id="again-password"
            label="พิมพ์อีกครั้ง"
            labelEn="Again"
            autoComplete="new-password"
            error={fields.again}
            value={again}
            onInput={setAgain}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'กำลังบันทึก… / Saving…' : 'บันทึก / Save'}
          </button>
        </form>
      )}
    </section>
  );
}
