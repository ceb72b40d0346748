/**
 * File uploads and previews for the tracking page and the officer's case page. openapi-fetch cannot send
 * multipart, so uploads are a plain `fetch` with `FormData` (parts named `file`); every failure becomes an
 * `ApiError` for `describeError` (413 too large, 415 type, 429 with the wait), shown at the file input.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiErrorBody, type DescribedError, parseRetryAfter } from './errors';

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
