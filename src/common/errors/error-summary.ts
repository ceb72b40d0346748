/**
 * What may be logged of an error: its class, its code and, for a database error, the constraint;
 * plus the code locations of its stack. Never its message, parameters, query or detail: a PostgreSQL
 * error quotes the values it refused ("Failing row contains (…)", "invalid input syntax: "…""),
 * TypeORM adds the statement's parameters, and an SMTP answer may quote an address.
 */
export interface ErrorSummary {
  errorName: string;
  errorCode?: string;
  constraint?: string;
  /** `at …` lines only (the first line of a stack repeats the message) */
  frames?: string[];
}

const MAX_FRAMES = 8;

export function summarizeError(error: unknown): ErrorSummary {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    constraint?: unknown;
    driverError?: { code?: unknown; constraint?: unknown };
    stack?: unknown;
  };
  const name = typeof e.name === 'string' ? e.name : typeof error;
  const code = e.driverError?.code ?? e.code;
  const constraint = e.driverError?.constraint ?? e.constraint;
  const frames =
    typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((line) => /^\s+at [^\s]/.test(line))
          .slice(0, MAX_FRAMES)
          .map((line) => line.trim())
      : [];
  return {
    errorName: safeWord(name) ?? 'Error',
    ...(safeWord(code) ? { errorCode: safeWord(code) } : {}),
    ...(safeWord(constraint) ? { constraint: safeWord(constraint) } : {}),
    ...(frames.length > 0 ? { frames } : {}),
  };
}

/** `QueryFailedError 23514 ck_x` — for log lines written as text. */
export function describeError(error: unknown): string {
  const s = summarizeError(error);
  return [s.errorName, s.errorCode, s.constraint].filter(Boolean).join(' ');
}

/** Names and codes are identifiers; anything else (a value someone put there) is not logged. */
function safeWord(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : undefined;
}
