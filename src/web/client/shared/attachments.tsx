/**
 * File uploads and previews for the tracking page and the officer's case page. openapi-fetch cannot send
 * multipart, so uploads are a plain `fetch` with `FormData` (parts named `file`); every failure becomes an
 * `ApiError` for `describeError` (413 too large, 415 type, 429 with the wait), shown at the file input.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getAccessToken } from './api';
import type { ControlProps } from './components/Field';
import { ApiError, type ApiErrorBody, describeError, type DescribedError, parseRetryAfter } from './errors';

export const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,application/pdf';
export const MAX_FILES = 5;

/** The field's error text for a described error: its title, then its lines (the wait, the request id). */
export const fieldText = (error: DescribedError): string => [error.title, ...error.lines].join(' · ');

/** POST files as multipart (parts `file`); the parsed JSON on success, else throws `ApiError`. */
export async function uploadFiles<T>(url: string, files: File[], token?: string | null): Promise<T> {
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: token ? { authorization: `Bearer ${token}` } : undefined,
    });
  } catch {
    throw new ApiError(0, null);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const errBody = json && typeof json === 'object' && !Array.isArray(json) ? (json as ApiErrorBody) : null;
    throw new ApiError(response.status, errBody, parseRetryAfter(response.headers.get('retry-after')));
  }
  if (json === null) throw new ApiError(response.status, null);
  return json as T;
}

/**
 * A file field and its sending, for every upload form: `control(p)` is the `<input type="file">` to put
 * in a `<Field error={errorText}>`; `send(url, token?)` checks the choice (none, too many), uploads,
 * empties the field on success, and on any failure keeps the described error and focuses the field.
 * Resolves to what the API answered, or null.
 */
export function useUpload() {
  const [chosen, setChosen] = useState<File[]>([]);
  const [pick, setPick] = useState(0);
  const [error, setError] = useState<DescribedError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const fail = (described: DescribedError) => {
    setError(described);
    input.current?.focus();
    return null;
  };
  const refuse = (title: string) => fail({ kind: 'validation', title, lines: [], fields: [] });
  async function send<T>(url: string, token?: string | null): Promise<T | null> {
    if (!chosen.length) return refuse('โปรดเลือกไฟล์ / Choose a file');
    if (chosen.length > MAX_FILES)
      return refuse(`ครั้งละไม่เกิน ${MAX_FILES} ไฟล์ / At most ${MAX_FILES} files at once`);
    setError(null);
    setBusy(true);
    try {
      const added = await uploadFiles<T>(url, chosen, token);
      setChosen([]);
      setPick((n) => n + 1); // a fresh, empty file input
      return added;
    } catch (err) {
      return fail(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  const control = (p: ControlProps) => (
    <input
      {...p}
      key={pick}
      ref={input}
      type="file"
      multiple
      accept={ACCEPT}
      onChange={(e) => setChosen(Array.from(e.currentTarget.files ?? []))}
    />
  );
  return { send, control, busy, errorText: error ? fieldText(error) : undefined };
}

/**
 * A thumbnail that needs the bearer token: fetched as a blob and shown as a data: URL (the CSP allows
 * `img-src 'self' data:`, not blob:; previews are small WebP files of at most 320×320).
 */
export function useBlobUrl(url: string | null, token: string | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let stale = false;
    fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : undefined })
      .then((r) => (r.ok ? r.blob() : null))
      .then((blob) => {
        if (!blob || stale) return;
        const reader = new FileReader();
        reader.onload = () => {
          if (!stale && typeof reader.result === 'string') setSrc(reader.result);
        };
        reader.readAsDataURL(blob);
      })
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [url, token]);
  return src;
}

export const kindLabel = (contentType: string): string =>
  contentType === 'application/pdf' ? 'PDF' : 'รูปภาพ / Photo';

export const sizeText = (bytes: number): string =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

interface OfficerFile {
  id: string;
  contentType: string;
  sizeBytes: number;
  fileName: string | null;
  downloadUrl: string;
  thumbnailUrl: string | null;
}

/** An officer's view of a file: its preview fetched with the officer's token, or its kind, name and size. */
export function OfficerThumbnail({ file, testId }: { file: OfficerFile; testId: string }) {
  const src = useBlobUrl(file.thumbnailUrl, getAccessToken());
  const text = `${kindLabel(file.contentType)} ${file.fileName ?? ''} ${sizeText(file.sizeBytes)}`.trim();
  if (!file.thumbnailUrl || !src) return <span class="muted">{text}</span>;
  return <img src={src} alt={text} width={96} height={96} data-testid={testId} />;
}

/**
 * Downloads a file that needs the officer's token (the link alone would be refused): fetched, then saved
 * under `name` through a temporary object URL. Failures throw `ApiError` like every other call.
 */
export async function downloadWithToken(url: string, name: string): Promise<void> {
  let response: Response;
  try {
    const token = getAccessToken();
    response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : undefined });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const json: unknown = await response.json().catch(() => null);
    const body = json && typeof json === 'object' && !Array.isArray(json) ? (json as ApiErrorBody) : null;
    throw new ApiError(response.status, body, parseRetryAfter(response.headers.get('retry-after')));
  }
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
