/**
 * The report page's lower parts: evidence files (thumbnails, audited downloads, officers' uploads),
 * who can read the report (grants and recusals) and the requests to learn the reporter's identity.
 */
import { useState } from 'preact/hooks';
import { api, call, getAccessToken, type Schemas } from '../../shared/api';
import { AttachmentList, chosenProblem, fieldText, FilePicker, uploadFiles } from '../../shared/attachments';
import { useLabels } from '../../shared/labels';
import { formatDateTimeBE, formatDayBE } from '../../shared/be-date';
import { ErrorSummary } from '../../shared/components/ErrorSummary';
import { describeError, type DescribedError } from '../../shared/errors';
import type { Officer } from '../../shared/session';
import { useAction, useLoad } from '../../shared/use-load';
import { TextForm } from './TextForm';

type Evidence = Schemas['AttachmentView'];

/** Evidence files: every preview and download is audited by the API; officers may add documents. */
export function EvidenceFiles({ reportId, canAdd }: { reportId: string; canAdd: boolean }) {
  const labels = useLabels();
  const files = useLoad(
    () => call(api.GET('/api/v1/integrity-reports/{id}/attachments', { params: { path: { id: reportId } } })),
    [reportId],
  );
  const [chosen, setChosen] = useState<File[]>([]);
  const [status, setStatus] = useState('');
  const upload = useAction();
  const focusField = () => document.getElementById('evidence-input')?.focus();

  const send = async (e: Event) => {
    e.preventDefault();
    setStatus('');
    const problem = chosen.length ? chosenProblem(chosen) : 'โปรดเลือกไฟล์ / Choose a file';
    if (problem) {
      upload.setError({ kind: 'validation', title: problem, lines: [], fields: [] });
      return focusField();
    }
    const added = await upload.run(() =>
      uploadFiles<Evidence[]>(
        `/api/v1/integrity-reports/${encodeURIComponent(reportId)}/attachments`,
        chosen,
        getAccessToken(),
      ),
    );
    if (!added) return focusField();
    setChosen([]);
    setStatus(`แนบแล้ว ${added.length} ไฟล์ / ${added.length} file(s) attached`);
    files.reload();
  };

  return (
    <section class="card" aria-labelledby="evidence-files">
      <h2 id="evidence-files">ไฟล์หลักฐาน / Evidence files</h2>
      <p class="muted">
        ทุกการเปิดดูและดาวน์โหลดถูกบันทึก <span class="en">Every preview and download is audited.</span>
      </p>
      <ErrorSummary error={files.error} />
      {files.data && files.data.length === 0 && <p class="muted">ยังไม่มีไฟล์ / No files yet</p>}
      {files.data && files.data.length > 0 && (
        <AttachmentList
          files={files.data}
          token={getAccessToken()}
          testId="evidence-files"
          thumbnailTestId="evidence-thumbnail"
          details={(f) => ` · ${labels.both('attachmentSource', f.source)} · ${formatDayBE(f.attachedOn)}`}
        />
      )}
      {canAdd && (
        <form noValidate onSubmit={(e) => void send(e)}>
          <FilePicker
            id="evidence-input"
            label="แนบเอกสารหรือหลักฐาน (เข้ารหัสไว้)"
            labelEn="Attach documents or evidence (stored encrypted)"
            files={chosen}
            onChange={(next) => {
              setChosen(next);
              upload.setError(null);
            }}
            error={upload.error ? fieldText(upload.error) : undefined}
          />
          <button type="submit" disabled={upload.busy}>
            {upload.busy ? 'กำลังส่ง… / Sending…' : 'แนบไฟล์ / Attach'}
          </button>
        </form>
      )}
      <p aria-live="polite">{status}</p>
    </section>
  );
}

type Access = Schemas['AccessEntryView'];
const ACCESS_TEXT: Record<Access['status'], string> = {
  granted: 'อ่านได้ / Has access',
  recused: 'ถอนตัว / Recused',
  none: 'ไม่มีสิทธิ์ / No access',
};

