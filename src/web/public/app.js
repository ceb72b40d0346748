// @ts-check
// Shared helpers of the web pages: API calls and bilingual error display. No framework, no tracking.
// Type-checked against the API contract (browser.d.ts, ../api-types.ts) by `npm run lint`.
const Rongrian = (function () {
  /**
   * Seconds to wait from a Retry-After header (seconds or an HTTP date); undefined when absent.
   * @param {string | null} value
   * @returns {number | undefined}
   */
  const retryAfterSeconds = (value) => {
    if (!value) return undefined;
    if (/^\d+$/.test(value.trim())) return Number(value.trim());
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
  };

  /**
   * @param {number} status 0 when no answer came
   * @param {ApiErrorBody | null} body
   * @param {string} message
   * @param {number} [retryAfter]
   * @returns {ApiError}
   */
  const apiError = (status, body, message, retryAfter) =>
    Object.assign(new Error(message), { status, body, retryAfter });

  /**
   * One call of the API (under /api/v1). The method, path, body and answer are checked against the
   * OpenAPI document: write the path as a template literal (`/complaints/${id}/accept`) so that it
   * matches its route. Throws an ApiError: status 0 when the network failed, body null when the
   * answer was not the API's JSON (a proxy's error page).
   * @type {ApiCall}
   */
  const api = async (method, path, ...[body, headers]) => {
    /** @type {Response} */
    let res;
    let text;
    try {
      res = await fetch('/api/v1' + path, {
        method,
        headers: Object.assign(body ? { 'content-type': 'application/json' } : {}, headers || {}),
        body: body ? JSON.stringify(body) : undefined,
      });
      text = await res.text();
    } catch (err) {
      // no answer, or the connection broke while it came
      throw apiError(0, null, err instanceof Error ? err.message : String(err));
    }
    let data;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      throw apiError(
        res.status,
        null,
        'HTTP ' + res.status + ': not JSON',
        retryAfterSeconds(res.headers.get('retry-after')),
      );
    }
    if (!res.ok) {
      const errorBody = data && typeof data === 'object' && typeof data.code === 'string' ? data : null;
      throw apiError(
        res.status,
        errorBody,
        (errorBody && errorBody.message) || res.statusText || 'HTTP ' + res.status,
        retryAfterSeconds(res.headers.get('retry-after')),
      );
    }
    return data;
  };

  /**
   * What a caught value says of an API failure (status, body, …); an empty object for anything else.
   * @param {unknown} err
   * @returns {Partial<ApiError>}
   */
  const failure = (err) => (err && typeof err === 'object' ? err : {});

  /**
   * `N วินาที / N seconds`, or minutes from 90 seconds on.
   * @param {number} seconds
   */
  const waitFor = (seconds) =>
    seconds >= 90
      ? Math.ceil(seconds / 60) + ' นาที / ' + Math.ceil(seconds / 60) + ' minutes'
      : seconds + ' วินาที / ' + seconds + ' seconds';

  /**
   * @param {unknown} value
   * @returns {string}
   */
  const show = (value) =>
    Array.isArray(value)
      ? value.length
        ? value.map(show).join(', ')
        : '-'
      : value && typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);

  /**
   * What went wrong, Thai first, for any error a page catches: the API's error body with `details` of
   * any shape (a list of field problems, named by the page's label for the field when it knows one,
   * or an object such as `{currentStatus, allowedActions}`), how long to wait after a 429, a network
   * failure, an answer that is not the API's JSON, or a fault of the page itself. Never throws.
   * @param {unknown} err
   * @param {FieldLabels} [labels]
   * @returns {string}
   */
  const describeError = (err, labels) => {
    const e = err && typeof err === 'object' ? failure(err) : { message: String(err) };
    const status = typeof e.status === 'number' ? e.status : undefined;
    const b = e.body && typeof e.body === 'object' ? e.body : null;
    /** @type {string[]} */
    const lines = [];
    if (status === 0)
      lines.push(
        'เชื่อมต่อเซิร์ฟเวอร์ไม่ได้ โปรดตรวจสอบอินเทอร์เน็ตแล้วลองใหม่ / Could not reach the server; check the connection and try again',
      );
    else if (status === undefined)
      lines.push('เกิดข้อผิดพลาดในหน้าเว็บ โปรดโหลดหน้าใหม่ / Something went wrong on this page; please reload it');
    else if (!b)
      lines.push(
        'เซิร์ฟเวอร์ตอบกลับไม่ถูกต้อง (HTTP ' +
          status +
          ') โปรดลองใหม่ภายหลัง / The server gave an unexpected answer (HTTP ' +
          status +
          '); please try again later',
      );
    else lines.push((b.messageTh || 'เกิดข้อผิดพลาด') + ' / ' + (b.message || e.message || 'Error'));
    const details = b ? b.details : undefined;
    /** @type {number | undefined} */
    let wait = e.retryAfter;
    if (Array.isArray(details))
      details.forEach((d) => {
        if (d && typeof d === 'object' && 'field' in d) {
          const p = /** @type {{field: unknown, message?: unknown, messageTh?: unknown}} */ (d);
          const field = String(p.field);
          const label = (labels && labels[field]) || field;
          lines.push('• ' + label + ': ' + (p.messageTh ? p.messageTh + ' / ' : '') + (p.message ?? ''));
        } else lines.push('• ' + show(d));
      });
    else if (details && typeof details === 'object')
      Object.entries(details).forEach(([key, value]) => {
        if (key === 'retryAfterSeconds' && typeof value === 'number') wait = wait ?? value;
        else if (key === 'currentStatus' || key === 'status')
          lines.push('• สถานะปัจจุบัน / Current status: ' + show(value));
        else if (key === 'allowedActions')
          lines.push(
            '• ทำได้ตอนนี้ / Allowed now: ' +
              (Array.isArray(value) && value.length ? show(value) : 'ไม่มี / none'),
          );
        else lines.push('• ' + ((labels && labels[key]) || key) + ': ' + show(value));
      });
    if (status === 429)
      lines.push(
        wait !== undefined
          ? 'โปรดรอ ' + waitFor(wait).replace(' / ', ' แล้วลองใหม่ / Please wait ') + ' and try again'
          : 'โปรดรอสักครู่แล้วลองใหม่ / Please wait a moment and try again',
      );
    if (status === undefined && e.message) lines.push('(' + e.message + ')');
    if (b && b.requestId) lines.push('(' + b.requestId + ')');
    return lines.join('\n');
  };

  /** @param {string} iso */
  const formatDate = (iso) =>
    new Date(iso).toLocaleString('th-TH', {
      timeZone: 'Asia/Bangkok',
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  /** @param {string | null | undefined} ymd */
  const formatDay = (ymd) =>
    ymd
      ? new Date(ymd + 'T00:00:00+07:00').toLocaleDateString('th-TH', {
          timeZone: 'Asia/Bangkok',
          dateStyle: 'long',
        })
      : '-';

  /** @typedef {Node | string | number | null | undefined} Child */
  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, string> | null} [attrs]
   * @param {...(Child | Child[])} children
   * @returns {HTMLElementTagNameMap[K]}
   */
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) =>
      k === 'class' ? (e.className = v) : e.setAttribute(k, v),
    );
    children.flat().forEach((c) => c != null && e.append(typeof c === 'number' ? String(c) : c));
    return e;
  };

  /**
   * An element of the page by its id (the pages' ids are fixed in their HTML; web.e2e-spec checks
   * that each one a script uses exists). Typed loosely as a form control, which is what most are.
   * @param {string} id
   * @returns {PageElement}
   */
  const byId = (id) => {
    const e = document.getElementById(id);
    if (!e) throw new Error('no element #' + id);
    return /** @type {PageElement} */ (e);
  };

  /**
   * The page's label of each API field (`{ 'complainant.phone': 'phone' }`: field → input id, whose
   * `<label for>` text is used), so field errors name what the reader sees.
   * @param {Record<string, string>} fieldToId
   * @returns {FieldLabels}
   */
  const labels = (fieldToId) =>
    Object.fromEntries(
      Object.entries(fieldToId).map(([field, id]) => {
        const label = document.querySelector('label[for="' + id + '"]');
        if (!label) return [field, field];
        const tidy = (/** @type {string | null} */ s) => (s || '').replace(/\s+/g, ' ').trim();
        const en = tidy(label.querySelector('.en')?.textContent ?? null);
        const all = tidy(label.textContent);
        const th = en && all.endsWith(en) ? all.slice(0, -en.length).trim() : all;
        return [field, en && th ? th + ' / ' + en : all || field];
      }),
    );

  /**
   * The officer console's form fields as labels (`th / en`).
   * @param {FieldSpec[]} fields
   * @returns {FieldLabels}
   */
  const labelsOf = (fields) => Object.fromEntries(fields.map((f) => [f.name, f.th + ' / ' + f.en]));

  /**
   * 16 digits as `XXXX XXXX XXXX XXXX`, whatever spaces or dashes the server or the reader used.
   * @param {string} r
   */
  const formatReceipt = (r) =>
    String(r)
      .replace(/\D/g, '')
      .replace(/(\d{4})(?=\d)/g, '$1 ');
  return { api, failure, describeError, labels, labelsOf, formatDate, formatDay, formatReceipt, el, byId };
})();
window.Rongrian = Rongrian;
