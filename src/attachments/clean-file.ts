import { PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from 'pdf-lib';
import sharp from 'sharp';
import { DomainError } from '../common/errors/domain-error';
import { cleanJpegHeaderLength, imageIsClean, Pieces } from './already-clean';
import { FileKind } from './file-kinds';

/** Longest side of the previews shown in officers' lists and on the tracking page. */
export const THUMBNAIL_SIZE = 320;
/** Previews are small: the fastest WebP effort makes them at about half the time, hardly larger. */
const PREVIEW_WEBP = { quality: 70, effort: 0 };
/** Largest image accepted, in pixels (a "decompression bomb" of a few KB could otherwise take gigabytes). */
export const MAX_IMAGE_PIXELS = 100_000_000;

export interface CleanFile {
  /** the file, in the pieces it arrived in when kept as it is */
  bytes: Buffer[];
  sizeBytes: number;
  contentType: string;
}

const whole = (pieces: readonly Buffer[]) => (pieces.length === 1 ? pieces[0] : Buffer.concat(pieces));
const kept = (bytes: Buffer[], contentType: string): CleanFile => ({
  bytes,
  sizeBytes: bytes.reduce((sum, b) => sum + b.length, 0),
  contentType,
});

sharp.cache(false); // nothing of one upload stays in memory for the next

/**
 * A copy of the file without what could identify or locate its author:
 * - JPEG, PNG and WebP images that carry nothing of the kind (see already-clean.ts: an allow-list of
 *   segments and chunks) are kept byte for byte once their header reads as an image of at most
 *   MAX_IMAGE_PIXELS (they are not decoded here: their preview is made on first view, `makePreview`);
 * - other images are decoded and encoded again (sharp/libvips) after turning them upright by their EXIF
 *   orientation; the new file carries no EXIF (GPS, camera serial, date), no XMP or IPTC, no maker
 *   notes and no embedded thumbnail, since sharp writes none unless asked to;
 * - PDFs lose their document information dictionary (author, creator, producer, dates, title) and
 *   their XMP metadata stream, and are written again by pdf-lib (without a new producer or dates).
 */
export async function cleanFile(kind: FileKind, input: Buffer | Buffer[]): Promise<CleanFile> {
  const pieces = Buffer.isBuffer(input) ? [input] : input;
  return kind.kind === 'image' ? cleanImage(kind, pieces) : cleanPdf(whole(pieces));
}

/**
 * Where the header of a clean image ends (its decoder reads its size from the bytes before), or -1 when
 * it is not clean. A JPEG's header is read alone, so that a kept JPEG is never copied into one buffer.
 */
function cleanHeaderLength(detected: string, pieces: Buffer[]): number {
  if (detected === 'image/jpeg') return cleanJpegHeaderLength(pieces);
  return imageIsClean(detected, pieces) ? Infinity : -1;
}

async function cleanImage(kind: FileKind, pieces: Buffer[]): Promise<CleanFile> {
  try {
    // nothing to remove and nothing to turn: stored as it is after a look at its header (size, format);
    // the pixels are decoded only for its preview, on first view
    const header = cleanHeaderLength(kind.detected, pieces);
    if (header >= 0) {
      const { width, height } = await sharp(
        header === Infinity ? whole(pieces) : new Pieces(pieces).slice(0, header),
        {
          failOn: 'error',
          limitInputPixels: MAX_IMAGE_PIXELS,
        },
      ).metadata();
      const pixels = (width ?? 0) * (height ?? 0);
      if (!(pixels > 0 && pixels <= MAX_IMAGE_PIXELS)) throw new Error('no pixels');
      return kept(pieces, kind.stored);
    }
    const image = sharp(whole(pieces), { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    const encoded =
      kind.stored === 'image/png'
        ? image.png()
        : kind.stored === 'image/webp'
          ? image.webp({ quality: 85 })
          : image.jpeg({ quality: 85, mozjpeg: false });
    return kept([await encoded.toBuffer()], kind.stored);
  } catch {
    throw new DomainError('IMAGE_NOT_DECODABLE', { detectedType: kind.detected });
  }
}

/**
 * The WebP preview (at most THUMBNAIL_SIZE on its longest side) of a stored image, which is already
 * upright and clean. Rejects with PREVIEW_NOT_AVAILABLE when its pixels cannot be decoded (a file whose
 * header read well at upload but whose image data is damaged).
 */
export async function makePreview(stored: Buffer): Promise<Buffer> {
  try {
    return await sharp(stored, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS })
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp(PREVIEW_WEBP)
      .toBuffer();
  } catch {
    throw new DomainError('PREVIEW_NOT_AVAILABLE');
  }
}

async function cleanPdf(input: Buffer): Promise<CleanFile> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(input, { updateMetadata: false });
  } catch {
    // among them EncryptedPDFError: a protected PDF cannot be cleaned, nor read by officers
    throw new DomainError('PDF_NOT_ACCEPTED');
  }
  // every XMP stream (the document's and any page's or image's): a reference left to it reads as null
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    if (dict?.get(PDFName.of('Type')) === PDFName.of('Metadata')) doc.context.delete(ref);
  }
  doc.catalog.delete(PDFName.of('Metadata'));
  const info = doc.context.trailerInfo.Info;
  doc.context.trailerInfo.Info = undefined;
  if (info instanceof PDFRef) doc.context.delete(info);
  const saved = await doc.save({ updateFieldAppearances: false });
  return kept([Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength)], 'application/pdf');
}