/** Integrity officers and whether each can read the report; grant access or recuse one (conflict of interest). */
export function AccessList({
  reportId,
  me,
  onChanged,
}: {
  reportId: string;
  me: Officer;
  onChanged: (message: string) => void;
}) {
  const list = useLoad(
    () => call(api.GET('/api/v1/integrity-reports/{id}/access', { params: { path: { id: reportId } } })),
    [reportId],
  );
  const [open, setOpen] = useState<string | null>(null);
  const done = (message: string) => {
    setOpen(null);
    list.reload();
    onChanged(message);
  };
  return (
    <section class="card" aria-labelledby="access">
      <h2 id="access">ผู้มีสิทธิ์อ่านเรื่องนี้ / Who can read this report</h2>
      <ErrorSummary error={list.error} />
      {list.data && (
        <ul class="plain access-list">
          {list.data.map((a) => {
            const action = a.hasAccess ? (a.userId === me.id ? null : 'recuse') : 'grant';
            const key = `${action}-${a.userId}`;
            return (
              <li key={a.userId}>
                <p>
                  <strong>{a.displayName}</strong>
                  {a.userId === me.id && ' (ท่าน / you)'} · {ACCESS_TEXT[a.status]}
                  {a.reason && <> · {a.reason}</>}
                  {a.changedOn && <> · {formatDayBE(a.changedOn)}</>}
                </p>
                {action && (
                  <button
                    type="button"
                    class="secondary"
                    aria-expanded={open === key}
                    onClick={() => setOpen(open === key ? null : key)}
                  >
                    {action === 'grant'
                      ? `ให้สิทธิ์อ่าน / Grant access: ${a.displayName}`
                      : `ให้ถอนตัว / Recuse: ${a.displayName}`}
                  </button>
                )}
                {open === key && action === 'grant' && (
                  <TextForm
                    id={`grant-${a.userId}`}
                    field="reason"
                    label="เหตุผล"
                    labelEn="Reason"
                    required={false}
                    button="ให้สิทธิ์ / Grant"
                    send={(reason) =>
                      call(
                        api.POST('/api/v1/integrity-reports/{id}/grants', {
                          params: { path: { id: reportId } },
                          body: { userId: a.userId, ...(reason ? { reason } : {}) },
                        }),
                      )
                    }
                    onDone={done}
                    onConflict={list.reload}
                  />
                )}
                {open === key && action === 'recuse' && (
                  <TextForm
                    id={`recuse-${a.userId}`}
                    field="reason"
                    label="ส่วนได้เสีย"
                    labelEn="Conflict of interest"
                    minLength={5}
                    button="ถอนสิทธิ์ / Recuse"
                    send={(reason) =>
                      call(
                        api.POST('/api/v1/integrity-reports/{id}/recusals', {
                          params: { path: { id: reportId } },
                          body: { userId: a.userId, reason },
                        }),
                      )
                    }
                    onDone={done}
                    onConflict={list.reload}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const REQUEST_STATUS: Record<Schemas['IdentityRequestView']['status'], string> = {
  pending: 'รอพิจารณา / Pending',
  approved: 'อนุมัติ / Approved',
  denied: 'ไม่อนุมัติ / Denied',
};
export const requestStatus = (s: Schemas['IdentityRequestView']['status']) => REQUEST_STATUS[s];

/** Requests to learn the reporter's identity: ask a custodian, see the decisions, read under one's approval. */
export function IdentityRequests({
  reportId,
  identityProvided,
  me,
  onChanged,
}: {
  reportId: string;
  identityProvided: boolean;
  me: Officer;
  onChanged: (message: string) => void;
}) {
  // the time of the answer decides which approvals are still readable
  const loaded = useLoad(
    () =>
      call(
        api.GET('/api/v1/integrity-reports/{id}/identity-requests', { params: { path: { id: reportId } } }),
      ).then((requests) => ({ requests, at: Date.now() })),
    [reportId],
  );
  const list = { ...loaded, data: loaded.data?.requests ?? null };
  const now = loaded.data?.at ?? 0;
  const [identity, setIdentity] = useState<Schemas['DisclosedIdentityView'] | null>(null);
  const [readError, setReadError] = useState<DescribedError | null>(null);
  const read = async (requestId: string) => {
    setReadError(null);
    try {
      setIdentity(
        await call(
          api.GET('/api/v1/integrity-reports/{id}/identity-requests/{requestId}/identity', {
            params: { path: { id: reportId, requestId } },
          }),
        ),
      );
    } catch (err) {
      setReadError(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="identity">
      <h2 id="identity">ขอทราบตัวตนผู้แจ้ง / Reporter identity</h2>
      <ErrorSummary error={list.error ?? readError} />
      {list.data && list.data.length === 0 && <p class="muted">ยังไม่มีคำขอ / No requests</p>}
      {list.data && list.data.length > 0 && (
        <ul class="plain">
          {list.data.map((q) => (
            <li key={q.id}>
              <p>
                {formatDayBE(q.requestedOn)} · {q.requestedBy.displayName} ·{' '}
                <strong>{requestStatus(q.status)}</strong>
                {q.decidedBy && (
                  <>
                    {' '}
                    ({q.decidedBy.displayName}
                    {q.decisionReason && `: ${q.decisionReason}`})
                  </>
                )}
              </p>
              <p class="pre">{q.justification}</p>
              {q.status === 'approved' &&
                q.requestedBy.id === me.id &&
                q.accessUntil &&
                new Date(q.accessUntil).getTime() > now && (
                  <p>
                    <button type="button" class="secondary" onClick={() => void read(q.id)}>
                      ดูตัวตน (บันทึกการเข้าถึง) / Read the identity (audited)
                    </button>{' '}
                    <span class="muted">ถึง / until {formatDateTimeBE(q.accessUntil)}</span>
                  </p>
                )}
            </li>
          ))}
        </ul>
      )}
      {identity && (
        <dl class="facts" data-testid="disclosed-identity">
          <dt>ชื่อ / Name</dt>
          <dd>{identity.name ?? '—'}</dd>
          <dt>โทรศัพท์ / Phone</dt>
          <dd>{identity.phone ?? '—'}</dd>
          <dt>อีเมล / E-mail</dt>
          <dd>{identity.email ?? '—'}</dd>
          <dt>เลขประจำตัวประชาชน / National id</dt>
          <dd>{identity.nationalId ?? '—'}</dd>
          <dt>ยินยอมให้ติดต่อ / Consent to contact</dt>
          <dd>{identity.consentToContact ? 'ใช่ / yes' : 'ไม่ / no'}</dd>
        </dl>
      )}
      {identityProvided ? (
        <details>
          <summary>ขอให้ผู้ดูแลข้อมูลเปิดเผยตัวตน / Ask a custodian to disclose the identity</summary>
          <TextForm
            id="identity-justification"
            field="justification"
            label="เหตุผลความจำเป็น (อย่างน้อย 30 ตัวอักษร)"
            labelEn="Why the investigation needs it (at least 30 characters)"
            minLength={30}
            button="ส่งคำขอ / Send request"
            send={(justification) =>
              call(
                api.POST('/api/v1/integrity-reports/{id}/identity-requests', {
                  params: { path: { id: reportId } },
                  body: { justification },
                }),
              )
            }
            onDone={(message) => {
              list.reload();
              onChanged(message);
            }}
            onConflict={list.reload}
          />
        </details>
      ) : (
        <p class="muted">ผู้แจ้งไม่ได้ระบุตัวตน / The reporter gave no identity</p>
      )}
    </section>
  );
}
