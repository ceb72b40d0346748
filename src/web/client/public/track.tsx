/**
 * /track and /track/{code}: the complainant follows a complaint with its tracking code, answers the
 * organisation's request for information (POST /track/{code}/answers) and rates the result
 * (POST /track/{code}/feedback). Every error class is shown with what to do next.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import '../shared/styles.css';
import './public.css';
import { api, call, type Schemas } from '../shared/api';
import { formatDateTimeBE, formatDayBE } from '../shared/be-date';
import { ErrorSummary, useFocusFirstInvalid } from '../shared/components/ErrorSummary';
import { errorsByField, Field } from '../shared/components/Field';
import { describeError, type DescribedError } from '../shared/errors';
import { AttachmentList, MAX_FILES, uploadFiles } from '../shared/attachments';
import { useSendFiles } from '../shared/SendFiles';
import { PublicLayout } from './PublicLayout';

type Tracking = Schemas['TrackingView'];
type PublicFile = Schemas['PublicAttachmentView'];
/** A complaint takes files while just received or while the organisation asks for information. */
const OPEN_FOR_FILES = ['received', 'awaiting_info'];
const CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;
const normalise = (text: string) => text.trim().toUpperCase().replace(/\s+/g, '');
const codeFromPath = () => decodeURIComponent(location.pathname.split('/track/')[1] ?? '');
const required = (field: string): DescribedError => ({
  kind: 'validation',
  title: 'ข้อมูลไม่ครบ โปรดกรอกช่องที่จำเป็น / Please fill in the required fields',
  lines: [],
  fields: [{ field, message: 'กรุณากรอกช่องนี้ / This field is required' }],
});

