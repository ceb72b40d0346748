import type { ComponentChildren } from 'preact';
import { Layout } from '../shared/components/Layout';
import { organization } from './page';

/** Where the reporter follows up: the organisation is in the path (src/web/web-pages.ts). */
export const followUpHref = (slug: string): string => `/orgs/${encodeURIComponent(slug)}/integrity/follow-up`;

/**
 * The frame of the integrity channel's two pages (/report and the follow-up): kept apart from the
 * complaint pages, with only this channel's own links. No storage, no third-party request.
 */
export function IntegrityLayout({
  current,
  children,
}: {
  current: 'report' | 'follow-up';
  children: ComponentChildren;
}) {
  const org = organization();
  const report = `/report?org=${encodeURIComponent(org.slug)}`;
  return (
    <Layout
      title={`ช่องทางแจ้งเบาะแสการทุจริต · ${org.name}`}
      homeHref={report}
      nav={[
        { href: report, label: 'แจ้งเบาะแส / Report', current: current === 'report' },
        { href: followUpHref(org.slug), label: 'ติดตามเบาะแส / Follow up', current: current === 'follow-up' },
        { href: `/handbook?org=${encodeURIComponent(org.slug)}#integrity`, label: 'คู่มือ / Handbook' },
      ]}
    >
      {children}
    </Layout>
  );
}

/** The 16-digit receipt in groups of four: `4821 0937 5512 0046`. */
export const formatReceipt = (receipt: string): string =>
  receipt.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');

/** The error classes worth a "try again" button (the same request may succeed later). */
export const retryable = (kind: string): boolean =>
  ['network', 'server', 'bad-response', 'rate-limited'].includes(kind);
