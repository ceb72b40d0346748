import { Field } from './Field';

interface Props {
  id: string;
  label: string;
  labelEn: string;
  error?: string;
  value: string;
  onInput: (value: string) => void;
  /** `current-password` to sign in, `new-password` to choose one (password managers tell them apart) */
  autoComplete: 'current-password' | 'new-password';
}

/** A required password field with its label and error (sign-in, choosing a password, switching organisation). */
export function PasswordField({ id, label, labelEn, error, value, onInput, autoComplete }: Props) {
  return (
    <Field id={id} label={label} labelEn={labelEn} required error={error}>
      {(p) => (
        <input
          {...p}
          type="password"
          autoComplete={autoComplete}
          maxLength={200}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
