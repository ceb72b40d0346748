/**
 * /officer/admin/mail: the outgoing mail that did not go (failed, waiting, not sent), with the SMTP
 * server's last answer, and a retry. Integrity messages show neither recipient nor subject (the API
 * never gives them).
 */
import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { formatDateTimeBE } from '../../shared/be-date';
import { ErrorSummary } from '../../shared/components/ErrorSummary';
import { Field } from '../../shared/components/Field';
import { useLabels } from '../../shared/labels';
import { useAction, useLoad } from '../../shared/use-load';
import { BackToAdmin, loadingText, Notice, TableWrap } from './common';

type Status = Schemas['MailMessageView']['status'];
const RETRYABLE: Status[] = ['failed', 'not_sent'];

export function FailedMail() {
  const labels = useLabels();
  const [status, setStatus] = useState<Status | ''>('failed');
  const summary = useLoad(() => call(api.GET('/api/v1/notifications/summary')), []);
  const list = useLoad(
    () =>
      call(
        api.GET('/api/v1/notifications/messages', {
          params: { query: { limit: 100, ...(status ? { status: [status] } : {}) } },
        }),
      ),
    [status],
  );
  // officers' mail (an invitation, a password link) names its person by id: show who it was for
  const users = useLoad(() => call(api.GET('/api/v1/users')), []);
  const person = (m: Schemas['MailMessageView']) =>
    m.aboutType === 'user' ? users.data?.find((u) => u.id === m.aboutId) : undefined;
  const retry = useAction();
  const [notice, setNotice] = useState('');
  const again = async (id: string) => {
    const done = await retry.run(() =>
      call(api.POST('/api/v1/notifications/messages/{id}/retry', { params: { path: { id } } })),
    );
    if (done) {
      setNotice(`ส่งใหม่แล้ว: ${labels.both('mailStatus', done.status)} / Queued again`);
      list.reload();
      summary.reload();
    }
  };
  return (
    <>
      <BackToAdmin />
      <h1>อีเมลที่ส่งไม่สำเร็จ / Failed mail</h1>
      <Notice>{notice}</Notice>
      <ErrorSummary error={summary.error ?? list.error ?? retry.error} />
      {summary.data && (
        <section class="card" aria-labelledby="mail-summary">
          <h2 id="mail-summary">สรุป / Summary</h2>
          {!summary.data.smtpConfigured && (
            <p>
              <strong>ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมล (SMTP_URL) / No mail server is configured</strong>
            </p>
          )}
          <ul>
            {Object.entries(summary.data.counts).map(([s, n]) => (
              <li key={s}>
                {labels.both('mailStatus', s)}: {n}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Field id="mail-status" label="แสดง" labelEn="Show">
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
            <option value="">ยังไม่ได้ส่งทั้งหมด / All not delivered</option>
            {Object.keys(labels.table.mailStatus ?? {}).map((s) => (
              <option key={s} value={s}>
                {labels.both('mailStatus', s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {list.loading && !list.data && loadingText}
      {list.data && (
        <section class="card" aria-labelledby="mail-list">
          <h2 id="mail-list">
            ข้อความ {list.data.total} ฉบับ / {list.data.total} messages
          </h2>
          <TableWrap label="ข้อความ / Messages">
            <table>
              <thead>
                <tr>
                  <th scope="col">ถึง / To</th>
                  <th scope="col">เรื่อง / Subject</th>
                  <th scope="col">สถานะ / Status</th>
                  <th scope="col">ครั้งที่ลอง / Attempts</th>
                  <th scope="col">ข้อผิดพลาดล่าสุด / Last error</th>
                  <th scope="col">
                    <span class="visually-hidden">ส่งใหม่ / Retry</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {labels.both('mailRecipient', m.recipientKind)}
                      {m.recipient && <div>{m.recipient}</div>}
                      {!m.recipient && person(m) && (
                        <div>
                          {person(m)?.displayName} ({person(m)?.email})
                        </div>
                      )}
                    </td>
                    <td>{m.subjectLine ?? m.template}</td>
                    <td>{labels.both('mailStatus', m.status)}</td>
                    <td>
                      {m.attempts}
                      {m.lastAttemptAt && <div class="muted">{formatDateTimeBE(m.lastAttemptAt)}</div>}
                    </td>
                    <td>{m.lastError ?? '—'}</td>
                    <td>
                      {RETRYABLE.includes(m.status) && (
                        <button
                          type="button"
                          class="secondary"
                          disabled={retry.busy}
                          onClick={() => void again(m.id)}
                          aria-label={`ส่งใหม่ / Retry: ${m.subjectLine ?? m.template}`}
                        >
                          ส่งใหม่ / Retry
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
    </>
  );
}
