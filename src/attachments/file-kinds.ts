import { fileTypeFromBuffer } from 'file-type';

/** What an accepted file is, read from its first bytes (never from its name or declared type). */
export type FileKind =
  | { kind: 'image'; detected: string; stored: 'image/jpeg' | 'image/png' | 'image/webp' }
  | { kind: 'pdf'; detected: 'application/pdf'; stored: 'application/pdf' };

/** Bytes read before deciding (file-type's own sample size). */
export const SNIFF_BYTES = 4100;

const ACCEPTED: Record<string, FileKind> = {
  'image/jpeg': { kind: 'image', detected: 'image/jpeg', stored: 'image/jpeg' },
  'image/png': { kind: 'image', detected: 'image/png', stored: 'image/png' },
  'image/webp': { kind: 'image', detected: 'image/webp', stored: 'image/webp' },
  // phones' HEIC/HEIF photos are stored as JPEG (when this server's image library can decode them)
  'image/heic': { kind: 'image', detected: 'image/heic', stored: 'image/jpeg' },
  'image/heif': { kind: 'image', detected: 'image/heif', stored: 'image/jpeg' },
  'application/pdf': { kind: 'pdf', detected: 'application/pdf', stored: 'application/pdf' },
};

/** The accepted kind of a file from its first bytes; null for anything else (executables, archives, …). */
export async function fileKindOf(head: Buffer): Promise<FileKind | null> {
  const type = await fileTypeFromBuffer(head);
  return (type && ACCEPTED[type.mime]) ?? null;
}

/** File name extensions of the stored types, for download names. */
export const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/**
 * The uploader's file name, kept for officers' lists: no directories, no control characters, at most
 * 120 characters, and the extension of the stored type (a photo renamed `.exe` is stored as `.jpg`).
 */
export function cleanFileName(given: string | undefined, storedType: string): string {
  const ext = EXTENSIONS[storedType] ?? 'bin';
  const base = (given ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 120);
  return `${base || 'file'}.${ext}`;
}