function AnswerForm({ code, onDone }: { code: string; onDone: (text: string) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<DescribedError | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusFirstInvalid(form, error);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!message.trim()) return setError(required('message'));
    setError(null);
    setBusy(true);
    try {
      const receipt = await call(
        api.POST('/api/v1/track/{trackingCode}/answers', {
          params: { path: { trackingCode: code } },
          body: { message: message.trim() },
        }),
      );
      setMessage('');
      onDone(
        `ส่งคำตอบแล้ว สถานะ: ${receipt.statusLabel.th} / Answer sent; status: ${receipt.statusLabel.en}` +
          (receipt.clockResumed ? ' · เริ่มนับเวลาต่อแล้ว / the clock runs again' : ''),
      );
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={form} class="card" noValidate onSubmit={submit} aria-labelledby="answer-title">
      <h2 id="answer-title">
        หน่วยงานขอข้อมูลเพิ่มเติม <span class="en">The organisation asks you for information</span>
      </h2>
      <ErrorSummary
        error={error}
        fieldIds={{ message: 'answer' }}
        fieldLabels={{ message: 'คำตอบ / Answer' }}
      />
      <Field
        id="answer"
        label="คำตอบของท่าน"
        labelEn="Your answer"
        required
        error={errorsByField(error).message}
      >
        {(p) => (
          <textarea
            {...p}
            maxLength={5000}
            value={message}
            onInput={(e) => setMessage(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? 'กำลังส่ง… / Sending…' : 'ส่งคำตอบ / Send the answer'}
      </button>
    </form>
  );
}

function FeedbackForm({ code, onDone }: { code: string; onDone: (text: string) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<DescribedError | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusFirstInvalid(form, error);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!rating)
      return setError({
        ...required('rating'),
        fields: [{ field: 'rating', message: 'โปรดเลือกคะแนน 1–5 / Choose a rating from 1 to 5' }],
      });
    setError(null);
    setBusy(true);
    try {
      await call(
        api.POST('/api/v1/track/{trackingCode}/feedback', {
          params: { path: { trackingCode: code } },
          body: { rating, comment: comment.trim() || undefined },
        }),
      );
      onDone('ขอบคุณสำหรับการประเมิน / Thank you for your rating');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const ratingError = errorsByField(error).rating;
  return (
    <form ref={form} class="card" noValidate onSubmit={submit} aria-labelledby="feedback-title">
      <h2 id="feedback-title">
        ประเมินความพึงพอใจ <span class="en">Rate the result</span>
      </h2>
      <ErrorSummary
        error={error}
        fieldIds={{ rating: 'rating-1' }}
        fieldLabels={{ rating: 'คะแนน / Rating' }}
      />
      <fieldset class="stars" aria-describedby={ratingError ? 'rating-error' : undefined}>
        <legend>
          คะแนน (1 = ไม่พอใจมาก, 5 = พอใจมาก){' '}
          <span class="required" aria-hidden="true">
            *
          </span>
          <span class="visually-hidden"> (จำเป็น / required)</span>
        </legend>
        {ratingError && (
          <p id="rating-error" class="field-error">
            {ratingError}
          </p>
        )}
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} for={`rating-${n}`}>
            <input
              type="radio"
              id={`rating-${n}`}
              name="rating"
              value={String(n)}
              checked={rating === n}
              aria-invalid={ratingError ? 'true' : undefined}
              onChange={() => setRating(n)}
            />
            {'★'.repeat(n)} <span class="visually-hidden">{n} / 5</span>
          </label>
        ))}
      </fieldset>
      <Field
        id="comment"
        label="ความคิดเห็น (ไม่บังคับ)"
        labelEn="Comment (optional)"
        error={errorsByField(error).comment}
      >
        {(p) => (
          <textarea
            {...p}
            maxLength={2000}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? 'กำลังส่ง… / Sending…' : 'ส่งผลประเมิน / Send the rating'}
      </button>
    </form>
  );
}

function Files({ code, canUpload }: { code: string; canUpload: boolean }) {
  const [files, setFiles] = useState<PublicFile[]>([]);
  const [listError, setListError] = useState<DescribedError | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let stale = false;
    call(
      api.GET('/api/v1/track/{trackingCode}/attachments', { params: { path: { trackingCode: code } } }),
    ).then(
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
  }, [code, reload]);
  const sending = useSendFiles(async (chosen) => {
    const added = await uploadFiles<PublicFile[]>(
      `/api/v1/track/${encodeURIComponent(code)}/attachments`,
      chosen,
    );
    setReload((n) => n + 1);
    return `ส่งไฟล์แล้ว ${added.length} ไฟล์ / ${added.length} file(s) sent`;
  });
  if (!canUpload && !files.length && !listError) return null;
  return (
    <section class="card" aria-labelledby="files-title">
      <h2 id="files-title">
        ไฟล์ประกอบ <span class="en">Files</span>
      </h2>
      <ErrorSummary error={listError} />
      {files.length > 0 && <AttachmentList files={files} testId="public-files" />}
      {canUpload && (
        <form noValidate onSubmit={sending.submit}>
          {sending.field(
            'files',
            `ครั้งละ 1–${MAX_FILES} ไฟล์ (JPEG, PNG, WebP, HEIC, PDF) / 1–${MAX_FILES} files at once`,
          )}
          <button type="submit" disabled={sending.busy}>
            {sending.busy ? 'กำลังส่ง… / Sending…' : 'ส่งไฟล์ / Send the files'}
          </button>
          <p role="status">{sending.status}</p>
        </form>
      )}
    </section>
  );
}

