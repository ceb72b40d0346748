/** Small pieces the administration pages share: the success notice, the units list, role names. */
import type { ComponentChildren } from 'preact';
import { api, call, type Schemas } from '../../shared/api';
import { Link } from '../../shared/components/Link';
import { useLoad } from '../../shared/use-load';

export type Role = Schemas['UserView']['roles'][number];

/** A success message read out by screen readers (role="status"). */
export function Notice({ children }: { children: ComponentChildren }) {
  return children ? (
    <p class="notice" role="status">
      {children}
    </p>
  ) : null;
}

/** The organisation's units (active and not), for pickers and names. */
export function useUnits() {
  return useLoad(() => call(api.GET('/api/v1/units')), []);
}

export const unitName = (u: { nameTh: string; nameEn: string | null } | null | undefined): string =>
  u ? u.nameTh : '—';

/** "← Administration" above each administration page. */
export function BackToAdmin() {
  return (
    <p class="no-print">
      <Link href="/officer/admin">← ผู้ดูแลระบบ / Administration</Link>
    </p>
  );
}

/** Shown while a page loads. */
export const loadingText = <p aria-live="polite">กำลังโหลด… / Loading…</p>;

/**
 * A table that scrolls sideways in its own box (never the page): focusable and named, so a keyboard
 * user can scroll it too (axe: scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
