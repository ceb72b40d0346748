/**
 * The acknowledgement slip (ใบรับเรื่อง, /officer/complaints/:id/slip): organisation, reference number,
 * tracking code and a QR code to the tracking page, received and due dates in the Buddhist era. The
 * tracking code is given once, at registration (the server keeps only its hash): a slip printed later
 * (another tab, a reload) is marked as a reprint, says the code is on the first slip only, and tells the
 * complainant to follow the case with the reference number through the organisation. No new code is issued
 * here: the complainant's code stays the one they hold.
 */
import { formatDateTimeBE, formatDayBE } from '../shared/be-date';
import { useLabels } from '../shared/labels';
import { receipts } from './org';
import { Letterhead, PrintPage, usePrintedCase } from './PrintPage';
import { QrCode } from './QrCode';

export function Slip() {
  const labels = useLabels();
  const { params, org, item, error } = usePrintedCase('/officer/complaints/:id/slip');
  const receipt = item ? receipts.get(item.referenceNo) : undefined;
  return (
    <PrintPage
      title="ใบรับเรื่อง / Acknowledgement slip"
      caseId={params.id}
      error={error}
      ready={!!(org && item)}
      defaultPaper="A5"
    >
      {org && item && (
        <>
          <Letterhead org={org} />
          <h2 class="doc-title">
            ใบรับเรื่อง{!receipt && ' (ฉบับพิมพ์ซ้ำ)'}{' '}
            <span class="en">Acknowledgement slip{!receipt && ' (reprint)'}</span>
          </h2>
          <div class="slip-grid">
            <dl class="facts">
              <dt>เลขที่รับเรื่อง / Reference no.</dt>
              <dd class="big">{item.referenceNo}</dd>
              <dt>รหัสติดตามเรื่อง / Tracking code</dt>
              <dd class="big code" data-testid="tracking-code">
                {receipt?.trackingCode ??
                  'รหัสติดตามแสดงเฉพาะในใบรับเรื่องฉบับแรก / The tracking code is shown on the first slip only'}
              </dd>
              <dt>ประเภท / Kind</dt>
              <dd>{labels.th('complaintKind', item.kind)}</dd>
              <dt>เรื่อง / Subject</dt>
              <dd>{item.subject}</dd>
              <dt>หมวด / Category</dt>
              <dd>{item.category.nameTh}</dd>
              <dt>ช่องทาง / Channel</dt>
              <dd>{labels.th('channel', item.channel)}</dd>
              <dt>รับเรื่องเมื่อ / Received</dt>
              <dd>{formatDateTimeBE(item.receivedAt)}</dd>
              <dt>กำหนดตอบ / Answer due</dt>
              <dd>{formatDayBE(receipt?.dueDate ?? item.deadline?.currentDueDate)}</dd>
              {item.complainantName && (
                <>
                  <dt>ผู้ร้อง / Complainant</dt>
                  <dd>{item.complainantName}</dd>
                </>
              )}
            </dl>
            {receipt && (
              <figure class="qr-box">
                <QrCode
                  text={receipt.trackingUrl}
                  label={`QR ติดตามเรื่อง / tracking page ${receipt.trackingUrl}`}
                />
                <figcaption>
                  สแกนเพื่อติดตามเรื่อง <span class="en">Scan to follow the complaint</span>
                  <br />
                  <span class="url">{receipt.trackingUrl}</span>
                </figcaption>
              </figure>
            )}
          </div>
          {!receipt && (
            <p data-testid="reprint-note">
              ใบนี้พิมพ์ซ้ำ จึงไม่มีรหัสติดตามและ QR ผู้ร้องติดตามเรื่องได้ด้วยรหัสในใบรับเรื่องฉบับแรก หรือติดต่อหน่วยงานพร้อมเลขที่รับเรื่อง{' '}
              {item.referenceNo}{' '}
              <span class="en">
                A reprint carries no tracking code or QR code: the complainant follows the case with the code
                on the first slip, or by contacting us with reference number {item.referenceNo}.
              </span>
            </p>
          )}
          <p class="signature">ลงชื่อ …………………………………… ผู้รับเรื่อง / Received by</p>
        </>
      )}
    </PrintPage>
  );
}
