/**
 * The custodians' page (/officer/integrity-reports/identity-requests): requests to disclose a
 * reporter's identity, pending first (or approved, denied), each with the written justification only —
 * custodians never see the report — and the decision form (approve or deny, with a reason) on the
 * requests of others. A 409 (decided meanwhile) reloads the list.
 */
import '../work.css';
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { formatDateTimeBE, formatDayBE } from '../../shared/be-date';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import { navigate, useLocation } from '../../shared/router';
import { type Officer, useOfficer } from '../../shared/session';
import { useAction, useLoad } from '../../shared/use-load';
import { loadingText } from '../admin/common';
import { KEY_LOCKED, NotForYou, UnlockKey } from './common';
import { requestStatus } from './ReportParts';

type Request = Schemas['IdentityRequestView'];
const STATUSES: Request['status'][] = ['pending', 'approved', 'denied'];

export function IdentityRequestsPage() {
  const officer = useOfficer();
  if (!officer?.roles.includes('custodian'))
    return <NotForYou role="custodian" title="คำขอเปิดเผยตัวตนผู้แจ้ง / Identity requests" />;
  return <Requests me={officer} />;
}

function Requests({ me }: { me: Officer }) {
  const { query } = useLocation();
  const wanted = query.get('status') ?? '';
  const status = (STATUSES as string[]).includes(wanted) ? (wanted as Request['status']) : 'pending';
  const list = useLoad(
    () => call(api.GET('/api/v1/integrity-reports/identity-requests', { params: { query: { status } } })),
    [status],
  );
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <h1>
        คำขอเปิดเผยตัวตนผู้แจ้ง <span class="en">Requests to disclose a reporter’s identity</span>
      </h1>
      <p class="muted">
        ผู้ดูแลข้อมูลไม่เห็นเนื้อหาของเรื่อง พิจารณาจากเหตุผลที่ผู้ขอให้ไว้เท่านั้น{' '}
        <span class="en">Custodians never see the report; decide on the written justification.</span>
      </p>
      <div class="card filters">
        <Field id="r-status" label="แสดง" labelEn="Show">
          {(p) => (
            <select
              {...p}
              value={status}
              onChange={(e) =>
                navigate(`/officer/integrity-reports/identity-requests?status=${e.currentTarget.value}`)
              }
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {requestStatus(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      <ErrorSummary error={list.error} />
      {list.error && (
        <button type="button" class="secondary" onClick={list.reload}>
          ลองใหม่ / Try again
        </button>
      )}
      {!list.data && !list.error && loadingText}
      {list.data && list.data.length === 0 && (
        <section class="card">
          <p class="muted">ไม่มีคำขอ / No requests</p>
        </section>
      )}
      {list.data?.map((q) => (
        <section class="card" key={q.id} aria-labelledby={`q-${q.id}`}>
          <h2 id={`q-${q.id}`}>
            {q.reportNumber} <span class="status-badge">{requestStatus(q.status)}</span>
          </h2>
          <dl class="facts">
            <dt>ผู้ขอ / Requested by</dt>
            <dd>{q.requestedBy.displayName}</dd>
            <dt>วันที่ขอ / Requested on</dt>
            <dd>{formatDayBE(q.requestedOn)}</dd>
            {q.decidedBy && (
              <>
                <dt>ผู้พิจารณา / Decided by</dt>
                <dd>
                  {q.decidedBy.displayName} · {formatDayBE(q.decidedOn)}
                </dd>
                <dt>เหตุผลการพิจารณา / Decision reason</dt>
                <dd>{q.decisionReason ?? '—'}</dd>
              </>
            )}
            {q.accessUntil && (
              <>
                <dt>อ่านได้ถึง / Readable until</dt>
                <dd>{formatDateTimeBE(q.accessUntil)}</dd>
              </>
            )}
          </dl>
          <h3>เหตุผลความจำเป็น / Justification</h3>
          <p class="pre">{q.justification}</p>
          {q.status === 'pending' &&
            (q.requestedBy.id === me.id ? (
              <p class="muted">
                คำขอของท่านเอง ผู้ดูแลข้อมูลท่านอื่นต้องพิจารณา / Your own request: another custodian decides
              </p>
            ) : (
              <Decision
                request={q}
                onDone={(message) => {
                  setDone(message);
                  list.reload();
                }}
                onConflict={list.reload}
              />
            ))}
        </section>
      ))}
    </>
  );
}

const REQUIRED = 'กรุณากรอกช่องนี้ / Required';

function Decision({
  request,
  onDone,
  onConflict,
}: {
  request: Request;
  onDone: (message: string) => void;
  onConflict: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [decision, setDecision] = useState<'approve' | 'deny' | ''>('');
  const [reason, setReason] = useState('');
  const { run, busy, error, setError } = useAction();
  useFocusFirstInvalid(form, error);
  const errors = errorsByField(error);
  const ids = { decision: `d-${request.id}-approve`, reason: `d-${request.id}-reason` };

  const submit = async (e: Event) => {
    e.preventDefault();
    const fields = [
      ...(decision ? [] : [{ field: 'decision', message: REQUIRED }]),
      ...(reason.trim().length >= 5
        ? []
        : [
            {
              field: 'reason',
              message: reason.trim() ? 'อย่างน้อย 5 ตัวอักษร / At least 5 characters' : REQUIRED,
            },
          ]),
    ];
    if (fields.length || !decision) {
      setError({
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ โปรดแก้ไขช่องที่แจ้งไว้ / Some fields need correcting',
        lines: [],
        fields,
      });
      return;
    }
    let conflict = false;
    const decided = await run(async () => {
      try {
        return await call(
          api.POST('/api/v1/integrity-reports/identity-requests/{requestId}/decision', {
            params: { path: { requestId: request.id } },
            body: { decision, reason: reason.trim() },
          }),
        );
      } catch (err) {
        conflict = (err as { status?: number }).status === 409;
        throw err;
      }
    });
    if (decided)
      onDone(
        `บันทึกการพิจารณาแล้ว: ${request.reportNumber} — ${requestStatus(decided.status)} / Decision recorded`,
      );
    else if (conflict) onConflict();
  };

  return (
    <>
      <form ref={form} class="action-form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary
          error={
            error?.kind === 'conflict'
              ? { ...error, lines: [...error.lines, 'โหลดรายการล่าสุดแล้ว / The list has been reloaded'] }
              : error
          }
          fieldIds={ids}
          fieldLabels={{ decision: 'การพิจารณา / Decision', reason: 'เหตุผล / Reason' }}
        />
        <fieldset>
          <legend>
            การพิจารณา <span class="en">Decision</span> <span aria-hidden="true">*</span>
          </legend>
          {errors.decision && <p class="field-error">{errors.decision}</p>}
          <label class="check">
            <input
              type="radio"
              id={ids.decision}
              name={`d-${request.id}`}
              checked={decision === 'approve'}
              aria-invalid={errors.decision ? 'true' : undefined}
              onChange={() => setDecision('approve')}
            />{' '}
            อนุมัติ (ผู้ขออ่านได้ 48 ชั่วโมง) / Approve (readable for 48 hours)
          </label>
          <label class="check">
            <input
              type="radio"
              name={`d-${request.id}`}
              checked={decision === 'deny'}
              onChange={() => setDecision('deny')}
            />{' '}
            ไม่อนุมัติ / Deny
          </label>
        </fieldset>
        <Field id={ids.reason} label="เหตุผล" labelEn="Reason" required error={errors.reason}>
          {(p) => (
            <textarea {...p} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'กำลังบันทึก… / Saving…' : `บันทึกการพิจารณา / Record the decision: ${request.reportNumber}`}
        </button>
      </form>
      {/* approving passes the identity key on with the custodian's own key: unlock it, then send again */}
      {error?.code === KEY_LOCKED && <UnlockKey onUnlocked={() => setError(null)} />}
    </>
  );
}
