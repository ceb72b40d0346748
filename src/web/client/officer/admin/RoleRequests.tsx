/**
 * /officer/admin/role-requests: the two-person rule for protected roles (admin, executive, integrity
 * officer, custodian). A second administrator or an executive approves or declines, with a reason; the
 * API refuses a decision by the person who asked or the person concerned (shown as its error).
 */
import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { formatDateTimeBE } from '../../shared/be-date';
import { ErrorSummary } from '../../shared/components/ErrorSummary';
import { Field } from '../../shared/components/Field';
import { useLabels } from '../../shared/labels';
import { useAction, useLoad } from '../../shared/use-load';
import { loadingText, Notice } from './common';

type Request = Schemas['RoleRequestView'];
type Status = Request['status'];

function Decide({ request, onDone }: { request: Request; onDone: (msg: string) => void }) {
  const labels = useLabels();
  const action = useAction();
  const [reason, setReason] = useState('');
  const decide = async (decision: 'approve' | 'deny') => {
    const done = await action.run(() =>
      call(
        api.POST('/api/v1/role-requests/{id}/decision', {
          params: { path: { id: request.id } },
          body: { decision, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        }),
      ),
    );
    if (done)
      onDone(
        `${labels.both('roleRequestStatus', done.status)}: ${labels.th('role', done.role)} — ${done.user.displayName}`,
      );
  };
  const id = `reason-${request.id}`;
  return (
    <li class="card" aria-label={`${request.user.displayName}: ${labels.th('role', request.role)}`}>
      <h3>
        {request.user.displayName} → {labels.th('role', request.role)}
      </h3>
      <p class="muted">
        {request.user.email} · ขอโดย / asked by {request.requestedBy.displayName} ·{' '}
        {formatDateTimeBE(request.requestedAt)}
      </p>
      {request.status === 'pending' ? (
        <>
          <ErrorSummary error={action.error} />
          <Field id={id} label="เหตุผล" labelEn="Reason">
            {(p) => (
              <textarea {...p} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            )}
          </Field>
          <div class="actions">
            <button type="button" disabled={action.busy} onClick={() => void decide('approve')}>
              อนุมัติ / Approve
            </button>
            <button
              type="button"
              class="secondary"
              disabled={action.busy}
              onClick={() => void decide('deny')}
            >
              ไม่อนุมัติ / Decline
            </button>
          </div>
        </>
      ) : (
        <p>
          {labels.both('roleRequestStatus', request.status)}
          {request.decidedBy && ` · ${request.decidedBy.displayName}`}
          {request.decidedAt && ` · ${formatDateTimeBE(request.decidedAt)}`}
          {request.decisionReason && ` · ${request.decisionReason}`}
        </p>
      )}
    </li>
  );
}

export function RoleRequests() {
  const labels = useLabels();
  const [status, setStatus] = useState<Status>('pending');
  const list = useLoad(
    () => call(api.GET('/api/v1/role-requests', { params: { query: { status } } })),
    [status],
  );
  const [notice, setNotice] = useState('');
  return (
    <>
      <h1>คำขอบทบาท / Role requests</h1>
      <p class="muted">
        บทบาทผู้ดูแลระบบ ผู้บริหาร เจ้าหน้าที่รับเรื่องทุจริต และผู้เก็บรักษาข้อมูลผู้แจ้ง ต้องมีผู้อนุมัติคนที่สอง{' '}
        <span class="en">Protected roles need a second person's approval.</span>
      </p>
      <Field id="rr-status" label="แสดง" labelEn="Show">
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value as Status)}>
            {Object.keys(labels.table.roleRequestStatus ?? {}).map((s) => (
              <option key={s} value={s}>
                {labels.both('roleRequestStatus', s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Notice>{notice}</Notice>
      <ErrorSummary error={list.error} />
      {list.loading && !list.data && loadingText}
      {list.data && list.data.length === 0 && <p class="card">ไม่มีคำขอ / No requests</p>}
      {list.data && (
        <ul class="plain">
          {list.data.map((r) => (
            <Decide
              key={r.id}
              request={r}
              onDone={(msg) => {
                setNotice(msg);
                list.reload();
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}
