/**
 * What the integrity console's pages share (officer/integrity): the workflow table (read once from the
 * API), the role gate that explains rather than shows a blank page, deadline text, and the form that
 * unlocks the officer's encryption key when the API answers INTEGRITY_KEY_LOCKED.
 *
 * Report contents live in component state only: nothing here touches localStorage or sessionStorage,
 * and the API answers these routes with `cache-control: no-store`.
 */
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { formatDayBE } from '../../shared/be-date';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField } from '../../shared/components/Field';
import { PasswordField } from '../../shared/components/PasswordField';
import { RecoveryKeyFields } from '../../shared/components/RecoveryKeyFields';
import { Link } from '../../shared/components/Link';
import type { DescribedError } from '../../shared/errors';
import { useLabels } from '../../shared/labels';
import { type Officer, unlockKey } from '../../shared/session';
import { useAction } from '../../shared/use-load';

export type Workflow = Schemas['WorkflowView'];
export type Role = Officer['roles'][number];

let workflow: Promise<Workflow> | null = null;
/** The workflow (statuses, steps and what each records): loaded once per page load; a failure is retried. */
export function loadWorkflow(): Promise<Workflow> {
  workflow ??= call(api.GET('/api/v1/integrity-reports/workflow')).catch((err: unknown) => {
    workflow = null;
    throw err;
  });
  return workflow;
}

export const KEY_LOCKED = 'INTEGRITY_KEY_LOCKED';

/** The page for those without `role`: said plainly, with where to go instead (never a blank page). */
export function NotForYou({ role, title }: { role: Role; title: string }) {
  return (
    <section class="card" aria-labelledby="not-for-you">
      <h1 id="not-for-you">{title}</h1>
      <p role="alert" data-error-kind="forbidden">
        {role === 'custodian'
          ? 'หน้านี้สำหรับผู้ดูแลข้อมูลตัวตนผู้แจ้งเท่านั้น / This page is for identity custodians only.'
          : 'หน้านี้สำหรับเจ้าหน้าที่ผู้รับผิดชอบเรื่องทุจริตเท่านั้น / This page is for integrity officers only.'}
      </p>
      <p>
        <Link href="/officer">กลับไปหน้างานของฉัน / Back to my work</Link>
      </p>
    </section>
  );
}

/** "15 มีนาคม 2569 · ใกล้ครบกำหนด / Due soon" (a day and its deadline state). */
export function DueText({ day, state }: { day?: string | null; state?: string | null }) {
  const labels = useLabels();
  if (!day) return <>—</>;
  return (
    <>
      {formatDayBE(day)}
      {state && (
        <>
          {' · '}
          <span class={`deadline-state ${state}`}>{labels.both('deadlineState', state)}</span>
        </>
      )}
    </>
  );
}

const UNLOCK_IDS = { password: 'unlock-password', recoveryKey: 'unlock-recovery' };
const UNLOCK_LABELS = { password: 'รหัสผ่าน / Password', recoveryKey: 'กุญแจกู้คืน / Recovery key' };

/**
 * The API said the officer's encryption key is locked in this session: unlock it by signing in again
 * as the same officer with the password, and the recovery key if the password was reset (or make a new
 * key, after which earlier reports must be granted again). `onUnlocked` reloads the page's data.
 */
export function UnlockKey({ onUnlocked }: { onUnlocked: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [replaceKey, setReplaceKey] = useState(false);
  const [stillLocked, setStillLocked] = useState(false);
  const { run, busy, error, setError } = useAction();
  useFocusFirstInvalid(form, error);
  const errors = errorsByField(error);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!password) {
      const missing: DescribedError = {
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ โปรดแก้ไขช่องที่แจ้งไว้ / Some fields need correcting',
        lines: [],
        fields: [{ field: 'password', message: 'กรุณากรอกช่องนี้ / Required' }],
      };
      setError(missing);
      return;
    }
    const result = await run(async () => ({
      key: await unlockKey(password, {
        ...(recoveryKey.trim() ? { recoveryKey: recoveryKey.trim() } : {}),
        ...(replaceKey ? { replaceKey: true } : {}),
      }),
    }));
    if (!result) return;
    setPassword('');
    setRecoveryKey('');
    if (result.key?.status === 'locked') setStillLocked(true);
    else onUnlocked();
  };

  return (
    <form ref={form} class="card" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="unlock-title">
      <h2 id="unlock-title">
        ปลดล็อกกุญแจเข้ารหัส <span class="en">Unlock your encryption key</span>
      </h2>
      <p>
        เรื่องทุจริตถูกเข้ารหัสไว้ กุญแจของท่านยังไม่ถูกปลดล็อกในการเข้าสู่ระบบนี้ กรอกรหัสผ่านอีกครั้ง
        (และกุญแจกู้คืนหากรหัสผ่านเคยถูกตั้งใหม่){' '}
        <span class="en">
          Integrity reports are encrypted and your key is not unlocked in this session: enter your password
          again (and your recovery key if your password was reset).
        </span>
      </p>
      {stillLocked && (
        <p role="alert" class="field-error">
          รหัสผ่านเปิดกุญแจไม่ได้ เพราะรหัสผ่านถูกตั้งใหม่: กรอกกุญแจกู้คืนด้วย{' '}
          <span class="en">Your password was reset, so it cannot open the key: add your recovery key.</span>
        </p>
      )}
      <ErrorSummary error={error} fieldIds={UNLOCK_IDS} fieldLabels={UNLOCK_LABELS} />
      <PasswordField
        id="unlock-password"
        label="รหัสผ่าน"
        labelEn="Password"
        autoComplete="current-password"
        error={errors.password}
        value={password}
        onInput={setPassword}
      />
      <RecoveryKeyFields
        id="unlock-recovery"
        label="กุญแจกู้คืน (ถ้ารหัสผ่านถูกตั้งใหม่)"
        labelEn="Recovery key (if your password was reset)"
        error={errors.recoveryKey}
        recoveryKey={recoveryKey}
        onRecoveryKey={setRecoveryKey}
        replaceKey={replaceKey}
        onReplaceKey={setReplaceKey}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'กำลังปลดล็อก… / Unlocking…' : 'ปลดล็อก / Unlock'}
      </button>
    </form>
  );
}
