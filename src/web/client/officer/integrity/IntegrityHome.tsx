/**
 * The integrity channel's part of "my work" (/officer): the open reports an integrity officer may read
 * and the identity requests waiting for a custodian. The whole page for an officer with no other role;
 * `embedded` below the complaints of one who also works on complaints.
 */
import { api, call } from '../../shared/api';
import { formatDayBE } from '../../shared/be-date';
import { ErrorSummary } from '../../shared/components/ErrorSummary';
import { Link } from '../../shared/components/Link';
import { useLabels } from '../../shared/labels';
import { useOfficer } from '../../shared/session';
import { useLoad } from '../../shared/use-load';
import { DueText } from './common';

export function IntegrityHome({ embedded = false }: { embedded?: boolean }) {
  const officer = useOfficer();
  const labels = useLabels();
  const integrity = !!officer?.roles.includes('integrity_officer');
  const custodian = !!officer?.roles.includes('custodian');
  const reports = useLoad(
    () =>
      integrity
        ? call(api.GET('/api/v1/integrity-reports', { params: { query: { pageSize: 50 } } }))
        : Promise.resolve(null),
    [integrity],
  );
  const pending = useLoad(
    () => (custodian ? call(api.GET('/api/v1/integrity-reports/identity-requests')) : Promise.resolve(null)),
    [custodian],
  );
  const open = reports.data?.items.filter((r) => r.status !== 'closed') ?? [];
  return (
    <>
      {!embedded && (
        <h1>
          งานของฉัน <span class="en">My work</span>
        </h1>
      )}
      {integrity && (
        <section class="card" aria-labelledby="home-reports">
          <h2 id="home-reports">เรื่องทุจริตที่ยังไม่ปิด / Open integrity reports</h2>
          <ErrorSummary error={reports.error} />
          {reports.data && open.length === 0 && <p class="muted">ไม่มีเรื่องค้าง / Nothing open</p>}
          <ul class="plain">
            {open.map((r) => (
              <li key={r.id}>
                <Link href={`/officer/integrity-reports/${r.id}`}>{r.number}</Link> ·{' '}
                {labels.th('integrityStatus', r.status)} · รับ / received {formatDayBE(r.receivedOn)} ·
                ตอบภายใน / answer by <DueText day={r.firstResponseDueOn} state={r.responseDeadline} />
              </li>
            ))}
          </ul>
          <p>
            <Link href="/officer/integrity-reports">ทุกเรื่อง / All reports →</Link>
          </p>
        </section>
      )}
      {custodian && (
        <section class="card" aria-labelledby="home-requests">
          <h2 id="home-requests">คำขอเปิดเผยตัวตนที่รอพิจารณา / Identity requests waiting</h2>
          <ErrorSummary error={pending.error} />
          {pending.data && (
            <p>
              <Link href="/officer/integrity-reports/identity-requests">
                {pending.data.length} คำขอ / requests →
              </Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}
