/**
 * The one error model of the browser code. Every failed call becomes an `ApiError` (see api.ts), and
 * `describeError` turns anything a page catches into what the page shows: a Thai-first title, extra
 * lines, errors per field, how long to wait. It classifies every error class and never throws,
 * whatever the shape of the server's `details`. Pure and DOM-free: unit-tested in test/web.
 */

/** The API's error body: `{ statusCode, code, message, messageTh?, details?, requestId }`. */
export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  messageTh?: string;
  details?: unknown;
  requestId?: string;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer arrived (offline, connection refused, aborted) */
    readonly status: number,
    /** the parsed JSON error body, or null when the answer was not the API's JSON (a proxy's HTML page) */
    readonly body: ApiErrorBody | null,
    /** seconds from the Retry-After header, when present */
    readonly retryAfter?: number,
  ) {
    super(body?.message ?? (status === 0 ? 'Network error' : `HTTP ${status}`));
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.body?.code;
  }
}

export type ErrorKind =
  | 'network'
  | 'bad-response'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'locked'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'unsupported-type'
  | 'rate-limited'
  | 'server'
  | 'client'
  | 'page';

/** One field's problem, named by the API's path (`complainant.phone`). */
export interface FieldError {
  field: string;
  /** Thai first, English after a slash when the API gives both */
  message: string;
}

export interface DescribedError {
  kind: ErrorKind;
  /** one line, Thai first */
  title: string;
  /** further lines: the current status of a case, what to do next, the request id */
  lines: string[];
  fields: FieldError[];
  retryAfterSeconds?: number;
  requestId?: string;
  /** the API's stable error code, when it sent one (pages branch on it, e.g. INTEGRITY_KEY_LOCKED) */
  code?: string;
}

/** How long to wait, in words: "30 วินาที / 30 seconds", "2 นาที / 2 minutes". */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} วินาที / ${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `${m} นาที / ${m} minute${m === 1 ? '' : 's'}`;
  const h = Math.ceil(m / 60);
  return `${h} ชั่วโมง / ${h} hour${h === 1 ? '' : 's'}`;
}

const show = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') {
    const v = value as { th?: unknown; en?: unknown };
    if (typeof v.th === 'string') return typeof v.en === 'string' ? `${v.th} / ${v.en}` : v.th;
    try {
      return JSON.stringify(value);
    } catch {
      return '[?]';
    }
  }
  return String(value as string);
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const bilingual = (th: string | undefined, en: string | undefined, fallback: string) =>
  th && en ? `${th} / ${en}` : th || en || fallback;

const KIND_BY_STATUS: Record<number, ErrorKind> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-type',
  422: 'validation',
  429: 'rate-limited',
};

const TITLES: Record<ErrorKind, string> = {
  network: 'ขาดการเชื่อมต่อ ลองใหม่ / Connection lost; try again',
  'bad-response':
    'เซิร์ฟเวอร์ตอบกลับไม่ถูกต้อง โปรดลองใหม่ภายหลัง / The server gave an unexpected answer; try again later',
  validation: 'ข้อมูลไม่ถูกต้อง โปรดแก้ไขช่องที่แจ้งไว้ / Some fields need correcting',
  unauthenticated: 'กรุณาเข้าสู่ระบบ / Please sign in',
  forbidden: 'ท่านไม่มีสิทธิ์ทำรายการนี้ / You may not do this',
  locked:
    'เข้าสู่ระบบผิดหลายครั้งเกินไป บัญชีถูกระงับชั่วคราว / Too many failed sign-ins; the account is locked for a while',
  'not-found': 'ไม่พบข้อมูลที่ต้องการ / Not found',
  conflict: 'ข้อมูลถูกเปลี่ยนไปแล้ว โปรดโหลดใหม่ / Someone changed this meanwhile; reload it',
  'too-large': 'ไฟล์หรือข้อมูลใหญ่เกินไป / Too large',
  'unsupported-type': 'ไม่รองรับชนิดไฟล์นี้ / This type of file is not accepted',
  'rate-limited': 'มีคำขอมากเกินไป / Too many requests',
  server: 'ระบบขัดข้อง โปรดลองใหม่ภายหลัง / The service had a problem; try again later',
  client: 'คำขอไม่สำเร็จ / The request failed',
  page: 'เกิดข้อผิดพลาดในหน้าเว็บ โปรดโหลดหน้าใหม่ / Something went wrong on this page; reload it',
};

