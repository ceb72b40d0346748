/** /officer/admin: the administrator's index of the administration pages. */
import { Link } from '../../shared/components/Link';

const PAGES = [
  ['/officer/admin/users', 'ผู้ใช้งาน', 'Users: invite, roles, deactivate'],
  ['/officer/admin/role-requests', 'คำขอบทบาท', 'Role requests (second approval)'],
  ['/officer/admin/units', 'หน่วยงาน', 'Units'],
  ['/officer/admin/categories', 'ประเภทเรื่องและการส่งต่อ', 'Categories and routing'],
  ['/officer/admin/holidays', 'วันหยุด', 'Holidays'],
  ['/officer/admin/settings', 'ตั้งค่าองค์กร', 'Organisation settings'],
  ['/officer/admin/mail', 'อีเมลที่ส่งไม่สำเร็จ', 'Failed mail'],
  ['/officer/audit', 'บันทึกการใช้งาน', 'Audit trail'],
] as const;

export function AdminHome() {
  return (
    <>
      <h1>ผู้ดูแลระบบ / Administration</h1>
      <ul class="card link-list">
        {PAGES.map(([href, th, en]) => (
          <li key={href}>
            <Link href={href}>
              {th} <span class="en">{en}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
