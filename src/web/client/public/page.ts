/** What the server writes into every citizen page (src/web/web-pages.ts fills {{ORG_SLUG}} and {{ORG_NAME}}). */
export const organization = (): { slug: string; name: string } => ({
  slug: document.body.dataset.org ?? '',
  name: document.body.dataset.orgName ?? '',
});

/** The header title of the citizen pages. */
export const siteTitle = (orgName: string): string => `ศูนย์รับเรื่องร้องเรียน/ร้องทุกข์ · ${orgName}`;

/** The header navigation of the citizen pages. */
export const CITIZEN_NAV = [
  { href: '/', label: 'หน้าแรก / Home' },
  { href: '/complain', label: 'ยื่นเรื่อง / File' },
  { href: '/track', label: 'ติดตามเรื่อง / Track' },
  { href: '/statistics', label: 'สถิติ / Statistics' },
  { href: '/handbook', label: 'คู่มือ / Handbook' },
];

/** The footer of every citizen page: the handbooks, the statistics, the corruption channel. */
export const FOOTER_LINKS = [
  { href: '/handbook', label: 'คู่มือการจัดการเรื่องร้องเรียน/ร้องทุกข์ / Complaints handbook' },
  { href: '/handbook#integrity', label: 'คู่มือการแจ้งเบาะแสการทุจริต / Corruption-report handbook' },
  { href: '/statistics', label: 'สถิติเรื่องร้องเรียน / Complaint statistics' },
  { href: '/report', label: 'แจ้งเบาะแสการทุจริต / Report corruption' },
];

/** `?org=slug` for a link to another citizen page of the same organisation (kept when the page had one). */
export function withOrg(href: string): string {
  const org = new URLSearchParams(location.search).get('org');
  if (!org) return href;
  const [path, hash] = href.split('#');
  return `${path}${path.includes('?') ? '&' : '?'}org=${encodeURIComponent(org)}${hash ? `#${hash}` : ''}`;
}

/** A route that answers JSON or (with `format=csv`/`html`) text: the JSON, or an error when text came back. */
export function jsonOnly<T>(data: T | string): T {
  if (typeof data === 'string') throw new Error('expected JSON');
  return data;
}
