import type { ComponentChildren } from 'preact';

/** What a field passes to its control: spread it on the `<input>`, `<select>` or `<textarea>`. */
export interface ControlProps {
  id: string;
  name: string;
  required: boolean;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

interface Props {
  id: string;
  /** Thai first; the English after it is shown smaller */
  label: string;
  labelEn?: string;
  required?: boolean;
  hint?: string;
  /** this field's error (from `errorsByField`), shown under the label */
  error?: string;
  children: (control: ControlProps) => ComponentChildren;
}

/**
 * A labelled form field: the label (with a required mark), an optional hint, the error next to the
 * field, and the control with `aria-invalid` / `aria-describedby` bound to them.
 */
export function Field({ id, label, labelEn, required = false, hint, error, children }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {label}
        {labelEn && <span class="en"> {labelEn}</span>}
        {required && (
          <span class="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        {required && <span class="visually-hidden"> (จำเป็น / required)</span>}
      </label>
      {hint && (
        <small id={hintId} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
      {children({
        id,
        name: id,
        required,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': describedBy,
      })}
    </div>
  );
}

/** The described error's field problems by the API's field path, for `<Field error={...}>`. */
export const errorsByField = (
  error: { fields: { field: string; message: string }[] } | null,
): Record<string, string> => Object.fromEntries((error?.fields ?? []).map((f) => [f.field, f.message]));

/** The line under a form's heading that explains the required mark. */
export function RequiredNote() {
  return (
    <p class="muted">
      ช่องที่มีเครื่องหมาย <span class="required">*</span> จำเป็นต้องกรอก / Fields marked * are required
    </p>
  );
}

/** A coded choice (categories, kinds of wrongdoing): Thai — English; "Loading…" and disabled until known. */
export function CodeSelect({
  control,
  value,
  onChange,
  options,
  choose,
}: {
  control: ControlProps;
  value: string;
  onChange: (e: Event) => void;
  options: { code: string; nameTh: string; nameEn: string }[] | null;
  /** the empty choice's text once the options are known */
  choose: string;
}) {
  return (
    <select {...control} value={value} onChange={onChange} disabled={!options}>
      <option value="">{options ? choose : 'กำลังโหลด… / Loading…'}</option>
      {options?.map((o) => (
        <option key={o.code} value={o.code}>
          {o.nameTh} — {o.nameEn}
        </option>
      ))}
    </select>
  );
}