function Result({ t, code, onChange }: { t: Tracking; code: string; onChange: (text: string) => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // the focus moves to the result once, when a complaint is shown (not on every render)
  useEffect(() => heading.current?.focus(), [t.referenceNo]);
  return (
    <>
      <section class="card" aria-labelledby="result-title">
        <h2 id="result-title" tabIndex={-1} ref={heading}>
          เรื่องเลขที่ {t.referenceNo} <span class="en">Reference {t.referenceNo}</span>
        </h2>
        <dl class="figures">
          <div>
            <dt>สถานะ / Status</dt>
            <dd data-testid="status">{t.statusLabel.th}</dd>
          </div>
          <div>
            <dt>ประเภท / Kind</dt>
            <dd>{t.kindLabel.th}</dd>
          </div>
          <div>
            <dt>เรื่องเกี่ยวกับ / Category</dt>
            <dd>{t.category.th}</dd>
          </div>
          <div>
            <dt>รับเรื่อง / Received</dt>
            <dd>{formatDayBE(t.receivedDate)}</dd>
          </div>
          {t.dueDate && (
            <div>
              <dt>กำหนดตอบ / Due</dt>
              <dd>{formatDayBE(t.dueDate)}</dd>
            </div>
          )}
        </dl>
        {t.extended && <p>ขยายเวลา / Extended: {t.extensionReason ?? ''}</p>}
        {t.duplicateOf && (
          <p>
            เรื่องนี้ซ้ำกับเรื่องที่รับไว้แล้ว สถานะด้านบนเป็นของเรื่องนั้น{' '}
            <span class="en">Same as a complaint already received; the status above is its status.</span>
          </p>
        )}
        <h3>ความคืบหน้า / History</h3>
        <ol>
          {t.timeline.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time dateTime={e.at}>{formatDateTimeBE(e.at)}</time>{' '}
              <strong>{(e.statusLabel ?? e.label)?.th}</strong>
              {e.message && <div>{e.message}</div>}
            </li>
          ))}
        </ol>
      </section>
      <Files code={code} canUpload={OPEN_FOR_FILES.includes(t.status)} />
      {t.canAnswer && <AnswerForm code={code} onDone={onChange} />}
      {t.canGiveFeedback && <FeedbackForm code={code} onDone={onChange} />}
    </>
  );
}

function TrackPage() {
  const form = useRef<HTMLFormElement>(null);
  const [input, setInput] = useState(codeFromPath());
  const [code, setCode] = useState(normalise(codeFromPath()));
  const [tracking, setTracking] = useState<Tracking | null>(null);
  const [error, setError] = useState<DescribedError | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(form, error);

  useEffect(() => {
    if (!code) return;
    setBusy(true);
    setError(null);
    call(api.GET('/api/v1/track/{trackingCode}', { params: { path: { trackingCode: code } } }))
      .then(setTracking, (err: unknown) => {
        setTracking(null);
        setError(describeError(err));
      })
      .finally(() => setBusy(false));
  }, [code, attempt]);

  const submit = (e: Event) => {
    e.preventDefault();
    const wanted = normalise(input);
    setNotice('');
    if (!CODE.test(wanted)) {
      setTracking(null);
      return setError({
        kind: 'validation',
        title: 'รหัสติดตามไม่ถูกต้อง / Check the tracking code',
        lines: [],
        fields: [{ field: 'code', message: 'รูปแบบ XXXX-XXXX-XXXX (ตัวอักษรและตัวเลข) / Format XXXX-XXXX-XXXX' }],
      });
    }
    history.replaceState(null, '', `/track/${wanted}${location.search}`);
    setCode(wanted);
    setAttempt((n) => n + 1);
  };
  const changed = (text: string) => {
    setNotice(text);
    setAttempt((n) => n + 1);
  };
  const retryable = error && ['network', 'server', 'bad-response', 'rate-limited'].includes(error.kind);

  return (
    <PublicLayout current="/track">
      <form ref={form} class="card" noValidate onSubmit={submit} aria-labelledby="track-title">
        <h1 id="track-title">
          ติดตามเรื่อง <span class="en">Track a complaint</span>
        </h1>
        <ErrorSummary
          error={error}
          fieldIds={{ code: 'code' }}
          fieldLabels={{ code: 'รหัสติดตาม / Tracking code' }}
        />
        {retryable && (
          <p>
            <button type="button" class="secondary" onClick={() => setAttempt((n) => n + 1)}>
              ลองใหม่ / Try again
            </button>
          </p>
        )}
        <Field
          id="code"
          label="รหัสติดตาม"
          labelEn="Tracking code"
          required
          hint="เช่น K7QM-4XPA-9RTB"
          error={errorsByField(error).code}
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
              value={input}
              onInput={(e) => setInput(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'กำลังค้นหา… / Looking…' : 'ติดตาม / Track'}
        </button>
      </form>
      <p role="status" class={notice ? 'card' : 'visually-hidden'}>
        {notice}
      </p>
      {tracking && <Result t={tracking} code={code} onChange={changed} />}
    </PublicLayout>
  );
}

render(<TrackPage />, document.getElementById('app')!);
