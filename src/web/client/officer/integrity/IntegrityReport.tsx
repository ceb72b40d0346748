/**
 * An integrity report (/officer/integrity-reports/:id), for an integrity officer with access: what was
 * reported, both deadlines, the workflow steps this officer may take now (`allowedActions`), the
 * conversation with the reporter and the answer, internal notes, evidence files, history, who can read
 * it (grants, recusals) and identity requests. When the officer's key is locked in this session the
 * page asks for the password (and recovery key) to unlock it, then loads the report.
 */
import '../work.css';
import { useState } from 'preact/hooks';
import { api, call } from '../../shared/api';
import { formatDayBE } from '../../shared/be-date';
import { ErrorSummary } from '../../shared/components/ErrorSummary';
import { Link } from '../../shared/components/Link';
import { type Labels, useLabels } from '../../shared/labels';
import { match, useLocation } from '../../shared/router';
import { type Officer, useOfficer } from '../../shared/session';
import { useLoad } from '../../shared/use-load';
import { loadingText } from '../admin/common';
import { DueText, KEY_LOCKED, loadWorkflow, NotForYou, UnlockKey, type Workflow } from './common';
import { Particulars } from './Particulars';
import { AccessList, EvidenceFiles, IdentityRequests } from './ReportParts';
import { TextForm } from './TextForm';
import { TransitionForm } from './TransitionForm';

const TITLE = 'เรื่องทุจริต / Integrity report';

export function IntegrityReport() {
  const officer = useOfficer();
  if (!officer?.roles.includes('integrity_officer'))
    return <NotForYou role="integrity_officer" title={TITLE} />;
  return <Report me={officer} />;
}

/** "a · b · c" of what the reporter gave (accused, evidence), any shape, never raw JSON. */
const given = (value: object | null | undefined, keys: string[]): string => {
  if (!value) return '—';
  const v = value as Record<string, unknown>;
  const parts = keys.map((k) => v[k]).filter((x): x is string => typeof x === 'string' && !!x.trim());
  return parts.join(' · ') || '—';
};

