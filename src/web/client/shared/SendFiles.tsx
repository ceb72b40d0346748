/**
 * Choosing files and sending them at once, as on the tracking page and the officer's case page (the
 * forms that file a complaint or a report choose first and send after filing: FilePicker, UploadQueue).
 */
import { useRef, useState } from 'preact/hooks';
import { ACCEPT, fieldText, MAX_FILES } from './attachments';
import { Field } from './components/Field';
import { describeError, type DescribedError } from './errors';

/** `send` uploads the chosen files and returns what to announce; its failure is shown on the field. */
export function useSendFiles(send: (files: File[]) => Promise<string>) {
  const [chosen, setChosen] = useState<File[]>([]);
  const [error, setError] = useState<DescribedError | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const [pick, setPick] = useState(0);
  const submit = async (e: Event) => {
    e.preventDefault();
    setStatus('');
    const fail = (title: string) => {
      setError({ kind: 'validation', title, lines: [], fields: [] });
      input.current?.focus();
    };
    if (!chosen.length) return fail('โปรดเลือกไฟล์ / Choose a file');
    if (chosen.length > MAX_FILES)
      return fail(`ครั้งละไม่เกิน ${MAX_FILES} ไฟล์ / At most ${MAX_FILES} files at once`);
    setError(null);
    setBusy(true);
    try {
      const announced = await send(chosen);
      setChosen([]);
      setPick((n) => n + 1); // a fresh, empty file input
      setStatus(announced);
    } catch (err) {
      setError(describeError(err));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const field = (id: string, hint: string) => (
    <Field
      id={id}
      label="แนบรูปภาพหรือ PDF"
      labelEn="Attach photos or PDF"
      hint={hint}
      error={error ? fieldText(error) : undefined}
    >
      {(p) => (
        <input
          {...p}
          key={pick}
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(e) => setChosen(Array.from(e.currentTarget.files ?? []))}
        />
      )}
    </Field>
  );
  return { submit, busy, status, setStatus, field };
}
