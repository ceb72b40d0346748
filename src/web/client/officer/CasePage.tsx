/**
 * A case's page (/officer/complaints/:id): who is responsible (unit, assignee), the deadline card, every
 * step with its actor and note, only the actions this officer may take now (`allowedActions` from the
 * API), the deadline extension, notes and replies, and links to the printable slip and letters.
 * A 409 (someone acted meanwhile) shows what changed and reloads the case.
 */
import './work.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, getAccessToken, type Schemas } from '../shared/api';
import { AttachmentList, MAX_FILES, uploadFiles } from '../shared/attachments';
import { useSendFiles } from '../shared/SendFiles';
import { formatDateTimeBE, formatDayBE } from '../shared/be-date';
import { BEDateInput } from '../shared/components/BEDateInput';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { errorsByField, Field } from '../shared/components/Field';
import { Link } from '../shared/components/Link';
import { ApiError, describeError, type DescribedError } from '../shared/errors';
import { type Labels, useLabels } from '../shared/labels';
import { match, useLocation } from '../shared/router';

type Case = Schemas['ComplaintDetailView'];
type Action = Case['allowedActions'][number] | 'extend' | 'note';

/** The route of each action under /complaints/{id}/. */
const ROUTE: Record<Action, string> = {
  accept: 'accept',
  reject: 'reject',
  refer: 'refer',
  mark_duplicate: 'mark-duplicate',
  assign: 'assign',
  start: 'start',
  request_info: 'request-info',
  resume: 'resume',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
  extend: 'extend-deadline',
  note: 'notes',
};

