import { MessageTemplate, RecipientKind, TEMPLATES } from './message-template';

/** A caller asked for a message that must not exist (programming error): the caller's transaction rolls back. */
export class InvalidNotificationError extends Error {
  override readonly name = 'InvalidNotificationError';
}

const isLinkKey = (key: string) => key.endsWith('Url');

function resolveLink(key: string, value: unknown, publicBaseUrl: string, closed: boolean): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidNotificationError(`param ${key} must be a URL or a path starting with "/"`);
  }
  const absolute = value.startsWith('/') ? `${publicBaseUrl}${value}` : value;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    throw new InvalidNotificationError(`param ${key} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidNotificationError(`param ${key} must be an http(s) link`);
  }
  if (closed && (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')) {
    throw new InvalidNotificationError(
      `param ${key} of an integrity message must carry no query or fragment`,
    );
  }
  return absolute;
}

function resolveLinks(value: unknown, publicBaseUrl: string, closed: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveLinks(v, publicBaseUrl, closed));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        isLinkKey(k) ? resolveLink(k, v, publicBaseUrl, closed) : resolveLinks(v, publicBaseUrl, closed),
      ]),
    );
  }
  return value;
}

/**
 * Checks a message against its template's rules and returns the params to store: links given as
 * paths ("/track/ABC") become absolute on PUBLIC_BASE_URL. Refuses a template sent to the wrong kind
 * of recipient, a missing param, and for integrity templates any param beyond the allowed ones.
 */
export function prepareParams(
  template: MessageTemplate,
  recipientKind: RecipientKind,
  params: Record<string, unknown>,
  publicBaseUrl: string,
): Record<string, unknown> {
  const spec = TEMPLATES[template];
  if (!spec) throw new InvalidNotificationError(`unknown template ${String(template)}`);
  if (spec.audience !== recipientKind) {
    throw new InvalidNotificationError(
      `template ${template} is for a ${spec.audience}, not a ${recipientKind}`,
    );
  }
  const secret = Object.keys(spec.resolved ?? {}).filter((p) => params[p] !== undefined);
  if (secret.length > 0) {
    throw new InvalidNotificationError(
      `template ${template}: ${secret.join(', ')} come from the recipient's resolver when sending, never from the caller`,
    );
  }
  const missing = spec.params.filter((p) => params[p] === undefined || params[p] === null);
  if (missing.length > 0) {
    throw new InvalidNotificationError(`template ${template} needs ${missing.join(', ')}`);
  }
  if (spec.closed) {
    const extra = Object.keys(params).filter((p) => !spec.params.includes(p));
    if (extra.length > 0) {
      throw new InvalidNotificationError(
        `template ${template} carries no content: ${extra.join(', ')} not allowed`,
      );
    }
    const nonScalar = spec.params.filter(
      (p) => typeof params[p] !== 'string' && typeof params[p] !== 'number',
    );
    if (nonScalar.length > 0) {
      throw new InvalidNotificationError(
        `template ${template}: ${nonScalar.join(', ')} must be plain values`,
      );
    }
  }
  return resolveLinks(params, publicBaseUrl, spec.closed === true) as Record<string, unknown>;
}
