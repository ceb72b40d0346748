/**
 * File uploads and lists for every page that takes or shows files (the complaint form and its receipt,
 * the tracking page, the report form and the reporter's follow-up page, the officer's case page).
 * openapi-fetch cannot send multipart, so uploads are a plain `fetch` with `FormData` (parts named
 * `file`); every failure becomes an `ApiError` for `describeError` (413 too large, 415 type, 429 with
 * the wait), shown at the file input or beside the file.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiErrorBody, type DescribedError, describeError, parseRetryAfter } from './errors';

export const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,application/pdf';

/**
 * The server's limits, written into the page by the server (`data-max-file-bytes`, `data-max-files`
 * on `<body>`, from ATTACHMENT_MAX_FILE_BYTES and ATTACHMENT_MAX_FILES); the defaults otherwise.
 */
export function uploadLimits(): { maxFileBytes: number; maxFiles: number } {
  const n = (value: string | undefined, fallback: number) => {
    const parsed = Number(value);
    return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
  };
  const data = typeof document === 'undefined' ? {} : document.body.dataset;
  return { maxFileBytes: n(data.maxFileBytes, 10 * 1048576), maxFiles: n(data.maxFiles, 5) };
}
export const MAX_FILES = uploadLimits().maxFiles;

/** The field's error text for a described error: its title, then its lines (the wait, the request id). */
export const fieldText = (error: DescribedError): string => [error.title, ...error.lines].join(' · ');

const bearerHeaders = (token?: string | null) => (token ? { authorization: `Bearer ${token}` } : undefined);

/** A failed answer as an `ApiError` (the API's JSON body when there is one). */
async function failure(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => null);
  const errBody = json && typeof json === 'object' && !Array.isArray(json) ? (json as ApiErrorBody) : null;
  return new ApiError(response.status, errBody, parseRetryAfter(response.headers.get('retry-after')));
}

/** POST files as multipart (parts `file`); the parsed JSON on success, else throws `ApiError`. */
export async function uploadFiles<T>(url: string, files: File[], token?: string | null): Promise<T> {
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers: bearerHeaders(token) });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) throw await failure(response);
  const json: unknown = await response.json().catch(() => null);
  if (json === null) throw new ApiError(response.status, null);
  return json as T;
}

/**
 * A thumbnail that needs the bearer token: fetched as a blob and shown as a data: URL (previews are
 * small WebP files of at most 320×320).
 */
