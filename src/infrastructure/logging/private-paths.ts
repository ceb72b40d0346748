/**
 * Routes whose requests must leave no trace of who sent them or what they said: the integrity
 * (whistleblowing) channel. Logs there carry method, route and status only.
 */
export function isPrivatePath(url: string): boolean {
  return url.includes('/integrity-reports');
}

/**
 * The reporter's own routes (submitting, the receipt session and what it opens) and the web pages
 * that call them (/report, /orgs/{slug}/integrity/…, and the page assets). They get no access log
 * line at all: even method, path and time, put next to a network or building log, can tell when and
 * from where a report was sent. Failures there are still logged, without details.
 */
export function isReporterPath(url: string): boolean {
  const path = url.split('?')[0];
  return (
    /\/orgs\/[^/]+\/integrity-reports(\/|$)/.test(path) ||
    /\/integrity-reports\/session(\/|$)/.test(path) ||
    /^\/report\/?$/.test(path) ||
    /^\/orgs\/[^/]+\/integrity(\/|$)/.test(path) ||
    path.startsWith('/assets/')
  );
}

/** Tracking codes and receipts work like passwords for a case; keep them out of access logs. */
export function maskPath(url: string): string {
  const path = url.split('?')[0];
  if (isPrivatePath(path)) {
    // every segment after /integrity-reports that is not a plain route word (ids, numbers) is masked
    const [before, after] = path.split(/\/integrity-reports(?=\/|$)/, 2);
    const masked = (after ?? '')
      .split('/')
      .map((segment) => (segment === '' || /^[a-z][a-z-]*$/.test(segment) ? segment : '[id]'))
      .join('/');
    return `${before}/integrity-reports${masked}`;
  }
  return path.replace(/\/track\/[^/]+/, '/track/[code]');
}
