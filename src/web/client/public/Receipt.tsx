/**
 * The receipt of a filed complaint: the tracking code with copy, print (with a QR code made here, in
 * the page: no third-party service) and share buttons; what happens is announced in an aria-live region.
 */
import { encode } from 'uqr';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatDayBE } from '../shared/be-date';
import type { ReceiptData } from './receipt-fragment';

/** The QR code of a URL as one SVG path (modules drawn as 1×1 squares). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { path, size } = useMemo(() => {
    const { data } = encode(text, { ecc: 'M', border: 2 });
    const d: string[] = [];
    data.forEach((row, y) => row.forEach((on, x) => on && d.push(`M${x} ${y}h1v1h-1z`)));
    return { path: d.join(''), size: data.length };
  }, [text]);
  return (
    <svg viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

export function Receipt({ receipt, onNew }: { receipt: ReceiptData; onNew: () => void }) {
  const trackUrl = `${location.origin}/track/${receipt.code}`;
  const [announce, setAnnounce] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // set after the first paint, so that screen readers hear the code in the live region; a copy or share
  // pressed before then has announced something newer, which this must not overwrite
  useEffect(() => {
    const t = setTimeout(
      () => setAnnounce((current) => current || `รหัสติดตามของท่านคือ ${receipt.code.split('').join(' ')}`),
      100,
    );
    return () => clearTimeout(t);
  }, [receipt.code]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt.code);
      setAnnounce(`คัดลอกรหัสติดตาม ${receipt.code} แล้ว / Code copied`);
    } catch {
      setAnnounce('คัดลอกไม่ได้ โปรดจดรหัสไว้ / Could not copy; please write the code down');
    }
  };
  const share = async () => {
    try {
      await navigator.share({ title: 'รหัสติดตามเรื่องร้องเรียน', text: receipt.code, url: trackUrl });
      setAnnounce('แชร์แล้ว / Shared');
    } catch {
      setAnnounce('ยังไม่ได้แชร์ / Not shared');
    }
  };
  return (
    <section class="card" aria-labelledby="done-title">
      <h1 id="done-title" tabIndex={-1} ref={heading}>
        ได้รับเรื่องแล้ว <span class="en">Received</span>
      </h1>
      {receipt.referenceNo && (
        <p>
          เลขที่เรื่อง <span class="en">Reference</span>: <strong>{receipt.referenceNo}</strong>
        </p>
      )}
      <p id="code-label">
        รหัสติดตาม (โปรดจดเก็บไว้) <span class="en">Tracking code — keep it</span>
      </p>
      <p class="code" data-testid="tracking-code" aria-describedby="code-label">
        {receipt.code}
      </p>
      {receipt.dueDate && (
        <p>
          กำหนดตอบภายใน <span class="en">Answer due by</span>: <strong>{formatDayBE(receipt.dueDate)}</strong>
        </p>
      )}
      <div class="qr only-print">
        <QrCode text={trackUrl} label={`QR code: ${trackUrl}`} />
        <p>{trackUrl}</p>
      </div>
      <div class="actions no-print">
        <button type="button" onClick={copy}>
          คัดลอกรหัส / Copy
        </button>
        <button type="button" class="secondary" onClick={() => window.print()}>
          พิมพ์ (พร้อม QR code) / Print
        </button>
        {'share' in navigator && (
          <button type="button" class="secondary" onClick={share}>
            แชร์ / Share
          </button>
        )}
      </div>
      <p class="visually-hidden" aria-live="polite" data-testid="announce">
        {announce}
      </p>
      <p>
        <a href={`/track/${receipt.code}`}>ติดตามเรื่อง / Track this complaint →</a>
      </p>
      <p class="no-print">
        <button type="button" class="secondary" onClick={onNew}>
          ยื่นเรื่องใหม่ / File another
        </button>
      </p>
    </section>
  );
}
