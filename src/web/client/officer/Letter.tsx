/**
 * Printable letters for complainants and agencies without e-mail (/officer/complaints/:id/letter/:kind):
 * `result` (the result letter to the complainant, from the resolution) and `referral` (หนังสือส่งต่อ to
 * the agency the case was referred to, from the referral step).
 */
import { formatDateTimeBE, formatDayBE } from '../shared/be-date';
import { Letterhead, PrintPage, usePrintedCase } from './PrintPage';
import { bangkokNow } from './org';

export function Letter() {
  const { params, org, item, error } = usePrintedCase('/officer/complaints/:id/letter/:kind');
  const referral = params.kind === 'referral';
  const referStep = item?.history.filter((h) => h.action === 'refer').at(-1);
  const data = (referStep?.data ?? {}) as { agency?: string; referredOn?: string; letterNo?: string | null };
  const title = referral ? 'หนังสือส่งต่อเรื่อง / Referral letter' : 'หนังสือแจ้งผลการดำเนินการ / Result letter';
  const missing =
    item && (referral ? !referStep : !item.resultMessage)
      ? referral
        ? 'เรื่องนี้ยังไม่ได้ส่งต่อ / This case has not been referred'
        : 'เรื่องนี้ยังไม่มีผลการดำเนินการ / This case has no result yet'
      : null;
  return (
    <PrintPage title={title} caseId={params.id} error={error} ready={!!(org && item)}>
      {org && item && (
        <>
          <Letterhead org={org} />
          {missing ? (
            <p role="status">{missing}</p>
          ) : (
            <>
              <p class="letter-meta">
                {referral && data.letterNo ? (
                  <>
                    ที่ {data.letterNo}
                    <br />
                  </>
                ) : null}
                วันที่ {formatDayBE(referral && data.referredOn ? data.referredOn : bangkokNow().day)}
              </p>
              <p>
                <strong>เรื่อง</strong>{' '}
                {referral
                  ? `ขอส่งเรื่องร้องเรียนเลขที่ ${item.referenceNo}`
                  : `แจ้งผลการดำเนินการเรื่องร้องเรียนเลขที่ ${item.referenceNo}`}
              </p>
              <p>
                <strong>เรียน</strong> {referral ? (data.agency ?? '') : (item.complainantName ?? 'ผู้ร้องเรียน')}
              </p>
              {referral ? (
                <p class="letter-body">
                  ด้วย{org.nameTh} ได้รับเรื่อง “{item.subject}” เมื่อ {formatDateTimeBE(item.receivedAt)} (หมวด{' '}
                  {item.category.nameTh}) ซึ่งอยู่ในอำนาจหน้าที่ของหน่วยงานท่าน จึงขอส่งเรื่องดังกล่าวเพื่อพิจารณาดำเนินการ
                  ตามอำนาจหน้าที่ต่อไป รายละเอียด: {item.description}
                  {item.locationAddress ? ` สถานที่: ${item.locationAddress}` : ''}
                </p>
              ) : (
                <>
                  <p class="letter-body">
                    ตามที่ท่านได้ร้องเรียนเรื่อง “{item.subject}” เมื่อ {formatDateTimeBE(item.receivedAt)} {org.nameTh}{' '}
                    ได้ดำเนินการแล้ว ผลการดำเนินการดังนี้
                  </p>
                  <blockquote class="letter-body">{item.resultMessage}</blockquote>
                </>
              )}
              <p>จึงเรียนมาเพื่อโปรดทราบ</p>
              <p class="signature">
                ขอแสดงความนับถือ
                <br />
                <br />( …………………………………… )
                <br />
                {org.nameTh}
              </p>
            </>
          )}
        </>
      )}
    </PrintPage>
  );
}
