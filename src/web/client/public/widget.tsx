/**
 * /orgs/{slug}/widget: the embeddable figures an organisation puts on its own website with one line
 * (`<iframe src=".../orgs/{slug}/widget">`, shown on the statistics page). The only page another site
 * may frame (web-pages.ts relaxes frame-ancestors for it alone). Links open the full statistics.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../shared/styles.css';
import './public.css';
import { api, call, type Schemas } from '../shared/api';
import { inlinedOr } from '../shared/initial-data';
import { describeError } from '../shared/errors';
import { jsonOnly, organization } from './page';

function Widget() {
  const org = organization();
  const [stats, setStats] = useState<Schemas['ComplaintStatisticsView'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    inlinedOr('widget', () =>
      call(
        api.GET('/api/v1/orgs/{orgSlug}/statistics/complaints', { params: { path: { orgSlug: org.slug } } }),
      ).then(jsonOnly),
    ).then(setStats, (err: unknown) => setError(describeError(err).title));
  }, [org.slug]);
  const f = stats?.figures;
  const full = `${location.origin}/statistics?org=${encodeURIComponent(org.slug)}`;
  return (
    <main class="card widget">
      <h1>สถิติเรื่องร้องเรียน {org.name}</h1>
      {error && <p role="alert">{error}</p>}
      {!stats && !error && <p role="status">กำลังโหลด… / Loading…</p>}
      {stats && f && (
        <>
          <p class="muted">ปีงบประมาณ {stats.period.fiscalYear}</p>
          <dl class="figures">
            <div>
              <dt>รับเรื่อง / Received</dt>
              <dd data-testid="widget-received">{f.received}</dd>
            </div>
            <div>
              <dt>ดำเนินการอยู่ / In progress</dt>
              <dd>{f.open}</dd>
            </div>
            <div>
              <dt>ตอบทันกำหนด / On time</dt>
              <dd>{f.deadline.compliancePercent === null ? '–' : `${f.deadline.compliancePercent}%`}</dd>
            </div>
          </dl>
        </>
      )}
      <p>
        <a href={full} target="_blank" rel="noopener">
          ดูสถิติทั้งหมด / All statistics
        </a>
      </p>
    </main>
  );
}

render(<Widget />, document.getElementById('app')!);
