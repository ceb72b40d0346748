import { Field } from './Field';

interface Props {
  /** the recovery key input's id */
  id: string;
  label?: string;
  labelEn?: string;
  error?: string;
  recoveryKey: string;
  onRecoveryKey: (value: string) => void;
  replaceKey: boolean;
  onReplaceKey: (value: boolean) => void;
}

/**
 * An integrity officer's or custodian's recovery key (after a password reset), and the choice to make a
 * new key without it (earlier reports must then be granted again): at sign-in and when unlocking the key.
 */
export function RecoveryKeyFields(props: Props) {
  return (
    <>
      <Field
        id={props.id}
        label={props.label ?? 'กุญแจกู้คืน'}
        labelEn={props.labelEn ?? 'Recovery key'}
        error={props.error}
      >
        {(p) => (
          <input
            {...p}
            autoComplete="off"
            spellcheck={false}
            value={props.recoveryKey}
            onInput={(e) => props.onRecoveryKey(e.currentTarget.value)}
          />
        )}
      </Field>
      <label class="check">
        <input
          type="checkbox"
          checked={props.replaceKey}
          onChange={(e) => props.onReplaceKey(e.currentTarget.checked)}
        />
        <span>
          ไม่มีกุญแจกู้คืน: สร้างกุญแจใหม่ (ต้องขอสิทธิ์เรื่องเดิมใหม่){' '}
          <span class="en">No recovery key: make a new key (earlier reports must be granted again)</span>
        </span>
      </label>
    </>
  );
}
