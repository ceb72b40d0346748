import type { ComponentChildren } from 'preact';

export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

interface Props {
  /** the site name in the header (links home) */
  title: string;
  homeHref: string;
  /** header navigation; not rendered at all when absent (e.g. before sign-in) */
  nav?: NavItem[];
  /** right side of the header (who is signed in, sign-out) */
  actions?: ComponentChildren;
  /** renders a nav item; the console passes one that navigates without reloading */
  renderLink?: (item: NavItem) => ComponentChildren;
  children: ComponentChildren;
}

/** The page frame of every page: a skip link, the header with its navigation, and `<main>`. */
export function Layout({ title, homeHref, nav, actions, renderLink, children }: Props) {
  return (
    <>
      <a class="skip-link" href="#main">
        ข้ามไปเนื้อหา / Skip to content
      </a>
      <header class="site-header">
        <a class="site-title" href={homeHref}>
          {title}
        </a>
        {nav && nav.length > 0 && (
          <nav aria-label="เมนูหลัก / Main menu">
            <ul>
              {nav.map((item) => (
                <li key={item.href} aria-current={item.current ? 'page' : undefined}>
                  {renderLink ? renderLink(item) : <a href={item.href}>{item.label}</a>}
                </li>
              ))}
            </ul>
          </nav>
        )}
        {actions && <div class="header-actions">{actions}</div>}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
