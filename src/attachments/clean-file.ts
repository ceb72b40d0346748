import { PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from 'pdf-lib';
import sharp from 'sharp';
import { DomainError } from '../common/errors/domain-error';
import { imageIsClean } from './already-clean';
import { FileKind } from './file-kinds';

/** Longest side of the previews shown in officers' lists and on the tracking page. */
export const THUMBNAIL_SIZE = 320;
/** Previews are small: the fastest WebP effort makes them at about half the time, hardly larger. */
const PREVIEW_WEBP = { quality: 70, effort: 0 };
/** Largest image accepted, in pixels (a "decompression bomb" of a few KB could otherwise take gigabytes). */
export const MAX_IMAGE_PIXELS = 100_000_000;

export interface CleanFile {
  bytes: Buffer;
  contentType: string;
  /** WebP preview of an image; null for PDF */
  thumbnail: Buffer | null;
}

sharp.cache(false); // nothing of one upload stays in memory for the next

/**
 * A copy of the file without what could identify or locate its author:
 * - JPEG, PNG and WebP images that carry nothing of the kind (see already-clean.ts: an allow-list of
 *   segments and chunks) are kept byte for byte, and only their preview is made;
 * - other images are decoded and encoded again (sharp/libvips) after turning them upright by their EXIF
 *   orientation; the new file carries no EXIF (GPS, camera serial, date), no XMP or IPTC, no maker
 *   notes and no embedded thumbnail, since sharp writes none unless asked to;
 * - PDFs lose their document information dictionary (author, creator, producer, dates, title) and
 *   their XMP metadata stream, and are written again by pdf-lib (without a new producer or dates).
 */
export async function cleanFile(kind: FileKind, input: Buffer): Promise<CleanFile> {
  return kind.kind === 'image' ? cleanImage(kind, input) : { ...(await cleanPdf(input)), thumbnail: null };
}

async function cleanImage(kind: FileKind, input: Buffer): Promise<CleanFile> {
  try {
    // nothing to remove and nothing to turn: stored as it is; the preview decodes it all the same, so
    // a file that is not a decodable image is refused exactly as on the re-encoding path
    if (imageIsClean(kind.detected, input)) {
      const thumbnail = await sharp(input, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS })
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp(PREVIEW_WEBP)
        .toBuffer();
      return { bytes: input, contentType: kind.stored, thumbnail };
    }
    const image = sharp(input, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    const encoded =
      kind.stored === 'image/png'
        ? image.clone().png()
        : kind.stored === 'image/webp'
          ? image.clone().webp({ quality: 85 })
          : image.clone().jpeg({ quality: 85, mozjpeg: false });
    const [bytes, thumbnail] = await Promise.all([
      encoded.toBuffer(),
      image
        .clone()
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp(PREVIEW_WEBP)
        .toBuffer(),
    ]);
    return { bytes, contentType: kind.stored, thumbnail };
  } catch {
    throw new DomainError('IMAGE_NOT_DECODABLE', { detectedType: kind.detected });
  }
}

async function cleanPdf(input: Buffer): Promise<{ bytes: Buffer; contentType: string }> {
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
  const bytes = Buffer.from(await doc.save({ updateFieldAppearances: false }));
  return { bytes, contentType: 'application/pdf' };
}
