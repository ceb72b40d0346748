/**
 * The administration, dashboard and audit pages of the console (issue 15): their paths, and the menu
 * items each role sees. App.tsx spreads these into its routes and its menu.
 */
import type { FunctionComponent } from 'preact';
import type { NavItem } from '../../shared/components/Layout';
import type { Officer } from '../../shared/session';
import { AdminHome } from './AdminHome';
import { AnnualReport } from './AnnualReport';
import { AuditTrail } from './AuditTrail';
import { Categories } from './Categories';
import { Dashboard } from './Dashboard';
import { FailedMail } from './FailedMail';
import { Holidays } from './Holidays';
import { RoleRequests } from './RoleRequests';
import { Settings } from './Settings';
import { Units } from './Units';
import { Users } from './Users';

type Role = Officer['roles'][number];

export const ADMIN_ROUTES: { path: string; page: FunctionComponent }[] = [
  { path: '/officer/admin', page: AdminHome },
  { path: '/officer/admin/users', page: Users },
  { path: '/officer/admin/role-requests', page: RoleRequests },
  { path: '/officer/admin/units', page: Units },
  { path: '/officer/admin/categories', page: Categories },
  { path: '/officer/admin/holidays', page: Holidays },
  { path: '/officer/admin/settings', page: Settings },
  { path: '/officer/admin/mail', page: FailedMail },
  { path: '/officer/annual-report', page: AnnualReport },
  { path: '/officer/audit', page: AuditTrail },
  { path: '/officer/dashboard', page: Dashboard },
];

const has = (officer: Officer, ...roles: Role[]) => officer.roles.some((r) => roles.includes(r));

/** The menu items of these pages for `officer` (each only for the roles its API route admits). */
export function adminNav(officer: Officer): NavItem[] {
  const nav: NavItem[] = [];
  if (has(officer, 'executive', 'supervisor', 'admin'))
    nav.push({ href: '/officer/dashboard', label: 'ภาพรวม / Dashboard' });
  if (has(officer, 'admin')) nav.push({ href: '/officer/admin', label: 'ผู้ดูแลระบบ / Administration' });
  else if (has(officer, 'executive'))
    nav.push({ href: '/officer/admin/role-requests', label: 'คำขอบทบาท / Role requests' });
  if (has(officer, 'supervisor', 'executive'))
    nav.push({ href: '/officer/annual-report', label: 'รายงานประจำปี / Annual report' });
  if (has(officer, 'admin', 'supervisor'))
    nav.push({ href: '/officer/audit', label: 'บันทึกการใช้งาน / Audit trail' });
  return nav;
}
