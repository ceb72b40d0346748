/**
 * What each workflow step taken recorded (`workflow` of the report: dismissal, referral, factFinding,
 * conclusion, closure), in words: agencies and outcomes by their labels, days in the Buddhist era.
 * The shape is read defensively: an unknown or missing part is left out, never shown as raw JSON.
 */
import type { ComponentChildren } from 'preact';
import { formatDayBE } from '../../shared/be-date';
import type { Labels } from '../../shared/labels';
import type { Workflow } from './common';

type Part = Record<string, unknown>;
const isPart = (v: unknown): v is Part => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const list = (v: unknown): Part[] => (Array.isArray(v) ? v.filter(isPart) : []);

function Row({ th, en, value }: { th: string; en: string; value: ComponentChildren }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <>
      <dt>
        {th} / {en}
      </dt>
      <dd class="pre">{value}</dd>
    </>
  );
}

export function Particulars({
  record,
  workflow,
  labels,
}: {
  record: object;
  workflow: Workflow;
  labels: Labels;
}) {
  const parts = record as Record<string, unknown>;
  const label = (map: Record<string, { th: string; en: string }>, code: unknown) => {
    const t = typeof code === 'string' ? map[code] : undefined;
    return t ? `${t.th} / ${t.en}` : text(code);
  };
  const day = (v: unknown) => (text(v) ? formatDayBE(v as string) : null);
  const dismissal = isPart(parts.dismissal) ? parts.dismissal : null;
  const referral = isPart(parts.referral) ? parts.referral : null;
  const factFinding = isPart(parts.factFinding) ? parts.factFinding : null;
  const conclusion = isPart(parts.conclusion) ? parts.conclusion : null;
  const closure = isPart(parts.closure) ? parts.closure : null;
  if (!dismissal && !referral && !factFinding && !conclusion && !closure) return null;
  return (
    <section class="card" aria-labelledby="r-particulars">
      <h2 id="r-particulars">บันทึกของแต่ละขั้นตอน / What each step recorded</h2>
      <dl class="facts" data-testid="integrity-particulars">
        {dismissal && <Row th="เหตุที่ยุติเรื่อง" en="Why not admissible" value={text(dismissal.reason)} />}
        {referral && (
          <>
            <Row
              th="ส่งต่อถึง"
              en="Referred to"
              value={text(referral.agencyName) ?? label(workflow.agencies, referral.agency)}
            />
            <Row th="วันที่ส่ง" en="Referred on" value={day(referral.referredOn)} />
            <Row th="เลขที่หนังสือ" en="Letter no." value={text(referral.letterNumber)} />
          </>
        )}
        {factFinding && (
          <>
            <Row th="คำสั่งแต่งตั้ง" en="Order" value={text(factFinding.orderNumber)} />
            <Row th="ลงวันที่" en="Order date" value={day(factFinding.orderDate)} />
            <Row
              th="คณะกรรมการ"
              en="Committee"
              value={
                list(factFinding.committee)
                  .map((m) => [text(m.name), text(m.position)].filter(Boolean).join(', '))
                  .join('\n') || null
              }
            />
          </>
        )}
        {conclusion && (
          <>
            <Row th="ผลการสืบสวน" en="Outcome" value={label(workflow.outcomes, conclusion.outcome)} />
            <Row th="สรุป" en="Summary" value={text(conclusion.summary)} />
            <Row
              th="การดำเนินการ"
              en="Action taken"
              value={
                list(conclusion.actionsTaken)
                  .map(
                    (a) =>
                      `${labels.both('integrityActionTaken', text(a.kind))}: ${text(a.description) ?? ''}`,
                  )
                  .join('\n') || null
              }
            />
          </>
        )}
        {closure && <Row th="บันทึกการปิดเรื่อง" en="Closing note" value={text(closure.note)} />}
      </dl>
    </section>
  );
}