/** Field problems from `details` in any shape: a list of `{field, message, messageTh}`, or an object by field. */
function fieldErrors(details: unknown): { fields: FieldError[]; rest: string[] } {
  const fields: FieldError[] = [];
  const rest: string[] = [];
  if (Array.isArray(details)) {
    for (const d of details) {
      if (isRecord(d) && typeof d.field === 'string') {
        const th = typeof d.messageTh === 'string' ? d.messageTh : undefined;
        const en = typeof d.message === 'string' ? d.message : undefined;
        fields.push({ field: d.field, message: bilingual(th, en, 'ไม่ถูกต้อง / invalid') });
      } else if (show(d)) rest.push(show(d));
    }
  } else if (isRecord(details)) {
    for (const [field, value] of Object.entries(details))
      fields.push({ field, message: show(value) || 'ไม่ถูกต้อง / invalid' });
  } else if (details !== undefined && details !== null && show(details)) rest.push(show(details));
  return { fields, rest };
}

/** Lines for `details` that are not about fields: the case's current status, allowed actions, a wait. */
function detailLines(details: unknown): { lines: string[]; wait?: number } {
  const lines: string[] = [];
  let wait: number | undefined;
  if (isRecord(details)) {
    for (const [key, value] of Object.entries(details)) {
      if (key === 'retryAfterSeconds' && typeof value === 'number') wait = value;
      else if (key === 'currentStatus' || key === 'status' || key === 'statusLabel')
        lines.push(`สถานะปัจจุบัน / Current status: ${show(value)}`);
      else if (key === 'allowedActions')
        lines.push(
          `ทำได้ตอนนี้ / Allowed now: ${Array.isArray(value) && value.length ? show(value) : 'ไม่มี / none'}`,
        );
      else lines.push(`${key}: ${show(value)}`);
    }
  } else if (Array.isArray(details)) for (const d of details) lines.push(show(d));
  else if (details !== undefined && details !== null) lines.push(show(details));
  return { lines: lines.filter(Boolean), wait };
}

/** What went wrong, for anything a page catches. Never throws. */
export function describeError(err: unknown): DescribedError {
  try {
    const described = describe(err);
    if (err instanceof ApiError && err.code) described.code = err.code;
    return described;
  } catch {
    return { kind: 'page', title: TITLES.page, lines: [], fields: [] };
  }
}

function describe(err: unknown): DescribedError {
  if (!(err instanceof ApiError)) {
    // fetch's own failures reach here only when a page calls fetch itself; api.ts wraps them
    if (err instanceof TypeError && /fetch|network|load failed/i.test(err.message))
      return { kind: 'network', title: TITLES.network, lines: [], fields: [] };
    return { kind: 'page', title: TITLES.page, lines: [], fields: [] };
  }
  const { status, body } = err;
  if (status === 0) return { kind: 'network', title: TITLES.network, lines: [], fields: [] };
  const requestId = typeof body?.requestId === 'string' ? body.requestId : undefined;
  const reference = requestId ? [`รหัสอ้างอิง / Request id: ${requestId}`] : [];
  if (!body)
    return {
      kind: status >= 500 ? 'server' : 'bad-response',
      title: `${TITLES[status >= 500 ? 'server' : 'bad-response']} (HTTP ${status})`,
      lines: [],
      fields: [],
      retryAfterSeconds: err.retryAfter,
    };
  if (status >= 500) return { kind: 'server', title: TITLES.server, lines: reference, fields: [], requestId };

  const code = body.code;
  const kind: ErrorKind = code === 'ACCOUNT_LOCKED' ? 'locked' : (KIND_BY_STATUS[status] ?? 'client');
  const server = bilingual(body.messageTh, body.message, TITLES[kind]);
  if (kind === 'validation') {
    const { fields, rest } = fieldErrors(body.details);
    return { kind, title: fields.length ? TITLES.validation : server, lines: rest, fields, requestId };
  }
  const { lines, wait: detailWait } = detailLines(body.details);
  const wait = err.retryAfter ?? detailWait;
  if (kind === 'rate-limited' || kind === 'locked') {
    lines.push(
      wait !== undefined
        ? `โปรดรอ ${waitText(wait).split(' / ')[0]} แล้วลองใหม่ / Please wait ${waitText(wait).split(' / ')[1]} and try again`
        : 'โปรดรอสักครู่แล้วลองใหม่ / Please wait a moment and try again',
    );
    return {
      kind,
      title: kind === 'locked' ? TITLES.locked : server,
      lines,
      fields: [],
      retryAfterSeconds: wait,
      requestId,
    };
  }
  return { kind, title: server, lines, fields: [], requestId };
}

/** `Retry-After` in seconds (a number or an HTTP date), or undefined. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
