import { useState } from 'preact/hooks';
import { parseBEDate, toBEInput } from '../be-date';
import type { ControlProps } from './Field';

interface Props extends Partial<ControlProps> {
  /** the ISO day (`2026-11-15`) or '' */
  value: string;
  /** the ISO day, or null while what is typed is not a date (then `onInvalid` says why) */
  onChange: (iso: string | null) => void;
  onInvalid?: (message: string | null) => void;
}

/**
 * A date typed in the Buddhist era, `15/11/2569`: yields the ISO day `2026-11-15`. Use it inside a
 * `<Field hint="วว/ดด/ปปปป (พ.ศ.)">`; the parse error is reported through `onInvalid` for the field.
 */
export function BEDateInput({ value, onChange, onInvalid, ...control }: Props) {
  const [text, setText] = useState(value ? toBEInput(value) : '');
  return (
    <input
      {...control}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="15/11/2569"
      value={text}
      onInput={(e) => setText(e.currentTarget.value)}
      onBlur={() => {
        if (!text.trim()) {
          onInvalid?.(null);
          return onChange(null);
        }
        const parsed = parseBEDate(text);
        onInvalid?.(parsed.ok ? null : parsed.error);
        onChange(parsed.ok ? parsed.iso : null);
      }}
    />
  );
}
