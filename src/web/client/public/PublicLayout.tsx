import type { ComponentChildren } from 'preact';
import { Layout } from '../shared/components/Layout';
import { CITIZEN_NAV, FOOTER_LINKS, organization, siteTitle, withOrg } from './page';

/** The frame of every citizen page: the shared Layout with the citizen navigation and the footer links. */
export function PublicLayout({ current, children }: { current: string; children: ComponentChildren }) {
  const org = organization();
  return (
    <>
      <Layout
        title={siteTitle(org.name)}
        homeHref={withOrg('/')}
        nav={CITIZEN_NAV.map((n) => ({ ...n, href: withOrg(n.href), current: n.href === current }))}
      >
        {children}
      </Layout>
      <footer class="site-footer no-print">
        <nav aria-label="ลิงก์ท้ายหน้า / Footer">
          <ul>
            {FOOTER_LINKS.map((l) => (
              <li key={l.href}>
                <a href={withOrg(l.href)}>{l.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </footer>
    </>
  );
}
