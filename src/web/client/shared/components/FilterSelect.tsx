import type { ComponentChildren } from 'preact';
import { Field } from './Field';

interface Props {
  id: string;
  label: string;
  labelEn: string;
  /** [value, text] in the order shown */
  options: [string, string][];
  current: string;
  /** the form field's name when it differs from the id */
  name?: string;
  /** the first option, which filters nothing */
  anyLabel?: string;
  /** options between the first one and `options` (e.g. a group of values) */
  children?: ComponentChildren;
}

/**
 * A list's filter: "All" first, then the choices. `selected` on the option rather than `value` on the
 * select: Preact would reset a select's value on every re-render (a date typed elsewhere in the
 * form), undoing the officer's choice.
 */
export function FilterSelect({
  id,
  label,
  labelEn,
  options,
  current,
  name,
  anyLabel = 'ทั้งหมด / All',
  children,
}: Props) {
  return (
    <Field id={id} label={label} labelEn={labelEn}>
      {(p) => (
        <select {...p} name={name ?? p.name}>
          <option value="">{anyLabel}</option>
          {children}
          {options.map(([value, text]) => (
            <option key={value} value={value} selected={value === current}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
