/**
 * /handbook: the complaints handbook (คู่มือการจัดการเรื่องร้องเรียน/ร้องทุกข์) and, at #integrity, the
 * corruption channel's own, generated from the organisation's live settings (GET /orgs/{slug}/handbook):
 * channels, units and their categories, day counting, who handles reports, the steps. Printable.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../shared/styles.css';
import './public.css';
import { inlinedOr } from '../shared/initial-data';
import { api, call, type Schemas } from '../shared/api';
import { formatDateTimeBE } from '../shared/be-date';
import { LoadFailure } from '../shared/components/LoadFailure';
import { describeError, type DescribedError } from '../shared/errors';
import { organization, withOrg } from './page';
import { PublicLayout } from './PublicLayout';

type Handbook = Schemas['HandbookView'];

function Channels({ channels }: { channels: Schemas['HandbookChannel'][] }) {
  return (
    <ul>
      {channels.map((c) => (
        <li key={c.code}>
          {c.path ? <a href={withOrg(c.path)}>{c.nameTh}</a> : c.nameTh} <span class="en">{c.nameEn}</span>
        </li>
      ))}
    </ul>
  );
}

function Steps({ steps }: { steps: Schemas['HandbookStep'][] }) {
  return (
    <ol>
      {[...steps]
        .sort((a, b) => a.order - b.order)
        .map((s) => (
          <li key={s.order}>
            <strong>{s.titleTh}</strong>: {s.textTh}
          </li>
        ))}
    </ol>
  );
}

function Contact({ org }: { org: Schemas['HandbookOrganization'] }) {
  const c = org.contact;
  return (
    <ul>
      {c.address && <li>ที่อยู่ / Address: {c.address}</li>}
      {c.phone && <li>โทรศัพท์ / Phone: {c.phone}</li>}
      {c.email && <li>อีเมล / E-mail: {c.email}</li>}
      {c.website && <li>เว็บไซต์ / Website: {c.website}</li>}
      <li>
        เวลาทำการ / Office hours: {c.officeHoursStart}–{c.officeHoursEnd} น.
      </li>
    </ul>
  );
}

function ComplaintHandbook({
  h,
  org,
}: {
  h: Schemas['ComplaintHandbook'];
  org: Schemas['HandbookOrganization'];
}) {
  return (
    <section class="card" aria-labelledby="complaints-title">
      <h1 id="complaints-title">{h.titleTh}</h1>
      <p class="muted">
        {org.nameTh} {org.nameEn && <span class="en">{org.nameEn}</span>}
      </p>
      <h2>ช่องทางการรับเรื่อง / Channels</h2>
      <Channels channels={h.channels} />
      <h2>เรื่องที่รับ / What you can send</h2>
      <p>{h.kindsTh}</p>
      <ul>
        {h.kinds.map((k) => (
          <li key={k.code}>
            {k.nameTh} <span class="en">{k.nameEn}</span>
          </li>
        ))}
      </ul>
      <h2>ระยะเวลา / Time frame</h2>
      <p data-testid="deadline-rule">
        {h.deadline.textTh} ({h.deadline.modeTh} {h.deadline.days} วัน)
      </p>
      <p>
        {h.answerResumesClock
          ? 'เมื่อท่านตอบคำขอข้อมูลทางเว็บ ระบบจะนับเวลาต่อทันที'
          : 'เมื่อท่านตอบคำขอข้อมูลทางเว็บ เจ้าหน้าที่จะตรวจสอบแล้วดำเนินการต่อ'}
      </p>
      <h2>ขั้นตอน / Steps</h2>
      <Steps steps={h.steps} />
      <h2>หน่วยงานที่รับผิดชอบ / Responsible units</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">หน่วยงาน / Unit</th>
              <th scope="col">เรื่องที่รับผิดชอบ / Categories</th>
            </tr>
          </thead>
          <tbody>
            {h.units.map((u) => (
              <tr key={u.code}>
                <th scope="row">{u.nameTh}</th>
                <td>{u.categories.map((c) => c.nameTh).join(', ') || '–'}</td>
              </tr>
            ))}
            {h.screenedCategories.length > 0 && (
              <tr>
                <th scope="row">ศูนย์รับเรื่อง (คัดกรองและส่งต่อ) / Complaint centre</th>
                <td>{h.screenedCategories.map((c) => c.nameTh).join(', ')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <h2>ติดต่อ / Contact</h2>
      <Contact org={org} />
    </section>
  );
}

function IntegrityHandbook({ h }: { h: Schemas['IntegrityHandbook'] }) {
  const handler = h.handledBy;
  return (
    <section class="card" id="integrity" aria-labelledby="integrity-title" tabIndex={-1}>
      <h1 id="integrity-title">{h.titleTh}</h1>
      <h2>ช่องทาง / Channels</h2>
      <Channels channels={h.channels} />
      <h2>ผู้รับผิดชอบ / Who handles reports</h2>
      <p>
        {handler.roleTh}
        {handler.unit && ` · ${handler.unit.nameTh}`}
        {handler.officerNames && handler.officerNames.length > 0 && `: ${handler.officerNames.join(', ')}`}
      </p>
      <h2>ระยะเวลา / Time frame</h2>
      <ul>
        <li>ตอบรับผู้แจ้ง: {h.responseDeadline.textTh}</li>
        <li>พิจารณาเรื่อง: {h.conclusionDeadline.textTh}</li>
      </ul>
      <h2>การคุ้มครองผู้แจ้ง / Protection</h2>
      <ul>
        {h.protectionTh.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <h2>ขั้นตอน / Steps</h2>
      <Steps steps={h.steps} />
    </section>
  );
}

function HandbookPage() {
  const org = organization();
  const [data, setData] = useState<Handbook | null>(null);
  const [error, setError] = useState<DescribedError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setError(null);
    inlinedOr('handbook', () =>
      call(api.GET('/api/v1/orgs/{orgSlug}/handbook', { params: { path: { orgSlug: org.slug } } })),
    ).then(
      (h) => {
        setData(h);
        if (location.hash === '#integrity')
          requestAnimationFrame(() => document.getElementById('integrity')?.focus());
      },
      (err: unknown) => setError(describeError(err)),
    );
  }, [attempt, org.slug]);
  return (
    <PublicLayout current="/handbook">
      <LoadFailure card error={error} onRetry={() => setAttempt((n) => n + 1)} />
      {!data && !error && (
        <p role="status" class="card">
          กำลังโหลด… / Loading…
        </p>
      )}
      {data && (
        <>
          <div class="actions no-print">
            <button type="button" onClick={() => window.print()}>
              พิมพ์คู่มือ / Print
            </button>
            <a href="#integrity">คู่มือการแจ้งเบาะแสการทุจริต / Corruption-report handbook ↓</a>
          </div>
          <ComplaintHandbook h={data.complaints} org={data.organization} />
          <IntegrityHandbook h={data.integrityReports} />
          <p class="muted">
            จัดทำจากการตั้งค่าปัจจุบันของหน่วยงาน เมื่อ {formatDateTimeBE(data.generatedAt)}{' '}
            <span class="en">Generated from the organisation's current settings</span>
          </p>
        </>
      )}
    </PublicLayout>
  );
}

render(<HandbookPage />, document.getElementById('app')!);
