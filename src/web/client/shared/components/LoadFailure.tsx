import type { DescribedError } from '../errors';
import { ErrorSummary } from './ErrorSummary';

interface Props {
  error: DescribedError | null;
  onRetry: () => void;
  /** what the button loads again (default "ลองใหม่ / Try again") */
  label?: string;
  /** a card of its own (a page's data), or inside a form (the data of one of its fields) */
  card?: boolean;
}

/** A failed load: what went wrong (an alert) and a button that loads again. Nothing without an error. */
export function LoadFailure({ error, onRetry, label = 'ลองใหม่ / Try again', card = false }: Props) {
  if (!error) return null;
  return (
    <div class={card ? 'card' : undefined}>
      <ErrorSummary error={error} />
      <button type="button" class={card ? undefined : 'secondary'} onClick={onRetry}>
        {label}
      </button>
    </div>
  );
}
