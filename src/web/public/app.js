// Shared helpers of the web pages: API calls and bilingual error display. No framework, no tracking.
window.Rongrian = (function () {
  const api = async (method, path, body, headers) => {
    const res = await fetch('/api/v1' + path, {
      method,
      headers: Object.assign(body ? { 'content-type': 'application/json' } : {}, headers || {}),
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok)
      throw Object.assign(new Error((data && data.message) || res.statusText), {
        status: res.status,
        body: data,
      });
    return data;
  };
  const describeError = (err) => {
    const b = err.body || {};
    const lines = [(b.messageTh || 'เกิดข้อผิดพลาด') + ' / ' + (b.message || err.message)];
    (b.details || []).forEach((d) =>
      lines.push('• ' + d.field + ': ' + (d.messageTh ? d.messageTh + ' / ' : '') + d.message),
    );
    if (b.requestId) lines.push('(' + b.requestId + ')');
    return lines.join('\n');
  };
  const formatDate = (iso) =>
    new Date(iso).toLocaleString('th-TH', {
      timeZone: 'Asia/Bangkok',
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  const formatDay = (ymd) =>
    ymd
      ? new Date(ymd + 'T00:00:00+07:00').toLocaleDateString('th-TH', {
          timeZone: 'Asia/Bangkok',
          dateStyle: 'long',
        })
      : '-';
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) =>
      k === 'class' ? (e.className = v) : e.setAttribute(k, v),
    );
    children.flat().forEach((c) => c != null && e.append(c));
    return e;
  };
  /** 16 digits as `XXXX XXXX XXXX XXXX`, whatever spaces or dashes the server or the reader used. */
  const formatReceipt = (r) =>
    String(r)
      .replace(/\D/g, '')
      .replace(/(\d{4})(?=\d)/g, '$1 ');
  return { api, describeError, formatDate, formatDay, formatReceipt, el };
})();