function Report({ me }: { me: Officer }) {
  const { path } = useLocation();
  const id = match('/officer/integrity-reports/:id', path)?.id ?? '';
  const labels = useLabels();
  const flow = useLoad(loadWorkflow, []);
  const report = useLoad(
    () => call(api.GET('/api/v1/integrity-reports/{id}', { params: { path: { id } } })),
    [id],
  );
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // the parts below the report load again after a change or an unlock
  const [round, setRound] = useState(0);
  const changed = (message: string) => {
    setOpen(null);
    setDone(message);
    report.reload();
  };
  const unlocked = () => {
    report.reload();
    setRound((n) => n + 1);
  };

  const r = report.data;
  if (!r || !flow.data) {
    const locked = report.error?.code === KEY_LOCKED;
    return (
      <>
        <p>
          <Link href="/officer/integrity-reports">← รายการ / All integrity reports</Link>
        </p>
        <h1>{TITLE}</h1>
        <ErrorSummary error={report.error ?? flow.error} />
        {locked ? (
          <UnlockKey onUnlocked={unlocked} />
        ) : report.error || flow.error ? (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              report.reload();
              flow.reload();
            }}
          >
            ลองใหม่ / Try again
          </button>
        ) : (
          loadingText
        )}
      </>
    );
  }
  const steps = r.allowedActions
    .map((a) => flow.data!.transitions.find((t) => t.action === a && t.from.includes(r.status)))
    .filter((t): t is Workflow['transitions'][number] => !!t);
  const step = steps.find((s) => s.action === open);
  const closed = r.status === 'closed';

  return (
    <>
      <p>
        <Link href="/officer/integrity-reports">← รายการ / All integrity reports</Link>
      </p>
      <h1>
        {r.number}{' '}
        <span class="status-badge" data-testid="integrity-status">
          {labels.th('integrityStatus', r.status)}
        </span>
      </h1>
      <p class="lead">
        {labels.th('integrityKind', r.kind)} · {labels.th('allegationType', r.allegationType)}
      </p>
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      {/* a reload that failed after a change (the report itself is still shown) */}
      <ErrorSummary error={report.error} />
      {report.error?.code === KEY_LOCKED && <UnlockKey onUnlocked={unlocked} />}
      <div class="case-grid">
        <section class="card" aria-labelledby="r-facts">
          <h2 id="r-facts">ข้อมูลเรื่อง / Report</h2>
          <dl class="facts">
            <dt>รับวันที่ / Received</dt>
            <dd>{formatDayBE(r.receivedOn)}</dd>
            <dt>เมื่อ / When</dt>
            <dd>
              {[r.incidentDate && formatDayBE(r.incidentDate), r.incidentPeriod]
                .filter(Boolean)
                .join(' · ') || '—'}
            </dd>
            <dt>สถานที่ / Place</dt>
            <dd>{r.place ?? '—'}</dd>
            <dt>ผู้แจ้งเป็น / Reporter is</dt>
            <dd>{labels.both('reporterRelation', r.reporterRelation)}</dd>
            <dt>ผู้แจ้งระบุตัวตน / Identity given</dt>
            <dd>{r.identityProvided ? 'ใช่ / yes' : 'ไม่ / no (นิรนาม / anonymous)'}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="r-deadlines">
          <h2 id="r-deadlines">กำหนดเวลา / Deadlines</h2>
          <dl class="facts">
            <dt>ตอบผู้แจ้งภายใน / Answer the reporter by</dt>
            <dd>
              <DueText day={r.firstResponseDueOn} state={r.responseDeadline} />
              {r.firstResponseOn && <> · ตอบแล้ว / answered {formatDayBE(r.firstResponseOn)}</>}
            </dd>
            <dt>ตัดสินภายใน / Decide by</dt>
            <dd>
              <DueText day={r.conclusionDueOn} state={r.conclusionDeadline} />
            </dd>
            {r.decidedOn && (
              <>
                <dt>ตัดสินเมื่อ / Decided on</dt>
                <dd>{formatDayBE(r.decidedOn)}</dd>
              </>
            )}
            {r.closedOn && (
              <>
                <dt>ปิดเรื่องเมื่อ / Closed on</dt>
                <dd>{formatDayBE(r.closedOn)}</dd>
              </>
            )}
          </dl>
        </section>
        <section class="card" aria-labelledby="r-accused">
          <h2 id="r-accused">ผู้ถูกกล่าวหา / Accused</h2>
          <p>{given(r.accused, ['name', 'position', 'unit'])}</p>
        </section>
      </div>
      <section class="card" aria-labelledby="r-description">
        <h2 id="r-description">รายละเอียด / Description</h2>
        <p class="pre" data-testid="integrity-description">
          {r.description}
        </p>
        <h3>หลักฐานที่ผู้แจ้งระบุ / Evidence the reporter named</h3>
        <p class="pre">{given(r.evidence, ['description'])}</p>
        <h3>พยาน / Witnesses</h3>
        <p class="pre">{given(r.evidence, ['witnesses'])}</p>
      </section>

      <section class="card" aria-labelledby="r-steps">
        <h2 id="r-steps">ขั้นตอน / Workflow step</h2>
        {steps.length === 0 && <p class="muted">ไม่มีขั้นตอนต่อไป / No further step</p>}
        <div class="action-buttons">
          {steps.map((s) => (
            <button
              key={s.action}
              type="button"
              class={open === s.action ? '' : 'secondary'}
              aria-expanded={open === s.action}
              aria-controls="transition-form"
              onClick={() => {
                setOpen(open === s.action ? null : s.action);
                setDone(null);
              }}
            >
              {stepLabel(labels, s)}
            </button>
          ))}
        </div>
        {step && (
          <TransitionForm
            key={step.action}
            reportId={r.id}
            step={step}
            workflow={flow.data}
            labels={labels}
            onDone={changed}
            onConflict={report.reload}
          />
        )}
      </section>

      <Particulars record={r.workflow} workflow={flow.data} labels={labels} />

      <section class="card" aria-labelledby="r-messages">
        <h2 id="r-messages">ข้อความกับผู้แจ้ง / Conversation with the reporter</h2>
        {r.messages.length === 0 && <p class="muted">ยังไม่มีข้อความ / No messages yet</p>}
        <ol class="timeline" data-testid="integrity-messages">
          {r.messages.map((m) => (
            <li key={m.id}>
              <p class="muted">
                {formatDayBE(m.on)} ·{' '}
                {m.from === 'reporter' ? 'ผู้แจ้ง / Reporter' : (m.officer ?? 'เจ้าหน้าที่ / Officer')}
              </p>
              <p class="pre">{m.body}</p>
            </li>
          ))}
        </ol>
        {closed ? (
          <p class="muted">เรื่องปิดแล้ว ส่งข้อความไม่ได้ / The report is closed; no more messages</p>
        ) : (
          <TextForm
            id="reply-body"
            field="body"
            label="ข้อความถึงผู้แจ้ง (ผู้แจ้งอ่านด้วยรหัสรับเรื่อง)"
            labelEn="Message to the reporter (read with their receipt)"
            button="ส่งถึงผู้แจ้ง / Send to the reporter"
            send={(body) =>
              call(
                api.POST('/api/v1/integrity-reports/{id}/messages', {
                  params: { path: { id: r.id } },
                  body: { body },
                }),
              )
            }
            onDone={changed}
            onConflict={report.reload}
          />
        )}
      </section>

      <section class="card" aria-labelledby="r-notes">
        <h2 id="r-notes">บันทึกภายใน / Internal notes</h2>
        <ol class="timeline">
          {r.notes.map((n) => (
            <li key={n.id}>
              <p class="muted">
                {formatDayBE(n.on)} · {n.officer}
              </p>
              <p class="pre">{n.body}</p>
            </li>
          ))}
        </ol>
        <TextForm
          id="note-body"
          field="body"
          label="บันทึก (ผู้แจ้งไม่เห็น)"
          labelEn="Note (never shown to the reporter)"
          button="บันทึก / Save note"
          send={(body) =>
            call(
              api.POST('/api/v1/integrity-reports/{id}/notes', {
                params: { path: { id: r.id } },
                body: { body },
              }),
            )
          }
          onDone={changed}
        />
      </section>

      <EvidenceFiles key={`files-${round}`} reportId={r.id} canAdd={!closed} />

      <section class="card" aria-labelledby="r-history">
        <h2 id="r-history">ประวัติ / History</h2>
        {r.history.length === 0 && <p class="muted">ยังไม่มีขั้นตอน / No steps yet</p>}
        <ol class="timeline">
          {r.history.map((h, i) => (
            <li key={i}>
              <p class="muted">
                {formatDayBE(h.on)} · {h.officer}
              </p>
              <p>
                <strong>{labels.th('integrityAction', h.action)}</strong>:{' '}
                {labels.th('integrityStatus', h.from)} → {labels.th('integrityStatus', h.to)}
              </p>
            </li>
          ))}
        </ol>
      </section>

      <AccessList key={`access-${round}`} reportId={r.id} me={me} onChanged={setDone} />
      <IdentityRequests
        key={`identity-${round}`}
        reportId={r.id}
        identityProvided={r.identityProvided}
        me={me}
        onChanged={setDone}
      />
    </>
  );
}

const stepLabel = (labels: Labels, s: Workflow['transitions'][number]) => {
  const l = labels.get('integrityAction', s.action);
  return l ? `${l.th} / ${l.en}` : `${s.labelTh} / ${s.labelEn}`;
};
