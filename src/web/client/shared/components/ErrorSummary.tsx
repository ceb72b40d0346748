import { useEffect, useRef } from 'preact/hooks';
import type { DescribedError } from '../errors';

interface Props {
  error: DescribedError | null;
  /** the API's field path → the id of its input, so the summary links to the field */
  fieldIds?: Record<string, string>;
  /** field labels for problems whose field has no input on this page */
  fieldLabels?: Record<string, string>;
}

/**
 * What went wrong, at the top of a form (role="alert", so screen readers hear it). Lists each field
 * problem with a link to its field. When no field is invalid it takes the focus itself; otherwise
 * `useFocusFirstInvalid` moves the focus to the first invalid field.
 */
const NONE: Record<string, string> = {};

export function ErrorSummary({ error, fieldIds = NONE, fieldLabels = NONE }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && !error.fields.some((f) => fieldIds[f.field])) box.current?.focus();
  }, [error, fieldIds]);
  if (!error) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box} data-error-kind={error.kind}>
      <p class="error-title">{error.title}</p>
      {error.lines.length > 0 && (
        <ul>
          {error.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {error.fields.length > 0 && (
        <ul>
          {error.fields.map((f) => (
            <li key={f.field}>
              {fieldIds[f.field] ? (
                <a href={`#${fieldIds[f.field]}`}>{fieldLabels[f.field] ?? f.field}</a>
              ) : (
                (fieldLabels[f.field] ?? f.field)
              )}
              : {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Moves the focus to the first `aria-invalid` control inside `form` whenever `error` changes. */
export function useFocusFirstInvalid(form: { current: HTMLElement | null }, error: unknown): void {
  useEffect(() => {
    if (!error) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }, [form, error]);
}