export function useBlobUrl(url: string | null, token: string | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let stale = false;
    fetch(url, { headers: bearerHeaders(token) })
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

/** An object URL for a chosen image (its preview before sending), revoked when no longer shown. */
export function useObjectUrl(file: File | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!file || !file.type.startsWith('image/') || file.type === 'image/heic') return setSrc(null);
    const url = URL.createObjectURL(file);
    setSrc(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  return src;
}

export const kindLabel = (contentType: string): string =>
  contentType === 'application/pdf' ? 'PDF' : 'รูปภาพ / Photo';

export const sizeText = (bytes: number): string =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The name a download is saved under: the server's Content-Disposition name, else `fallback`. */
function savedName(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  try {
    if (utf8) return decodeURIComponent(utf8);
  } catch {
    /* a malformed name: the fallback */
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Downloads a file that needs the bearer token: fetched, then saved through a temporary link. */
async function downloadWithToken(url: string, token: string, fallback: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: bearerHeaders(token) });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) throw await failure(response);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = savedName(response, fallback);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** What every list shows of a file (AttachmentView and PublicAttachmentView both fit). */
export interface ListedFile {
  id: string;
  contentType: string;
  sizeBytes: number;
  fileName?: string | null;
  downloadUrl: string;
  thumbnailUrl: string | null;
}

const nameOf = (file: ListedFile, index: number) =>
  file.fileName ?? `${kindLabel(file.contentType)} ${index + 1}`;

function Preview({
  file,
  text,
  token,
  testId,
}: {
  file: ListedFile;
  text: string;
  token: string | null;
  testId?: string;
}) {
  // with a token the preview is fetched (a bearer header cannot ride on <img src>)
  const fetched = useBlobUrl(token ? file.thumbnailUrl : null, token);
  const src = token ? fetched : file.thumbnailUrl;
  if (!src) return null;
  // a fetched preview is already here (a data: URL); a public one loads when scrolled to
  return (
    <img
      src={src}
      alt={text}
      width={96}
      height={96}
      loading={token ? undefined : 'lazy'}
      data-testid={testId}
    />
  );
}

/**
 * One list of a case's files: a preview of each image, its name (or its kind and number), its size
 * and a download. Public files are plain links; with `token` (an officer, the reporter's session) the
 * previews and downloads are fetched with it. `details` and `actions` add a page's own lines per file.
 */
export function AttachmentList<F extends ListedFile>({
  files,
  token = null,
  testId,
  thumbnailTestId,
  details,
  actions,
}: {
  files: F[];
  token?: string | null;
  testId?: string;
  thumbnailTestId?: string;
  details?: (file: F) => ComponentChildren;
  actions?: (file: F) => ComponentChildren;
}) {
  const [error, setError] = useState<DescribedError | null>(null);
  const save = (file: F, name: string) => {
    setError(null);
    downloadWithToken(file.downloadUrl, token!, name).catch((err: unknown) => setError(describeError(err)));
  };
  return (
    <>
      <ul class="attachments" data-testid={testId}>
        {files.map((f, i) => {
          const name = nameOf(f, i);
          const text = `${name} · ${sizeText(f.sizeBytes)}`;
          return (
            <li key={f.id}>
              <Preview file={f} text={text} token={token} testId={thumbnailTestId} />
              <p>
                {text}
                {details?.(f)}
              </p>
              <p class="actions">
                {token ? (
                  <button type="button" class="secondary" onClick={() => save(f, name)}>
                    ดาวน์โหลด / Download <span class="visually-hidden">{name}</span>
                  </button>
                ) : (
                  <a href={f.downloadUrl} download>
                    ดาวน์โหลด / Download <span class="visually-hidden">{name}</span>
                  </a>
                )}
                {actions?.(f)}
              </p>
            </li>
          );
        })}
      </ul>
      {error && (
        <p class="field-error" role="alert">
          {fieldText(error)}
        </p>
      )}
    </>
  );
}

/** A file chosen on a form, with its preview, before it is sent. */
function ChosenFile({ file, problem, onRemove }: { file: File; problem?: string; onRemove: () => void }) {
  const src = useObjectUrl(file);
  return (
    <li>
      {src && <img src={src} alt="" width={96} height={96} data-testid="chosen-preview" />}
      <p>
        {file.name} · {sizeText(file.size)}
      </p>
      {problem && <p class="field-error">{problem}</p>}
      <p>
        <button type="button" class="secondary" onClick={onRemove}>
          เอาออก / Remove <span class="visually-hidden">{file.name}</span>
        </button>
      </p>
    </li>
  );
}

/** What is wrong with the chosen files before sending (too many, too large); null when nothing. */
export function chosenProblem(files: File[]): string | null {
  const { maxFileBytes, maxFiles } = uploadLimits();
  if (files.length > maxFiles) return `ไม่เกิน ${maxFiles} ไฟล์ / At most ${maxFiles} files`;
  const big = files.find((f) => f.size > maxFileBytes);
  if (big)
    return `${big.name}: ใหญ่เกิน ${sizeText(maxFileBytes)} / larger than ${sizeText(maxFileBytes)}; เอาออกหรือเลือกไฟล์อื่น / remove it or choose another`;
  return null;
}

/** A form's error with the chosen files' problem (too many, too large) added at the file field `field`. */
export function filesProblem(
  error: DescribedError | null,
  files: File[],
  field = 'files',
): DescribedError | null {
  const problem = chosenProblem(files);
  if (!problem) return error;
  const at = { field, message: problem };
  return error
    ? { ...error, fields: [...error.fields, at] }
    : {
        kind: 'validation',
        title: 'ข้อมูลไม่ครบหรือไม่ถูกต้อง โปรดแก้ไขช่องที่แจ้งไว้ / Please correct the fields shown',
        lines: [],
        fields: [at],
      };
}

/**
 * A file field on a form: choose photos or PDF (more than once adds to the list), see each with its
 * preview and size, remove one. The limits are shown in the hint; the files are sent by the page.
 */
export function FilePicker({
  id,
  label = 'แนบรูปภาพหรือ PDF',
  labelEn = 'Attach photos or PDF',
  files,
  onChange,
  error,
  problemOf,
}: {
  id: string;
  label?: string;
  labelEn?: string;
  files: File[];
  onChange: (files: File[]) => void;
  error?: string;
  /** what went wrong with one file (a refused upload), shown beside it */
  problemOf?: (file: File) => string | undefined;
}) {
  const { maxFileBytes, maxFiles } = uploadLimits();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {label} <span class="en">{labelEn}</span>
      </label>
      <small id={`${id}-hint`} class="hint">
        ไม่บังคับ ไม่เกิน {maxFiles} ไฟล์ ไฟล์ละไม่เกิน {sizeText(maxFileBytes)} (JPEG, PNG, WebP, HEIC, PDF)
        ระบบลบข้อมูลแฝง เช่น พิกัด GPS ออกก่อนเก็บ / Optional: up to {maxFiles} files of {sizeText(maxFileBytes)}{' '}
        each; hidden data such as GPS position is removed before storing
      </small>
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
      <input
        id={id}
        name={id}
        type="file"
        multiple
        accept={ACCEPT}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[errorId, `${id}-hint`].filter(Boolean).join(' ')}
        onChange={(e) => {
          const input = e.currentTarget;
          onChange([...files, ...Array.from(input.files ?? [])]);
          input.value = ''; // the list below holds them; the same file can be chosen again after removing it
        }}
      />
      {files.length > 0 && (
        <ul class="attachments" data-testid={`${id}-chosen`} aria-label="ไฟล์ที่เลือก / Chosen files">
          {files.map((f, i) => (
            <ChosenFile
              key={`${f.name}-${f.size}-${f.lastModified}-${i}`}
              file={f}
              problem={problemOf?.(f)}
              onRemove={() => onChange(files.filter((_, j) => j !== i))}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
