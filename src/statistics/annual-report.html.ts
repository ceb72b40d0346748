import type { PublicAnnualReport } from './annual-reports.service';

/** The published annual report as a printable Thai page (A4, no scripts, no external resources). */
const esc = (v: unknown): string =>
  String(v ?? '–').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const num = (v: unknown): string => (typeof v === 'number' ? v.toLocaleString('th-TH') : esc(v));
const pct = (v: number | null): string => (v === null ? '–' : `${v.toLocaleString('th-TH')}%`);
const paragraphs = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r) => `<tr>${r.map((c, i) => (i === 0 ? `<td>${c}</td>` : `<td class="n">${c}</td>`)).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

type Cell = {
  nameTh: string;
  received: number;
  open: number;
  withResult: number;
  compliancePercent: number | null;
};

const cellTable = (title: string, cells: Cell[]) =>
  `<h3>${title}</h3>` +
  table(
    ['รายการ', 'รับเรื่อง', 'อยู่ระหว่างดำเนินการ', 'แจ้งผลแล้ว', 'ร้อยละตามหลัก 15 วัน'],
    cells.map((c) => [
      esc(c.nameTh),
      num(c.received),
      num(c.open),
      num(c.withResult),
      pct(c.compliancePercent),
    ]),
  );

export function renderAnnualReport(r: PublicAnnualReport): string {
  const c = r.complaints;
  const f = c.figures;
  const i = r.integrityReports.figures;
  const supp = (cells: { nameTh: string; value: unknown }[]) =>
    cells.map((x) => [esc(x.nameTh), num(x.value)]);
  return `<!doctype html>
<html lang="th"><head><meta charset="utf-8">
<title>${esc(r.titleTh)} ${esc(r.organization.nameTh)}</title>
<style>
body{font-family:"TH Sarabun New","Sarabun","Noto Sans Thai",sans-serif;font-size:16pt;line-height:1.4;max-width:190mm;margin:auto;color:#000}
h1{font-size:20pt;text-align:center}h2{font-size:18pt;border-bottom:1px solid #000;margin-top:1.5em}h3{font-size:16pt}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #555;padding:2px 6px;vertical-align:top}
td.n{text-align:right}.note{font-size:13pt;color:#333}@page{size:A4;margin:20mm}
@media print{h2{page-break-after:avoid}table{page-break-inside:auto}}
</style></head><body>
<h1>${esc(r.titleTh)}<br>${esc(r.organization.nameTh)}</h1>
<p style="text-align:center">${esc(c.period.label.th)}<br>เผยแพร่เมื่อ ${esc(r.publishedAt)}</p>

<h2>ส่วนที่ 1 เรื่องร้องเรียน/ร้องทุกข์ทั่วไป</h2>
${table(
  ['ตัวชี้วัด', 'จำนวน'],
  [
    ['เรื่องที่ได้รับ', num(f.received)],
    ['อยู่ระหว่างดำเนินการ', num(f.byStatusGroup.inProgress)],
    ['ดำเนินการแล้วเสร็จ', num(f.byStatusGroup.resolved)],
    ['ไม่รับเป็นเรื่องร้องเรียน', num(f.byStatusGroup.rejected)],
    ['ส่งต่อหน่วยงานอื่น', num(f.byStatusGroup.referred)],
    ['เรื่องซ้ำ', num(f.byStatusGroup.duplicate)],
    ['แจ้งผลภายในกำหนด', num(f.deadline.met)],
    ['ชี้แจงก่อนครบกำหนดและแจ้งผลภายในวันที่ขยาย', num(f.deadline.metByExplanation)],
    ['แจ้งผลเกินกำหนด', num(f.deadline.missed)],
    ['ยังไม่แจ้งผลและเลยกำหนด', num(f.deadline.openPastDeadline)],
    ['ร้อยละการปฏิบัติตามหลัก 15 วัน', pct(f.deadline.compliancePercent)],
    ['จำนวนวันถึงแจ้งผล (มัธยฐาน / เฉลี่ย)', `${num(f.daysToResult.median)} / ${num(f.daysToResult.mean)}`],
    ['เรื่องที่เปิดใหม่', num(f.reopened)],
    ['ผู้ประเมินความพึงพอใจ', num(f.satisfaction.responses)],
    ['คะแนนเฉลี่ย (เต็ม 5)', num(f.satisfaction.meanRating)],
    ['ร้อยละผู้พึงพอใจ 4-5 ดาว (เป้าหมายร้อยละ 80)', pct(f.satisfaction.satisfiedPercent)],
  ],
)}
${cellTable('แยกตามประเภทเรื่อง', c.breakdowns.byCategory)}
${cellTable('แยกตามช่องทาง', c.breakdowns.byChannel)}
${cellTable('แยกตามหน่วยงานผู้รับผิดชอบ', c.breakdowns.byUnit)}
${cellTable('แยกตามเดือนที่รับเรื่อง', c.breakdowns.byMonth)}

<h2>ส่วนที่ 2 เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</h2>
${table(
  ['ตัวชี้วัด', 'จำนวน'],
  [
    ['เรื่องที่ได้รับ', num(i.received)],
    ['ดำเนินการแล้วเสร็จ', num(i.completed)],
    ['อยู่ระหว่างดำเนินการ', num(i.inProgress)],
  ],
)}
<h3>แยกตามประเภทการแจ้ง</h3>${table(['ประเภท', 'จำนวน'], supp(i.byKind))}
<h3>แยกตามลักษณะการกระทำ</h3>${table(['ลักษณะ', 'จำนวน'], supp(i.byAllegationType))}
<h3>แยกตามผลการพิจารณา</h3>${table(['ผล', 'จำนวน'], supp(i.byOutcome))}
<p class="note">${esc(r.integrityReports.definitions.suppression.th)}</p>

<h2>ส่วนที่ 3 ปัญหา อุปสรรค และแนวทางแก้ไข</h2>
<h3>ปัญหา</h3>${paragraphs(r.narrative.problems)}
<h3>อุปสรรค</h3>${paragraphs(r.narrative.obstacles)}
<h3>แนวทางแก้ไข</h3>${paragraphs(r.narrative.solutions)}
<h3>การดำเนินการเพื่อป้องกันไม่ให้เกิดปัญหาซ้ำ</h3>${paragraphs(r.narrative.preventiveActions)}

<h2>นิยามตัวชี้วัด</h2>
<ul class="note">${Object.values(c.definitions)
    .map((d) => `<li>${esc(d.th)}</li>`)
    .join('')}</ul>
</body></html>`;
}
