/**
 * /orgs/{slug}/integrity/follow-up: the reporter opens their report with the 16-digit receipt, reads the
 * status and the officers' messages, and adds information. The session token lives in this page's
 * memory only (never in storage, a cookie or the address), so leaving the page forgets it; "Leave" and
 * leaving the page end it on the server too. Every error class is shown with what to do next.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import '../shared/styles.css';
import './public.css';
import { api, call, type Schemas } from '../shared/api';
import { formatDayBE } from '../shared/be-date';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { errorsByField, Field } from '../shared/components/Field';
import { fieldText, filesProblem, uploadFiles } from '../shared/attachments';
import { ApiError, describeError, type DescribedError } from '../shared/errors';
import { EVIDENCE_URL, EvidenceFilesField, EvidenceList } from './EvidenceFiles';
import { IntegrityLayout, retryable } from './IntegrityLayout';
import { organization } from './page';

type Report = Schemas['ReporterReportView'];
const SESSION_ENDED: DescribedError = {
  kind: 'unauthenticated',
  title: 'หมดเวลาหรือออกแล้ว โปรดกรอกรหัสอีกครั้ง / The session ended; enter your receipt again',
  lines: [],
  fields: [],
};
const LEFT: DescribedError = { ...SESSION_ENDED, title: 'ออกแล้ว / You have left' };
const ended = (err: unknown) => err instanceof ApiError && err.status === 401;
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const fieldError = (field: string, message: string): DescribedError => ({
  kind: 'validation',
  title: 'ข้อมูลไม่ครบหรือไม่ถูกต้อง / Please correct the field shown',
  lines: [],
  fields: [{ field, message }],
});

function OpenForm({
  onOpened,
  notice,
}: {
  onOpened: (token: string, expiresIn: number) => void;
  notice: DescribedError | null;
}) {
  const org = organization();
  const form = useRef<HTMLFormElement>(null);
  const [receipt, setReceipt] = useState('');
  const [error, setError] = useState<DescribedError | null>(notice);
  const [busy, setBusy] = useState(false);
  useFocusFirstInvalid(form, error);

  const submit = async (e: Event) => {
    e.preventDefault();
    const digits = receipt.replace(/[\s-]/g, '');
    if (!digits) return setError(fieldError('receipt', 'กรุณากรอกช่องนี้ / This field is required'));
    if (!/^\d{16}$/.test(digits))
      return setError(fieldError('receipt', 'รหัสรับเรื่องมีตัวเลข 16 หลัก / The receipt has 16 digits'));
    setError(null);
    setBusy(true);
    try {
      const session = await call(
        api.POST('/api/v1/orgs/{orgSlug}/integrity-reports/session', {
          params: { path: { orgSlug: org.slug } },
          body: { receipt: digits },
        }),
      );
      setReceipt('');
      onOpened(session.token, session.expiresIn);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      class="card"
      noValidate
      autoComplete="off"
      onSubmit={submit}
      aria-labelledby="open-title"
    >
      <h1 id="open-title">
        ติดตามเบาะแส <span class="en">Follow up your report</span>
      </h1>
      <p>
        กรอกรหัสรับเรื่อง 16 หลักที่ได้รับเมื่อส่งเรื่อง การตรวจสอบใช้เวลาประมาณหนึ่งวินาที{' '}
        <span class="en">
          Enter the 16-digit receipt you got when you sent the report; checking takes about a second.
        </span>
      </p>
      <ErrorSummary
        error={error}
        fieldIds={{ receipt: 'receipt' }}
        fieldLabels={{ receipt: 'รหัสรับเรื่อง / Receipt' }}
      />
      {error && retryable(error.kind) && (
        <p>
          <button type="submit" class="secondary" disabled={busy}>
            ลองใหม่ / Try again
          </button>
        </p>
      )}
      <Field
        id="receipt"
        label="รหัสรับเรื่อง"
        labelEn="Receipt"
        required
        hint="XXXX XXXX XXXX XXXX"
        error={errorsByField(error).receipt}
      >
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            autoComplete="off"
            spellcheck={false}
            maxLength={24}
            value={receipt}
            onInput={(e) => setReceipt(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? 'กำลังตรวจสอบ… / Checking…' : 'เปิดดู / Open'}
      </button>
    </form>
  );
}

function AddInformation({
  token,
  onSent,
  onEnded,
}: {
  token: string;
  onSent: () => void;
  onEnded: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [body, setBody] = useState('');
  // evidence files sent with the message (or alone), in this page's memory only
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<DescribedError | null>(null);
  const [sent, setSent] = useState('');
  const [busy, setBusy] = useState(false);
  useFocusFirstInvalid(form, error);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSent('');
    if (!body.trim() && !files.length)
      return setError(
        fieldError('body', 'กรุณากรอกช่องนี้ หรือแนบไฟล์ / This field is required, or attach a file'),
      );
    const problem = filesProblem(null, files, 'evidenceFiles');
    if (problem) return setError(problem);
    setError(null);
    setBusy(true);
    let step: 'body' | 'evidenceFiles' = 'body';
    try {
      if (body.trim()) {
        await call(
          api.POST('/api/v1/integrity-reports/session/messages', {
            body: { body: body.trim() },
            ...bearer(token),
          }),
        );
        setBody(''); // sent: a retry sends only the files
      }
      step = 'evidenceFiles';
      if (files.length) {
        const added = await uploadFiles<unknown[]>(EVIDENCE_URL, files, token);
        setFiles([]);
        setSent(`ส่งแล้ว พร้อมไฟล์ ${added.length} ไฟล์ / Sent with ${added.length} file(s)`);
      } else setSent('ส่งแล้ว / Sent');
      onSent();
    } catch (err) {
      if (ended(err)) return onEnded();
      const described = describeError(err);
      // a refused file is shown at the file field (the message, if any, was sent)
      setError(
        step === 'evidenceFiles' && !described.fields.length
          ? { ...described, fields: [{ field: 'evidenceFiles', message: fieldText(described) }] }
          : described,
      );
      if (step === 'evidenceFiles') onSent();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={form} class="card" noValidate autoComplete="off" onSubmit={submit} aria-labelledby="add-title">
      <h2 id="add-title">
        ส่งข้อมูลเพิ่มเติม <span class="en">Add information</span>
      </h2>
      <ErrorSummary
        error={error}
        fieldIds={{ body: 'body', evidenceFiles: 'evidenceFiles' }}
        fieldLabels={{ body: 'ข้อความ / Message', evidenceFiles: 'ไฟล์หลักฐาน / Evidence files' }}
      />
      {error && retryable(error.kind) && (
        <p>
          <button type="submit" class="secondary" disabled={busy}>
            ลองส่งใหม่ / Try sending again
          </button>
        </p>
      )}
      <Field
        id="body"
        label="ข้อความถึงเจ้าหน้าที่"
        labelEn="Message to the officers"
        hint="เขียนข้อความ แนบไฟล์ หรือทั้งสองอย่าง / A message, files, or both"
        error={errorsByField(error).body}
      >
        {(p) => (
          <textarea {...p} maxLength={5000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        )}
      </Field>
      <EvidenceFilesField files={files} onChange={setFiles} error={errorsByField(error).evidenceFiles} />
      <button type="submit" disabled={busy}>
        {busy ? 'กำลังส่ง… / Sending…' : 'ส่ง / Send'}
      </button>
      <p role="status" class="muted">
        {sent}
      </p>
    </form>
  );
}

function ReportView({
  report,
  token,
  onChanged,
  onEnded,
  onLeave,
}: {
  report: Report;
  token: string;
  onChanged: () => void;
  onEnded: () => void;
  onLeave: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [filesAdded, setFilesAdded] = useState(0);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <section class="card" aria-labelledby="status-title">
        <h1 id="status-title" tabIndex={-1} ref={heading}>
          สถานะ <span class="en">Status</span>
        </h1>
        <p data-testid="status">
          <strong>{report.statusText.th}</strong> <span class="en">{report.statusText.en}</span>
        </p>
        {report.outcome && (
          <p>
            ผลการพิจารณา / Outcome: {report.outcome.th} / {report.outcome.en}
          </p>
        )}
        {report.referredTo && (
          <p>
            ส่งต่อไปยัง / Referred to: {report.referredTo.th} / {report.referredTo.en}
          </p>
        )}
        <dl class="figures">
          <div>
            <dt>ได้รับเรื่อง / Received</dt>
            <dd>{formatDayBE(report.receivedOn)}</dd>
          </div>
          {report.responseDueOn && (
            <div>
              <dt>เจ้าหน้าที่จะตอบภายใน / Officers answer by</dt>
              <dd>{formatDayBE(report.responseDueOn)}</dd>
            </div>
          )}
          {report.decisionDueOn && (
            <div>
              <dt>กำหนดพิจารณาภายใน / Decision due by</dt>
              <dd>{formatDayBE(report.decisionDueOn)}</dd>
            </div>
          )}
        </dl>
        {report.responseOverdue && (
          <p class="warn">
            เลยกำหนดตอบแล้ว ระบบได้แจ้งเตือนเจ้าหน้าที่แล้ว{' '}
            <span class="en">The answer is late; the integrity officers have been alerted.</span>
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="messages-title">
        <h2 id="messages-title">
          ข้อความ <span class="en">Messages</span>
        </h2>
        {report.messages.length === 0 ? (
          <p class="muted">ยังไม่มีข้อความ / No messages yet</p>
        ) : (
          <ol>
            {report.messages.map((m, i) => (
              <li key={`${m.on}-${i}`}>
                <time dateTime={m.on}>{formatDayBE(m.on)}</time>{' '}
                <strong>{m.from === 'officer' ? 'เจ้าหน้าที่ / Officer' : 'ท่าน / You'}</strong>
                <div>{m.body}</div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <EvidenceList token={token} reload={report.messages.length + filesAdded} />
      {report.canAddInformation && (
        <AddInformation
          token={token}
          onSent={() => {
            setFilesAdded((n) => n + 1);
            onChanged();
          }}
          onEnded={onEnded}
        />
      )}
      <section class="card">
        <p class="muted">
          เมื่ออ่านเสร็จ โปรดกด &quot;ออก&quot; เพื่อปิดการเข้าถึงทันที (ปิดเองอัตโนมัติเมื่อหมดเวลา){' '}
          <span class="en">
            When you are done, press &quot;Leave&quot; to end access now (it ends by itself when the time is
            up).
          </span>
        </p>
        <button type="button" class="secondary" onClick={onLeave}>
          ออก / Leave
        </button>
      </section>
    </>
  );
}

function FollowUpPage() {
  // the session token: this variable only
  const [token, setToken] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [notice, setNotice] = useState<DescribedError | null>(null);
  const [loadError, setLoadError] = useState<DescribedError | null>(null);
  const [loading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // what the pagehide handler reads (set after each render, never during it)
  const tokenRef = useRef<string | null>(null);
  useEffect(() => {
    tokenRef.current = token;
  }, [token]);

  const forget = (why: DescribedError | null) => {
    setToken(null);
    setReport(null);
    setLoadError(null);
    setNotice(why);
  };

  // the session ends by itself on the server; the page forgets it at the same moment
  const [expiresIn, setExpiresIn] = useState(0);
  useEffect(() => {
    if (!token || !expiresIn) return;
    const timer = setTimeout(() => forget(SESSION_ENDED), expiresIn * 1000);
    return () => clearTimeout(timer);
  }, [token, expiresIn]);

  useEffect(() => {
    if (!token) return;
    setLoading(true);
    setLoadError(null);
    call(api.GET('/api/v1/integrity-reports/session/report', bearer(token)))
      .then(setReport, (err: unknown) =>
        ended(err) ? forget(SESSION_ENDED) : setLoadError(describeError(err)),
      )
      .finally(() => setLoading(false));
  }, [token, attempt]);

  // leaving the page ends the session on the server too (best effort)
  useEffect(() => {
    const leave = () => {
      const t = tokenRef.current;
      if (!t) return;
      fetch('/api/v1/integrity-reports/session', {
        method: 'DELETE',
        headers: { authorization: `Bearer ${t}` },
        keepalive: true,
      }).catch(() => undefined);
      forget(null);
    };
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, []);

  const leave = () => {
    const t = token;
    forget(LEFT);
    if (t) void call(api.DELETE('/api/v1/integrity-reports/session', bearer(t))).catch(() => undefined);
  };

  return (
    <IntegrityLayout current="follow-up">
      {!token ? (
        <OpenForm
          key={notice?.title ?? 'open'}
          notice={notice}
          onOpened={(t, seconds) => {
            setNotice(null);
            setExpiresIn(seconds);
            setToken(t);
          }}
        />
      ) : report ? (
        <ReportView
          report={report}
          token={token}
          onChanged={() => setAttempt((n) => n + 1)}
          onEnded={() => forget(SESSION_ENDED)}
          onLeave={leave}
        />
      ) : (
        <section class="card" aria-labelledby="loading-title">
          <h1 id="loading-title">
            ติดตามเบาะแส <span class="en">Follow up your report</span>
          </h1>
          {loadError ? (
            <>
              <ErrorSummary error={loadError} />
              <p class="actions">
                {retryable(loadError.kind) && (
                  <button type="button" onClick={() => setAttempt((n) => n + 1)}>
                    ลองใหม่ / Try again
                  </button>
                )}
                <button type="button" class="secondary" onClick={leave}>
                  ออก / Leave
                </button>
              </p>
            </>
          ) : (
            <p role="status">{loading ? 'กำลังโหลด… / Loading…' : ''}</p>
          )}
        </section>
      )}
    </IntegrityLayout>
  );
}

render(<FollowUpPage />, document.getElementById('app')!);
