/**
 * Evidence files on the integrity channel (kept apart from the report and follow-up forms): chosen on
 * the report form and sent through a reporter session opened with the new receipt once the report is
 * filed; listed and added to on the follow-up page. The files and the session live in the page's
 * memory only (never in storage); the pages stay `no-store`. File names are not kept by the server.
 */
import { useEffect, useRef } from 'preact/hooks';
import { api, call } from '../shared/api';
import { AttachmentList, fieldText, FilePicker, uploadFiles } from '../shared/attachments';
import { ApiError } from '../shared/errors';
import { useLoad } from '../shared/use-load';
import { UploadQueue } from '../shared/UploadQueue';
import { organization } from './page';

export const EVIDENCE_URL = '/api/v1/integrity-reports/session/attachments';
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** The report form's file field. */
export function EvidenceFilesField({
  files,
  onChange,
  error,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  error?: string;
}) {
  return (
    <FilePicker
      id="evidenceFiles"
      label="ไฟล์หลักฐาน (รูปภาพหรือ PDF)"
      labelEn="Evidence files (photos or PDF)"
      files={files}
      onChange={onChange}
      error={error}
    />
  );
}

/**
 * After filing: the chosen files go through a reporter session opened with the receipt (the only key
 * to the report), ended as soon as every file arrived or the page is left.
 */
export function EvidenceUpload({ receipt, files }: { receipt: string; files: File[] }) {
  const org = organization();
  const tokenRef = useRef<string | null>(null);
  const close = () => {
    const t = tokenRef.current;
    tokenRef.current = null;
    if (t) void call(api.DELETE('/api/v1/integrity-reports/session', bearer(t))).catch(() => undefined);
  };
  useEffect(() => {
    window.addEventListener('pagehide', close);
    return () => {
      window.removeEventListener('pagehide', close);
      close();
    };
  }, []);
  const open = async () => {
    const session = await call(
      api.POST('/api/v1/orgs/{orgSlug}/integrity-reports/session', {
        params: { path: { orgSlug: org.slug } },
        body: { receipt: receipt.replace(/\D/g, '') },
      }),
    );
    tokenRef.current = session.token;
    return session.token;
  };
  const send = async (file: File) => {
    const t = tokenRef.current ?? (await open());
    try {
      await uploadFiles(EVIDENCE_URL, [file], t);
    } catch (err) {
      // the session ended meanwhile (its lifetime is short): a new one, once
      if (!(err instanceof ApiError && err.status === 401)) throw err;
      await uploadFiles(EVIDENCE_URL, [file], await open());
    }
  };
  if (!files.length) return null;
  return (
    <UploadQueue
      id="evidence-upload"
      initial={files}
      send={send}
      onSettled={(allSent) => allSent && close()}
    />
  );
}

/** The follow-up page: the report's files (the reporter's and the officers'), fetched with the session. */
export function EvidenceList({ token, reload }: { token: string; reload: number }) {
  const { data: files, error } = useLoad(
    () => call(api.GET('/api/v1/integrity-reports/session/attachments', bearer(token))),
    [token, reload],
  );
  return (
    <section class="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">
        ไฟล์ของเรื่อง <span class="en">Files of your report</span>
      </h2>
      {error ? (
        <p class="field-error">{fieldText(error)}</p>
      ) : files === null ? (
        <p class="muted">กำลังโหลด… / Loading…</p>
      ) : files.length === 0 ? (
        <p class="muted">ยังไม่มีไฟล์ / No files yet</p>
      ) : (
        <AttachmentList
          files={files}
          token={token}
          testId="evidence-files"
          details={(f) => (f.source === 'officer' ? ' · เจ้าหน้าที่ / Officer' : ' · ท่าน / You')}
        />
      )}
    </section>
  );
}
