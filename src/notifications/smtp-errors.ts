/** The shape of a nodemailer error (all fields optional: connection errors carry no SMTP answer). */
export interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

export type SmtpFailure = 'transient' | 'permanent';

/**
 * Permanent: the server refused this message or recipient for good (a 5xx answer to RCPT TO or
 * DATA), or nodemailer refused the address before talking to a server (EENVELOPE without an answer:
 * malformed address). Everything else is worth retrying: 4xx answers (greylisting, mailbox busy,
 * rate limits), connection refused or reset, timeouts, TLS, and refusals of our own account
 * (authentication, sender address): those are configuration, and once fixed the messages go through.
 */
export function classifySmtpError(error: SmtpErrorLike): SmtpFailure {
  if (error.code === 'EAUTH' || error.command === 'MAIL FROM') return 'transient';
  const code = error.responseCode;
  if (typeof code === 'number' && code >= 500 && code < 600) return 'permanent';
  if (typeof code === 'number' && code >= 400 && code < 500) return 'transient';
  if (error.code === 'EENVELOPE') return 'permanent';
  return 'transient';
}

/** What to record: the server's own answer when there is one, else the error; bounded in length. */
export function describeSmtpError(error: SmtpErrorLike): string {
  const answer = error.response?.trim();
  const text = answer ? answer : [error.code, error.message].filter(Boolean).join(': ') || 'unknown error';
  const where = error.command ? ` (after ${error.command})` : '';
  return `${text}${where}`.slice(0, 1000);
}
