/**
 * Files chosen on a form, sent after the form itself was accepted (a complaint, an integrity report):
 * one request per file, so the page can say which files arrived and which did not and why (415 type,
 * 413 size, 429 wait, no network, …). What failed stays listed with its reason, can be removed or
 * sent again, and other files can be added; what was filed (the code, the receipt) is never at stake.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { chosenProblem, FilePicker, fieldText, sizeText, useObjectUrl } from './attachments';
import { describeError, type DescribedError } from './errors';

function Arrived({ file }: { file: File }) {
  const src = useObjectUrl(file);
  return (
    <li>
      {src && <img src={src} alt="" width={96} height={96} />}
      <p>
        {file.name} · {sizeText(file.size)}
      </p>
    </li>
  );
}

export function UploadQueue({
  initial,
  send,
  onSettled,
  id = 'more-files',
}: {
  /** the files chosen on the form, sent as soon as this is shown */
  initial: File[];
  /** sends one file; throws the API's error when it is refused */
  send: (file: File) => Promise<void>;
  /** after each round of sending: whether every file arrived */
  onSettled?: (allSent: boolean) => void;
  id?: string;
}) {
  const [pending, setPending] = useState<File[]>(initial);
  const [arrived, setArrived] = useState<File[]>([]);
  const [problems, setProblems] = useState<Map<File, DescribedError>>(new Map());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const startedRef = useRef(false);

  const sendAll = async (files: File[]) => {
    const problem = chosenProblem(files);
    setError(problem ?? undefined);
    if (problem || !files.length) return;
    setBusy(true);
    const failed = new Map<File, DescribedError>();
    const done: File[] = [];
    for (const [i, file] of files.entries()) {
      setStatus(`กำลังส่งไฟล์ ${i + 1} จาก ${files.length} / Sending file ${i + 1} of ${files.length}`);
      try {
        await send(file);
        done.push(file);
      } catch (err) {
        failed.set(file, describeError(err));
      }
    }
    setArrived((a) => [...a, ...done]);
    setPending(files.filter((f) => failed.has(f)));
    setProblems(failed);
    setBusy(false);
    onSettled?.(failed.size === 0);
    setStatus(
      failed.size
        ? `ส่งไม่สำเร็จ ${failed.size} ไฟล์ / ${failed.size} file(s) not sent`
        : `ได้รับไฟล์แล้ว ${done.length} ไฟล์ / ${done.length} file(s) received`,
    );
  };

  // leaving or reloading the page forgets files not yet sent (they live in its memory only; on the
  // integrity channel the receipt too): the browser asks first, while any is sending or waiting
  const unsent = busy || pending.length > 0;
  useEffect(() => {
    if (!unsent) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older Safari and Chrome ask only when this is set
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsent]);

  useEffect(() => {
    if (startedRef.current) return;
    startedRef.current = true;
    void sendAll(initial);
    // the files chosen on the form are sent once, when the receipt is shown
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <section class="card no-print" aria-labelledby={`${id}-title`} data-testid={`${id}-section`}>
      <h2 id={`${id}-title`}>
        ไฟล์ที่แนบ <span class="en">Your files</span>
      </h2>
      <p aria-live="polite" data-testid={`${id}-status`}>
        {status}
      </p>
      {arrived.length > 0 && (
        <>
          <h3>
            ได้รับแล้ว <span class="en">Received</span>
          </h3>
          <ul class="attachments" data-testid={`${id}-arrived`}>
            {arrived.map((f, i) => (
              <Arrived key={`${f.name}-${i}`} file={f} />
            ))}
          </ul>
        </>
      )}
      {(pending.length > 0 || problems.size > 0) && !busy && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void sendAll(pending);
          }}
        >
          <p>
            ไฟล์ด้านล่างยังไม่ได้ส่ง เรื่องของท่านได้รับแล้ว เอาไฟล์ที่มีปัญหาออกหรือเลือกไฟล์อื่น แล้วส่งอีกครั้ง
            หรือส่งภายหลังในหน้าติดตามเรื่อง หากออกจากหรือโหลดหน้านี้ใหม่ ไฟล์เหล่านี้จะหายไป{' '}
            <span class="en">
              The files below were not sent; what you filed is safe. Remove a refused file or choose another,
              then send again, or send them later from the page where you follow it up. Leaving or reloading
              this page forgets them.
            </span>
          </p>
          <FilePicker
            id={id}
            files={pending}
            onChange={(files) => {
              setPending(files);
              setError(undefined);
            }}
            error={error}
            problemOf={(f) => {
              const p = problems.get(f);
              return p && fieldText(p);
            }}
          />
          <button type="submit" disabled={!pending.length}>
            ส่งไฟล์อีกครั้ง / Send the files again
          </button>
        </form>
      )}
    </section>
  );
}
