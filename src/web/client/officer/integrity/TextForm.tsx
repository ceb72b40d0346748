import { useRef, useState } from 'preact/hooks';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import { useAction } from '../../shared/use-load';

interface Props {
  /** the input's id (unique on the page) */
  id: string;
  /** the API's name of the field (`body`, `justification`, `reason`), for its errors */
  field: string;
  label: string;
  labelEn: string;
  required?: boolean;
  hint?: string;
  /** the least number of characters the API takes (checked here first, said at the field) */
  minLength?: number;
  button: string;
  send: (text: string) => Promise<unknown>;
  /** after a success: the page's notice and reload */
  onDone: (message: string) => void;
  /** after a 409: the page reloads what changed */
  onConflict?: () => void;
}

/**
 * One text box and a button (a message to the reporter, an internal note, a justification, a reason):
 * required and length checked at the field first, then every API error shown (the field's at the
 * field, a 409 with a reload, a 429 with its wait, network loss, a server error).
 */
export function TextForm(props: Props) {
  const { id, field, label, labelEn, required = true, hint, minLength = 0, button } = props;
  const form = useRef<HTMLFormElement>(null);
  const [text, setText] = useState('');
  const { run, busy, error, setError } = useAction();
  useFocusFirstInvalid(form, error);
  const errors = errorsByField(error);

  const submit = async (e: Event) => {
    e.preventDefault();
    const value = text.trim();
    const problem =
      required && !value
        ? 'กรุณากรอกช่องนี้ / Required'
        : value && value.length < minLength
          ? `อย่างน้อย ${minLength} ตัวอักษร / At least ${minLength} characters`
          : null;
    if (problem) {
      setError({
        kind: 'validation',
        title: 'ข้อมูลไม่ครบ โปรดแก้ไขช่องที่แจ้งไว้ / Some fields need correcting',
        lines: [],
        fields: [{ field, message: problem }],
      });
      return;
    }
    let conflict = false;
    const done = await run(async () => {
      try {
        await props.send(value);
        return true;
      } catch (err) {
        conflict = (err as { status?: number }).status === 409;
        throw err;
      }
    });
    if (done) {
      setText('');
      props.onDone(`บันทึกแล้ว / Done: ${button}`);
    } else if (conflict) props.onConflict?.();
  };

  return (
    <form ref={form} class="action-form" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary
        error={
          error && error.kind === 'conflict'
            ? {
                ...error,
                lines: [...error.lines, 'โหลดข้อมูลล่าสุดแล้ว / The latest state has been loaded'],
              }
            : error
        }
        fieldIds={{ [field]: id }}
        fieldLabels={{ [field]: `${label} / ${labelEn}` }}
      />
      <Field id={id} label={label} labelEn={labelEn} required={required} hint={hint} error={errors[field]}>
        {(p) => <textarea {...p} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? 'กำลังส่ง… / Sending…' : button}
      </button>
    </form>
  );
}
