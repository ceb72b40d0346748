import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

export interface UploadPart {
  filename: string;
  /** the type the client declares (never trusted) */
  type?: string;
  data: Buffer;
  /** the form field name (default `file`) */
  field?: string;
}

/** A multipart/form-data body as a browser sends it, for `inject`. */
export function multipart(parts: UploadPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----rongrian${randomBytes(8).toString('hex')}`;
  const pieces: Buffer[] = [];
  for (const p of parts) {
    pieces.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? 'file'}"; filename="${p.filename}"\r\n` +
          `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(pieces),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** GPS of the photos the tests upload (a street in Bangkok). */
export const PHOTO_GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '13/1 45/1 30/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '100/1 30/1 0/1',
};

/**
 * A phone photo: JPEG `width`×`height` of noise (so it does not compress away), with camera make,
 * model, GPS coordinates and EXIF orientation 6 (shown turned a quarter to the right).
 */
export async function phonePhoto(width = 64, height = 32): Promise<Buffer> {
  const raw = randomBytes(width * height * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'SpyCam', Model: 'Serial-4711' }, IFD3: PHOTO_GPS })
    .toBuffer();
}

/** A JPEG padded with comment segments (COM, removed when re-encoded) to exactly `size` bytes. */
export async function jpegOfSize(size: number): Promise<Buffer> {
  const base = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    .jpeg()
    .toBuffer();
  let missing = size - base.length;
  if (missing < 0) throw new Error('size too small');
  const segments: Buffer[] = [];
  while (missing > 0) {
    // a COM segment: FF FE, 2-byte length (counting itself), data; at least 4 bytes in all
    const total = Math.min(missing, 65537);
    const len = total - 2;
    if (len < 2) {
      // too small for a segment of its own: shorten the previous one
      const prev = segments.pop()!;
      missing += prev.length;
      const first = Math.floor(missing / 2);
      segments.push(comSegment(first), comSegment(missing - first));
      break;
    }
    segments.push(comSegment(total));
    missing -= total;
  }
  return Buffer.concat([base.subarray(0, 2), ...segments, base.subarray(2)]);
}

function comSegment(total: number): Buffer {
  const segment = Buffer.alloc(total, 0x41);
  segment[0] = 0xff;
  segment[1] = 0xfe;
  segment.writeUInt16BE(total - 2, 2);
  return segment;
}

/** A small PDF with an author, a title and an XMP metadata stream. */
export async function pdfWithMetadata(): Promise<Buffer> {
  const { PDFDocument, PDFName, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setAuthor('Somchai Whistle');
  doc.setTitle('Secret procurement memo');
  doc.setCreator('Office Suite of Somchai');
  const page = doc.addPage([200, 200]);
  page.drawText('evidence', { x: 20, y: 100, font: await doc.embedFont(StandardFonts.Helvetica) });
  const xmp = doc.context.stream('<x:xmpmeta><dc:creator>Somchai Whistle</dc:creator></x:xmpmeta>', {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  return Buffer.from(await doc.save());
}

/** A Windows executable's first bytes, named like a photo by whoever sends it. */
export const EXECUTABLE = Buffer.concat([
  Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000', 'hex'),
  Buffer.alloc(4096, 0x90),
]);
