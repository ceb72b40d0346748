/**
 * Routes whose requests must leave no trace of who sent them or what they said: the integrity
 * (whistleblowing) channel. Logs there carry method, route and status only.
 */
export function isPrivatePath(url: string): boolean {
  return url.includes('/integrity-reports');
}

/** Tracking codes and receipts work like passwords for a case; keep them out of access logs. */
export function redactUrl(url: string): string {
  const path = url.split('?')[0];
  if (isPrivatePath(path)) return path.replace(/\/integrity-reports\/[^/]+/, '/integrity-reports/[id]');
  return path.replace(/\/track\/[^/]+/, '/track/[code]');
}
