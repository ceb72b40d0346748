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
];
