/**
 * What the printable documents share (the slip, the result letter, the referral letter): the case read
 * once, the paper size chosen on the page (A4 or A5, `@page size`), a print button, a way back.
 */
import './work.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../shared/api';
import { ErrorSummary } from '../shared/components/ErrorSummary';
import { Link } from '../shared/components/Link';
import { describeError, type DescribedError } from '../shared/errors';
import { match, useLocation } from '../shared/router';
import { type Organization, useOrganization } from './org';

export type Case = Schemas['ComplaintDetailView'];
type Paper = 'A4' | 'A5';

/** The case of the current path (`/officer/complaints/:id/...`) and the organisation. */
export function usePrintedCase(pattern: string) {
  const { path } = useLocation();
  const params = match(pattern, path) ?? {};
  const [error, setError] = useState<DescribedError | null>(null);
  const org = useOrganization((err) => setError(describeError(err)));
  const [item, setItem] = useState<Case | null>(null);
  useEffect(() => {
    if (!params.id) return;
    call(api.GET('/api/v1/complaints/{id}', { params: { path: { id: params.id } } }))
      .then(setItem)
      .catch((err: unknown) => setError(describeError(err)));
  }, [params.id]);
  return { params, org, item, error };
}

export function PrintPage({
  title,
  caseId,
  error,
  ready,
  defaultPaper = 'A4',
  children,
}: {
  title: string;
  caseId?: string;
  error: DescribedError | null;
  ready: boolean;
  defaultPaper?: Paper;
  children: ComponentChildren;
}) {
  const [paper, setPaper] = useState<Paper>(defaultPaper);
  return (
    <>
      <style id="paper-size">{`@page { size: ${paper}; margin: ${paper === 'A4' ? '20mm' : '12mm'}; }`}</style>
      <div class="no-print print-tools">
        <h1>{title}</h1>
        {caseId && <Link href={`/officer/complaints/${caseId}`}>← กลับไปที่เรื่อง / Back to the case</Link>}
        <fieldset class="paper">
          <legend>ขนาดกระดาษ / Paper</legend>
          {(['A4', 'A5'] as const).map((p) => (
            <label key={p} class="check">
              <input type="radio" name="paper" value={p} checked={paper === p} onChange={() => setPaper(p)} />{' '}
              {p}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => window.print()} disabled={!ready}>
          พิมพ์ / Print
        </button>
      </div>
      <ErrorSummary error={error} />
      {!ready && !error && <p aria-live="polite">กำลังโหลด… / Loading…</p>}
      {ready && <article class={`document paper-${paper.toLowerCase()}`}>{children}</article>}
    </>
  );
}

/** The organisation's letterhead. */
export function Letterhead({ org }: { org: Organization }) {
  return (
    <header class="letterhead">
      <p class="org-name">{org.nameTh}</p>
      {org.nameEn && <p class="en">{org.nameEn}</p>}
    </header>
  );
}