export function CasePage() {
  const { path } = useLocation();
  const id = match('/officer/complaints/:id', path)?.id ?? '';
  const labels = useLabels();
  const [item, setItem] = useState<Case | null>(null);
  const [loadError, setLoadError] = useState<DescribedError | null>(null);
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    call(api.GET('/api/v1/complaints/{id}', { params: { path: { id } } }))
      .then((c) => {
        if (stale) return;
        setItem(c);
        setLoadError(null);
      })
      .catch((err: unknown) => !stale && setLoadError(describeError(err)));
    return () => {
      stale = true;
    };
  }, [id, reload]);

  if (!item)
    return (
      <>
        <h1>เรื่องร้องเรียน / Complaint</h1>
        <ErrorSummary error={loadError} />
        {loadError ? (
          <button type="button" class="secondary" onClick={() => setReload((n) => n + 1)}>
            ลองใหม่ / Try again
          </button>
        ) : (
          <p aria-live="polite">กำลังโหลด… / Loading…</p>
        )}
      </>
    );

  const isOpen = !['rejected', 'referred', 'resolved', 'closed', 'duplicate'].includes(item.status);
  const actions: Action[] = [
    ...item.allowedActions,
    ...(isOpen ? (['extend', 'note'] as const) : (['note'] as const)),
  ];
  const referred = item.history.some((h) => h.action === 'refer');

  return (
    <>
      <p class="no-print">
        <Link href="/officer/complaints">← รายการเรื่อง / All complaints</Link>
      </p>
      <h1>
        {item.referenceNo} <span class="status-badge">{labels.th('complaintStatus', item.status)}</span>
      </h1>
      <p class="lead">{item.subject}</p>
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      <ErrorSummary error={loadError} />
      <div class="case-grid">
        <section class="card" aria-labelledby="who">
          <h2 id="who">ผู้รับผิดชอบ / Responsible</h2>
          <dl class="facts">
            <dt>หน่วยงาน / Unit</dt>
            <dd data-testid="case-unit">{item.unit?.nameTh ?? 'ยังไม่กำหนด / not yet'}</dd>
            <dt>ผู้รับผิดชอบ / Assignee</dt>
            <dd data-testid="case-assignee">{item.assignee?.displayName ?? 'ยังไม่มอบหมาย / not assigned'}</dd>
            <dt>ประเภท / Kind</dt>
            <dd>{labels.th('complaintKind', item.kind)}</dd>
            <dt>หมวด / Category</dt>
            <dd>{item.category.nameTh}</dd>
            <dt>ช่องทาง / Channel</dt>
            <dd>{labels.th('channel', item.channel)}</dd>
            <dt>รับเรื่องเมื่อ / Received</dt>
            <dd>{formatDateTimeBE(item.receivedAt)}</dd>
            {item.duplicateOf && (
              <>
                <dt>ซ้ำกับ / Duplicate of</dt>
                <dd>
                  <Link href={`/officer/complaints/${item.duplicateOf.id}`}>
                    {item.duplicateOf.referenceNo}
                  </Link>
                </dd>
              </>
            )}
          </dl>
        </section>
        <DeadlineCard item={item} />
        <section class="card" aria-labelledby="contact">
          <h2 id="contact">ผู้ร้อง / Complainant</h2>
          <dl class="facts">
            <dt>ชื่อ / Name</dt>
            <dd>{item.complainantName ?? '—'}</dd>
            <dt>โทรศัพท์ / Phone</dt>
            <dd>{item.complainantPhone ?? '—'}</dd>
            <dt>อีเมล / E-mail</dt>
            <dd>{item.complainantEmail ?? '—'}</dd>
            <dt>ติดต่อกลับได้ / May be contacted</dt>
            <dd>{item.consentToContact ? 'ได้ / yes' : 'ไม่ได้ / no'}</dd>
          </dl>
        </section>
      </div>
      <section class="card" aria-labelledby="what">
        <h2 id="what">รายละเอียด / Details</h2>
        <p class="pre">{item.description}</p>
        {(item.locationAddress || item.locationVillage) && (
          <p>สถานที่ / Place: {[item.locationAddress, item.locationVillage].filter(Boolean).join(', ')}</p>
        )}
        {item.latitude !== null && item.longitude !== null && (
          <p data-testid="coordinates">
            พิกัด / Coordinates: {item.latitude.toFixed(6)}, {item.longitude.toFixed(6)} (
            <a
              href={`https://www.openstreetmap.org/?mlat=${item.latitude}&mlon=${item.longitude}#map=17/${item.latitude}/${item.longitude}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              ดูบนแผนที่ / Open the map
            </a>
            )
          </p>
        )}
        {item.resultMessage && (
          <p>
            <strong>ผลการดำเนินการ / Result:</strong> {item.resultMessage}
          </p>
        )}
      </section>

      <section class="card no-print" aria-labelledby="actions">
        <h2 id="actions">ดำเนินการ / Actions</h2>
        {actions.length === 0 && <p>ไม่มีสิ่งที่ท่านทำได้ตอนนี้ / Nothing you can do now</p>}
        <div class="action-buttons">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              class={open === a ? '' : 'secondary'}
              aria-expanded={open === a}
              aria-controls="action-form"
              onClick={() => {
                setOpen(open === a ? null : a);
                setDone(null);
              }}
            >
              {actionLabel(labels, a)}
            </button>
          ))}
        </div>
        {open && (
          <ActionForm
            key={open}
            action={open}
            item={item}
            labels={labels}
            onDone={(message) => {
              setOpen(null);
              setDone(message);
              setReload((n) => n + 1);
            }}
            onConflict={() => setReload((n) => n + 1)}
          />
        )}
        <h3>เอกสารสำหรับพิมพ์ / Printable documents</h3>
        <ul class="doc-links">
          <li>
            <Link href={`/officer/complaints/${item.id}/slip`}>ใบรับเรื่อง / Acknowledgement slip</Link>
          </li>
          {item.resultMessage && (
            <li>
              <Link href={`/officer/complaints/${item.id}/letter/result`}>หนังสือแจ้งผล / Result letter</Link>
            </li>
          )}
          {referred && (
            <li>
              <Link href={`/officer/complaints/${item.id}/letter/referral`}>หนังสือส่งต่อ / Referral letter</Link>
            </li>
          )}
        </ul>
      </section>

      <CaseFiles caseId={item.id} />

      <section class="card" aria-labelledby="history">
        <h2 id="history">ความเคลื่อนไหว / History</h2>
        <ol class="timeline">
          {item.history.map((h) => (
            <li key={h.id}>
              <p class="muted">
                {formatDateTimeBE(h.createdAt)} · {h.actorName ?? 'ระบบ / system'}
              </p>
              <p>
                <strong>
                  {h.actionLabel?.th ??
                    (h.toStatus
                      ? labels.th('complaintStatus', h.toStatus)
                      : labels.both('eventType', h.type))}
                </strong>
                {h.toStatus && h.actionLabel && <> → {labels.th('complaintStatus', h.toStatus)}</>}
                {!h.isPublic && h.type === 'internal_note' && <span class="muted"> (ภายใน / internal)</span>}
              </p>
              {h.message && <p class="pre">{h.message}</p>}
              {h.note && <p class="pre note">บันทึก / Note: {h.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

type CaseFile = Schemas['AttachmentView'];

/** The case's files: thumbnails (fetched with the token), upload as internal or public, publish or take back. */
function CaseFiles({ caseId }: { caseId: string }) {
  const labels = useLabels();
  const [files, setFiles] = useState<CaseFile[]>([]);
  const [reload, setReload] = useState(0);
  const [listError, setListError] = useState<DescribedError | null>(null);
  const [visibility, setVisibility] = useState<'internal' | 'public'>('internal');
  useEffect(() => {
    let stale = false;
    call(api.GET('/api/v1/complaints/{id}/attachments', { params: { path: { id: caseId } } })).then(
      (list) => {
        if (stale) return;
        setFiles(list);
        setListError(null);
      },
      (err: unknown) => !stale && setListError(describeError(err)),
    );
    return () => {
      stale = true;
    };
  }, [caseId, reload]);
  const sending = useSendFiles(async (chosen) => {
    const added = await uploadFiles<CaseFile[]>(
      `/api/v1/complaints/${encodeURIComponent(caseId)}/attachments?visibility=${visibility}`,
      chosen,
      getAccessToken(),
    );
    setReload((n) => n + 1);
    return `แนบแล้ว ${added.length} ไฟล์ / ${added.length} file(s) attached`;
  });
  const toggle = async (file: CaseFile) => {
    sending.setStatus('');
    setListError(null);
    try {
      await call(
        api.POST('/api/v1/complaints/attachments/{attachmentId}/visibility', {
          params: { path: { attachmentId: file.id } },
          body: { isPublic: !file.isPublic },
        }),
      );
      sending.setStatus(
        file.isPublic
          ? 'นำออกจากหน้าติดตามแล้ว / Taken off the tracking page'
          : 'เผยแพร่บนหน้าติดตามแล้ว / Published on the tracking page',
      );
      setReload((n) => n + 1);
    } catch (err) {
      setListError(describeError(err));
    }
  };
  return (
    <section class="card no-print" aria-labelledby="files">
      <h2 id="files">ไฟล์ประกอบ / Files</h2>
      <ErrorSummary error={listError} />
      {files.length === 0 ? (
        <p class="muted">ยังไม่มีไฟล์ / No files yet</p>
      ) : (
        <AttachmentList
          files={files}
          token={getAccessToken()}
          testId="case-files"
          thumbnailTestId="case-thumbnail"
          details={(f) =>
            ` · ${labels.both('attachmentSource', f.source)} · ${f.isPublic ? 'เผยแพร่ / Public' : 'ภายใน / Internal'}`
          }
          actions={(f) => (
            <button type="button" class="secondary" onClick={() => void toggle(f)}>
              {f.isPublic
                ? `นำออก / Unpublish ${f.fileName ?? ''}`.trim()
                : `เผยแพร่ / Publish ${f.fileName ?? ''}`.trim()}
            </button>
          )}
        />
      )}
      <form noValidate onSubmit={sending.submit}>
        {sending.field('case-files-input', `ครั้งละ 1–${MAX_FILES} ไฟล์ / 1–${MAX_FILES} files at once`)}
        <fieldset>
          <legend>ผู้เห็นไฟล์ / Who sees the files</legend>
          <label>
            <input
              type="radio"
              name="file-visibility"
              checked={visibility === 'internal'}
              onChange={() => setVisibility('internal')}
            />{' '}
            เฉพาะเจ้าหน้าที่ / Officers only
          </label>{' '}
          <label>
            <input
              type="radio"
              name="file-visibility"
              checked={visibility === 'public'}
              onChange={() => setVisibility('public')}
            />{' '}
            แสดงบนหน้าติดตาม / On the tracking page
          </label>
        </fieldset>
        <button type="submit" disabled={sending.busy}>
          {sending.busy ? 'กำลังส่ง… / Sending…' : 'แนบไฟล์ / Attach'}
        </button>
      </form>
      <p aria-live="polite">{sending.status}</p>
    </section>
  );
}

function actionLabel(labels: Labels, action: Action): string {
  if (action === 'extend') return 'ขยายกำหนด / Extend the deadline';
  if (action === 'note') return 'บันทึก / ตอบผู้ร้อง — Note / reply';
  const l = labels.get('complaintAction', action);
  return l ? `${l.th} / ${l.en}` : action;
}

function DeadlineCard({ item }: { item: Case }) {
  const labels = useLabels();
  const d = item.deadline;
  return (
    <section class={`card deadline ${d?.state ?? ''}`} aria-labelledby="deadline">
      <h2 id="deadline">กำหนดเวลา / Deadline</h2>
      {!d ? (
        <p>—</p>
      ) : (
        <dl class="facts">
          <dt>ครบกำหนด / Due</dt>
          <dd data-testid="due-date">
            {formatDayBE(d.currentDueDate)}
            {d.extended && ' (ขยายแล้ว / extended)'}
          </dd>
          <dt>สถานะ / State</dt>
          <dd>{labels.both('deadlineState', d.state)}</dd>
          {item.daysLeft !== null && (
            <>
              <dt>เหลือ / Left</dt>
              <dd>{item.daysLeft} วัน / days</dd>
            </>
          )}
          {item.daysOverdue !== null && (
            <>
              <dt>เกินกำหนด / Overdue by</dt>
              <dd class="field-error">{item.daysOverdue} วัน / days</dd>
            </>
          )}
          <dt>นับแบบ / Counting</dt>
          <dd>
            {d.periodDays} {d.mode === 'working_days' ? 'วันทำการ / working days' : 'วัน / days'}
          </dd>
          {d.extensions.map((x) => (
            <>
              <dt key={`${x.at}-t`}>ขยายเมื่อ / Extended {formatDateTimeBE(x.at)}</dt>
              <dd key={`${x.at}-d`}>
                {formatDayBE(x.previousDueDate)} → {formatDayBE(x.newDueDate)}: {x.reason}
              </dd>
            </>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The field paths each action's form sends, mapped to their input ids. */
const FIELD_IDS: Record<string, string> = {
  note: 'a-note',
  message: 'a-message',
  reasonCode: 'a-reason-code',
  agency: 'a-agency',
  referredOn: 'a-referred-on',
  letterNo: 'a-letter-no',
  duplicateOfReference: 'a-duplicate',
  duplicateOfId: 'a-duplicate',
  unitId: 'a-unit',
  assigneeId: 'a-assignee',
  reason: 'a-reason',
  newDueDate: 'a-new-due',
  longExtensionReason: 'a-long-reason',
  isPublic: 'a-public',
};
const FIELD_LABELS: Record<string, string> = {
  note: 'บันทึก / Note',
  message: 'ข้อความ / Message',
  reasonCode: 'เหตุผล / Reason',
  agency: 'หน่วยงานที่ส่งต่อ / Agency',
  referredOn: 'วันที่ส่งต่อ / Referred on',
  letterNo: 'เลขที่หนังสือ / Letter no.',
  duplicateOfReference: 'เลขที่เรื่องเดิม / Earlier reference',
  duplicateOfId: 'เลขที่เรื่องเดิม / Earlier reference',
  unitId: 'หน่วยงาน / Unit',
  assigneeId: 'ผู้รับผิดชอบ / Officer',
  reason: 'เหตุผล / Reason',
  newDueDate: 'กำหนดใหม่ / New due date',
  longExtensionReason: 'เหตุผลที่ขยายนาน / Why so long',
};

function ActionForm({
  action,
  item,
  labels,
  onDone,
  onConflict,
}: {
  action: Action;
  item: Case;
  labels: Labels;
  onDone: (message: string) => void;
  onConflict: () => void;
}) {
  const [error, setError] = useState<DescribedError | null>(null);
  const [dateProblem, setDateProblem] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  const errors = errorsByField(error);
  const dateField = action === 'extend' ? 'newDueDate' : 'referredOn';
  if (dateProblem) errors[dateField] = dateProblem;

  const submit = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const text = (id: string) => String(data.get(id) ?? '').trim();
    const opt = (id: string) => text(id) || undefined;
    let body: Record<string, unknown>;
    const required: [string, string][] = [];
    switch (action) {
      case 'reject':
        body = { reasonCode: text('a-reason-code'), message: text('a-message') };
        required.push(['reasonCode', 'a-reason-code'], ['message', 'a-message']);
        break;
      case 'refer':
        body = {
          agency: text('a-agency'),
          referredOn: day ?? '',
          letterNo: opt('a-letter-no'),
          message: opt('a-message'),
        };
        required.push(['agency', 'a-agency'], ['referredOn', 'a-referred-on']);
        break;
      case 'mark_duplicate':
        body = { duplicateOfReference: text('a-duplicate') };
        required.push(['duplicateOfReference', 'a-duplicate']);
        break;
      case 'assign':
        body = { unitId: text('a-unit'), assigneeId: opt('a-assignee'), note: opt('a-note') };
        required.push(['unitId', 'a-unit']);
        break;
      case 'request_info':
      case 'resolve':
        body = { message: text('a-message') };
        required.push(['message', 'a-message']);
        break;
      case 'reopen':
        body = { reason: text('a-reason') };
        required.push(['reason', 'a-reason']);
        break;
      case 'extend':
        body = { newDueDate: day ?? '', reason: text('a-reason'), longExtensionReason: opt('a-long-reason') };
        required.push(['newDueDate', 'a-new-due'], ['reason', 'a-reason']);
        break;
      case 'note':
        body = { message: text('a-message'), isPublic: data.get('a-public') === 'on' };
        required.push(['message', 'a-message']);
        break;
      default:
        body = { note: opt('a-note') };
    }
    const missing = required.filter(([field]) => !body[field]);
    if (missing.length || dateProblem) {
      setError({
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ โปรดแก้ไขช่องที่แจ้งไว้ / Some fields need correcting',
        lines: [],
        fields: missing.map(([field]) => ({
          field,
          message: field === dateField && dateProblem ? dateProblem : 'กรุณากรอกช่องนี้ / Required',
        })),
      });
      return;
    }
    setSending(true);
    setError(null);
    try {
      // one typed call per route would repeat itself thirteen times; the bodies above follow the DTOs
      await call(
        api.POST(`/api/v1/complaints/{id}/${ROUTE[action]}` as '/api/v1/complaints/{id}/accept', {
          params: { path: { id: item.id } },
          body: body as Schemas['OptionalNoteDto'],
        }),
      );
      onDone(`บันทึกแล้ว / Done: ${actionLabel(labels, action)}`);
    } catch (err) {
      const described = describeError(err);
      // the extension's own refusals name no field: they are about the new date, so show them at it
      if (err instanceof ApiError && err.code?.startsWith('EXTENSION_') && err.body) {
        const details = (err.body.details ?? {}) as { currentDueDate?: string };
        const current = details.currentDueDate
          ? ` (กำหนดปัจจุบัน / current due date: ${formatDayBE(details.currentDueDate)})`
          : '';
        described.fields = [
          {
            field: 'newDueDate',
            message: `${err.body.messageTh ?? ''} / ${err.body.message ?? ''}${current}`,
          },
        ];
        described.title = 'ข้อมูลไม่ถูกต้อง โปรดแก้ไขช่องที่แจ้งไว้ / Some fields need correcting';
        described.lines = [];
      }
      if (described.kind === 'conflict')
        described.lines.push('โหลดข้อมูลล่าสุดของเรื่องแล้ว / The case has been reloaded with its latest state');
      setError(described);
      if (described.kind === 'conflict') onConflict();
    } finally {
      setSending(false);
    }
  };

  const message = (label: string, hint?: string) => (
    <Field id="a-message" label={label} required hint={hint} error={errors.message}>
      {(p) => <textarea {...p} rows={3} />}
    </Field>
  );
  const note = (
    <Field id="a-note" label="บันทึกภายใน" labelEn="Internal note" error={errors.note}>
      {(p) => <textarea {...p} rows={2} />}
    </Field>
  );

  return (
    <form ref={form} id="action-form" class="action-form" noValidate onSubmit={(e) => void submit(e)}>
      <h3>{actionLabel(labels, action)}</h3>
      <ErrorSummary error={error} fieldIds={FIELD_IDS} fieldLabels={FIELD_LABELS} />
      {action === 'reject' && (
        <>
          <Field id="a-reason-code" label="เหตุผล" labelEn="Reason" required error={errors.reasonCode}>
            {(p) => (
              <select {...p}>
                <option value="">— เลือก / choose —</option>
                {Object.keys(labels.table.rejectReason ?? {}).map((code) => (
                  <option key={code} value={code}>
                    {labels.both('rejectReason', code)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {message('คำชี้แจงถึงผู้ร้อง / Explanation to the complainant')}
        </>
      )}
      {action === 'refer' && (
        <>
          <Field id="a-agency" label="หน่วยงานที่ส่งต่อ" labelEn="Agency" required error={errors.agency}>
            {(p) => <input {...p} type="text" />}
          </Field>
          <Field
            id="a-referred-on"
            label="วันที่ส่งต่อ"
            labelEn="Referred on"
            required
            hint="วว/ดด/ปปปป (พ.ศ.)"
            error={errors.referredOn}
          >
            {(p) => <BEDateInput {...p} value="" onChange={setDay} onInvalid={setDateProblem} />}
          </Field>
          <Field id="a-letter-no" label="เลขที่หนังสือ" labelEn="Letter no." error={errors.letterNo}>
            {(p) => <input {...p} type="text" />}
          </Field>
          <Field
            id="a-message"
            label="คำชี้แจงถึงผู้ร้อง"
            labelEn="Explanation to the complainant"
            error={errors.message}
          >
            {(p) => <textarea {...p} rows={2} />}
          </Field>
        </>
      )}
      {action === 'mark_duplicate' && (
        <Field
          id="a-duplicate"
          label="เลขที่เรื่องเดิม"
          labelEn="Reference number of the earlier case"
          required
          hint="เช่น 2570/000001 / e.g. 2570/000001"
          error={errors.duplicateOfReference ?? errors.duplicateOfId}
        >
          {(p) => <input {...p} type="text" />}
        </Field>
      )}
      {action === 'assign' && <AssignFields item={item} errors={errors} onError={setError} />}
      {action === 'assign' && note}
      {(action === 'accept' || action === 'start' || action === 'resume' || action === 'close') && note}
      {action === 'request_info' && message('สิ่งที่ขอจากผู้ร้อง / What you ask the complainant')}
      {action === 'resolve' && message('ผลการดำเนินการ (ผู้ร้องเห็น) / Result (the complainant sees it)')}
      {action === 'reopen' && (
        <Field id="a-reason" label="เหตุที่เปิดเรื่องใหม่" labelEn="Why reopen" required error={errors.reason}>
          {(p) => <textarea {...p} rows={2} />}
        </Field>
      )}
      {action === 'extend' && (
        <>
          <Field
            id="a-new-due"
            label="กำหนดใหม่"
            labelEn="New due date"
            required
            hint="วว/ดด/ปปปป (พ.ศ.)"
            error={errors.newDueDate}
          >
            {(p) => <BEDateInput {...p} value="" onChange={setDay} onInvalid={setDateProblem} />}
          </Field>
          <Field
            id="a-reason"
            label="เหตุผล (แจ้งผู้ร้อง)"
            labelEn="Reason (told to the complainant)"
            required
            error={errors.reason}
          >
            {(p) => <textarea {...p} rows={2} />}
          </Field>
          <Field
            id="a-long-reason"
            label="เหตุที่ขยายนานเกินกำหนด (หัวหน้า)"
            labelEn="Long extension reason (supervisors)"
            error={errors.longExtensionReason}
          >
            {(p) => <input {...p} type="text" />}
          </Field>
        </>
      )}
      {action === 'note' && (
        <>
          {message('ข้อความ / Message')}
          <label class="check">
            <input type="checkbox" id="a-public" name="a-public" /> แจ้งผู้ร้อง (ผู้ร้องเห็น){' '}
            <span class="en">Reply to the complainant (they see it)</span>
          </label>
        </>
      )}
      <button type="submit" disabled={sending}>
        {sending ? 'กำลังบันทึก… / Saving…' : 'ยืนยัน / Confirm'}
      </button>
    </form>
  );
}

/** Assignment: a unit (the case's unit first), then a person of that unit from the directory. */
function AssignFields({
  item,
  errors,
  onError,
}: {
  item: Case;
  errors: Record<string, string>;
  onError: (e: DescribedError) => void;
}) {
  const [units, setUnits] = useState<Schemas['UnitView'][]>([]);
  const [unitId, setUnitId] = useState(item.unitId ?? '');
  const [people, setPeople] = useState<Schemas['OfficerDirectoryEntryView'][]>([]);
  useEffect(() => {
    call(api.GET('/api/v1/units'))
      .then((all) => setUnits(all.filter((u) => u.isActive)))
      .catch((err: unknown) => onError(describeError(err)));
  }, [onError]);
  useEffect(() => {
    if (!unitId) return setPeople([]);
    call(api.GET('/api/v1/officers', { params: { query: { unitId } } }))
      .then(setPeople)
      .catch((err: unknown) => onError(describeError(err)));
  }, [unitId, onError]);
  return (
    <>
      <Field id="a-unit" label="หน่วยงาน" labelEn="Unit" required error={errors.unitId}>
        {(p) => (
          <select {...p} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
            <option value="">— เลือก / choose —</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.nameTh}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="a-assignee"
        label="ผู้รับผิดชอบ"
        labelEn="Officer"
        hint="ว่างไว้ได้: หัวหน้าหน่วยงานมอบหมายต่อ / may be left to the unit head"
        error={errors.assigneeId}
      >
        {(p) => (
          <select {...p} key={unitId}>
            <option value="">— ไม่ระบุ / none —</option>
            {people.map((o) => (
              <option key={o.id} value={o.id}>
                {o.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
