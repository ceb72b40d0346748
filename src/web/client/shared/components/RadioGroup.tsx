/** A group of radio buttons with a legend, Thai first with the English after it (the forms' "kind" choice). */
export interface RadioOption<T extends string> {
  code: T;
  th: string;
  en: string;
}

interface Props<T extends string> {
  /** the inputs' name; each input's id is `${name}-${code}` (what an error summary links to) */
  name: string;
  /** the legend: Thai, English */
  legend: [string, string];
  options: RadioOption<T>[];
  value: T;
  onChange: (value: T) => void;
}

export function RadioGroup<T extends string>({ name, legend, options, value, onChange }: Props<T>) {
  return (
    <fieldset class="stars">
      <legend>
        {legend[0]} <span class="en">{legend[1]}</span>
      </legend>
      {options.map((o) => (
        <label key={o.code} for={`${name}-${o.code}`}>
          <input
            type="radio"
            id={`${name}-${o.code}`}
            name={name}
            value={o.code}
            checked={value === o.code}
            onChange={() => onChange(o.code)}
          />
          {o.th} <span class="en">{o.en}</span>
        </label>
      ))}
    </fieldset>
  );
}
