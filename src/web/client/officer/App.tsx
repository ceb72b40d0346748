/**
 * The officers' console: one page for /officer and /officer/*, routed in the browser (shared/router.ts).
 * Paths not ported yet (a case's page, the integrity console) are still served by the legacy console
 * (src/web/public/officer.js) from the server, so links to them are plain <a> (a full page load).
 */
import { useEffect, useState } from 'preact/hooks';
import { Layout, type NavItem } from '../shared/components/Layout';
import { Link } from '../shared/components/Link';
import type { Schemas } from '../shared/api';
import { describeError, type DescribedError } from '../shared/errors';
import { ErrorSummary } from '../shared/components/ErrorSummary';
import { match, useLocation } from '../shared/router';
import { resume, signOut, takeKeyNotice, useOfficer } from '../shared/session';
import { ADMIN_ROUTES, adminNav } from './admin/routes';
import { CaseList } from './CaseList';
import { CasePage } from './CasePage';
import { Intake } from './Intake';
import { Letter } from './Letter';
import { loadMemberships, MyOrganizations } from './MyOrganizations';
import { EditOrganization, NewOrganization, OperatorOrganizations } from './operator/Organizations';
import { SetPassword } from './SetPassword';
import { Slip } from './Slip';
import { SignIn } from './SignIn';
import { useLoad } from '../shared/use-load';

const TITLE = 'ระบบงานเจ้าหน้าที่ / Officer console';

/** The console's own pages; `path` patterns as in shared/router.ts's `match`. */
const ROUTES = [
  { path: '/officer', page: CaseList },
  { path: '/officer/complaints', page: CaseList },
  // intake, the case page and its printable documents (U15a: officer/Intake, CasePage, Slip, Letter)
  { path: '/officer/intake', page: Intake },
  { path: '/officer/complaints/:id', page: CasePage },
  { path: '/officer/complaints/:id/slip', page: Slip },
  { path: '/officer/complaints/:id/letter/:kind', page: Letter },
  { path: '/officer/organizations', page: MyOrganizations },
  ...ADMIN_ROUTES,
];
/** The deployment operator's pages (only for operators: OPERATOR_EMAILS); `new` before `:id`. */
const OPERATOR_ROUTES = [
  { path: '/officer/operator/organizations', page: OperatorOrganizations },
  { path: '/officer/operator/organizations/new', page: NewOrganization },
  { path: '/officer/operator/organizations/:id', page: EditOrganization },
];
/** The landing page of invitation and reset links: shown signed in or not (src/users/account-links.service.ts). */
const SET_PASSWORD_PATH = '/officer/set-password';

export function App() {
  const location = useLocation();
  // the link's page needs no session and must not start one: the token is the credential
  if (location.path === SET_PASSWORD_PATH)
    return (
      <Layout title={TITLE} homeHref="/officer">
        <SetPassword />
      </Layout>
    );
  return <Console />;
}

function Console() {
  const officer = useOfficer();
  const location = useLocation();
  const memberships = useLoad(() => (officer ? loadMemberships() : Promise.resolve([])), [officer?.id]);
  const [resuming, setResuming] = useState(true);
  const [error, setError] = useState<DescribedError | null>(null);
  const [keyNotice, setKeyNotice] = useState<Schemas['IntegrityKeyView'] | null>(null);
  useEffect(() => {
    if (officer) setKeyNotice(takeKeyNotice());
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
  if (officer.roles.some((r) => r === 'intake' || r === 'supervisor'))
    nav.push({ href: '/officer/intake', label: 'รับเรื่อง / Intake' });
  if (officer.roles.some((r) => r === 'integrity_officer' || r === 'custodian'))
    nav.push({ href: '/officer/integrity-reports', label: 'แจ้งเบาะแสทุจริต / Integrity reports' });
  nav.push(...adminNav(officer));
  if ((memberships.data?.length ?? 0) > 1)
    nav.push({ href: '/officer/organizations', label: 'เปลี่ยนหน่วยงาน / Switch organisation' });
  if (officer.operator)
    nav.push({ href: '/officer/operator/organizations', label: 'หน่วยงานทั้งหมด / All organisations' });
  const routes = officer.operator ? [...ROUTES, ...OPERATOR_ROUTES] : ROUTES;
  const routed = routes.find((r) => match(r.path, location.path));
  for (const item of nav)
    item.current =
      item.href === location.path ||
      (item.href === '/officer/admin' && location.path.startsWith('/officer/admin/')) ||
      (item.href === '/officer/operator/organizations' && location.path.startsWith(`${item.href}/`));

  return (
    <Layout
      title={TITLE}
      homeHref="/officer"
      nav={nav}
      // the integrity console is still the legacy page: a full load, not a console route
      renderLink={(item) =>
        routes.some((r) => r.path === item.href) ? (
          <Link href={item.href}>{item.label}</Link>
        ) : (
          <a href={item.href}>{item.label}</a>
        )
      }
      actions={
        <>
          <span class="muted">
            {officer.displayName}
            {/* a person with several organisations sees which one they are working in */}
            {(memberships.data?.length ?? 0) > 1 &&
              ` · ${memberships.data?.find((m) => m.current)?.nameTh ?? ''}`}
          </span>
          <button type="button" class="secondary" onClick={() => void signOut()}>
            ออกจากระบบ / Sign out
          </button>
        </>
      }
    >
      {keyNotice && (
        <section class="card" role="status">
          {keyNotice.recoveryKey ? (
            <>
              <h2>
                กุญแจกู้คืนของท่าน (แสดงครั้งเดียว จดเก็บไว้ในที่ปลอดภัย){' '}
                <span class="en">Your recovery key (shown once; keep it safe)</span>
              </h2>
              <p class="code">{keyNotice.recoveryKey}</p>
            </>
          ) : (
            <p>
              รหัสผ่านของท่านถูกตั้งใหม่ กุญแจเข้ารหัสจึงยังล็อกอยู่: ออกจากระบบแล้วเข้าใหม่พร้อมกุญแจกู้คืน{' '}
              <span class="en">
                Your password was reset, so your encryption key is locked: sign out and sign in again with
                your recovery key.
              </span>
            </p>
          )}
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
