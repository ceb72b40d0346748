/**
 * The officers' console: one page for /officer and /officer/*, routed in the browser (shared/router.ts).
 * Paths not ported yet (a case's page, the integrity console) are still served by the legacy console
 * (src/web/public/officer.js) from the server, so links to them are plain <a> (a full page load).
 */
import { useEffect, useState } from 'preact/hooks';
import { Layout, type NavItem } from '../shared/components/Layout';
import { Link } from '../shared/components/Link';
import { describeError, type DescribedError } from '../shared/errors';
import { ErrorSummary } from '../shared/components/ErrorSummary';
import { match, useLocation } from '../shared/router';
import { resume, signOut, takeRecoveryKey, useOfficer } from '../shared/session';
import { CaseList } from './CaseList';
import { SignIn } from './SignIn';

const TITLE = 'ระบบงานเจ้าหน้าที่ / Officer console';

/** The console's own pages; `path` patterns as in shared/router.ts's `match`. */
const ROUTES = [
  { path: '/officer', page: CaseList },
  { path: '/officer/complaints', page: CaseList },
];

export function App() {
  const officer = useOfficer();
  const location = useLocation();
  const [resuming, setResuming] = useState(true);
  const [error, setError] = useState<DescribedError | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  useEffect(() => {
    if (officer) setRecoveryKey(takeRecoveryKey());
  }, [officer]);

  useEffect(() => {
    resume()
      .catch((err: unknown) => setError(describeError(err)))
      .finally(() => setResuming(false));
  }, []);

  useEffect(() => {
    document.title = `${TITLE} — Rongrian`;
  }, [location.path]);

  if (resuming)
    return (
      <Layout title={TITLE} homeHref="/officer">
        <p aria-live="polite">กำลังโหลด… / Loading…</p>
      </Layout>
    );
  if (!officer)
    return (
      <Layout title={TITLE} homeHref="/officer">
        <ErrorSummary error={error} />
        <SignIn />
      </Layout>
    );

  const nav: NavItem[] = [
    { href: '/officer', label: 'งานของฉัน / My work' },
    { href: '/officer/complaints', label: 'เรื่องร้องเรียน / Complaints' },
  ];
  if (officer.roles.some((r) => r === 'integrity_officer' || r === 'custodian'))
    nav.push({ href: '/officer/integrity-reports', label: 'แจ้งเบาะแสทุจริต / Integrity reports' });
  const routed = ROUTES.find((r) => match(r.path, location.path));
  for (const item of nav) item.current = item.href === location.path;

  return (
    <Layout
      title={TITLE}
      homeHref="/officer"
      nav={nav}
      // the integrity console is still the legacy page: a full load, not a console route
      renderLink={(item) =>
        ROUTES.some((r) => r.path === item.href) ? (
          <Link href={item.href}>{item.label}</Link>
        ) : (
          <a href={item.href}>{item.label}</a>
        )
      }
      actions={
        <>
          <span class="muted">{officer.displayName}</span>
          <button type="button" class="secondary" onClick={() => void signOut()}>
            ออกจากระบบ / Sign out
          </button>
        </>
      }
    >
      {recoveryKey && (
        <section class="card" role="status">
          <h2>รหัสกู้คืนกุญแจ (จดเก็บไว้ในที่ปลอดภัย แสดงครั้งเดียว) / Your recovery key (shown once)</h2>
          <p class="code">{recoveryKey}</p>
        </section>
      )}
      {routed ? (
        <routed.page />
      ) : (
        <section class="card">
          <h1>ไม่พบหน้านี้ / Page not found</h1>
          <p>
            <Link href="/officer">กลับไปหน้างานของฉัน / Back to my work</Link>
          </p>
        </section>
      )}
    </Layout>
  );
}
