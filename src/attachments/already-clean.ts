/**
 * Whether an image's bytes already carry nothing that cleaning would remove, so that they can be stored
 * as they are instead of being decoded and encoded again (issue 17: "files that need no re-encoding").
 * Read structurally, marker by marker or chunk by chunk, and decided by an allow-list: anything not
 * known to be pixel data or its plain description (EXIF, XMP, IPTC, ICC profiles, comments, maker
 * segments, text chunks, times, embedded thumbnails, animation, bytes after the end of the image, an
 * unknown segment or chunk) means "not clean", and the file goes through the usual re-encoding. With
 * no EXIF there is no orientation to apply either, so such an image is upright as it is.
 */

/** JPEG segments that describe the picture only (frames, tables, restart interval). */
const JPEG_PLAIN = new Set([
  0xc0,
  0xc1,
  0xc2,
  0xc3,
  0xc5,
  0xc6,
  0xc7,
  0xc9,
  0xca,
  0xcb,
  0xcd,
  0xce,
  0xcf, // start of frame
  0xc4, // Huffman tables
  0xcc, // arithmetic coding conditioning
  0xdb, // quantisation tables
  0xdd, // restart interval
]);
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);

export function jpegIsClean(bytes: Buffer): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  let pos = 2;
  let components = 0;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) return false;
    while (bytes[pos] === 0xff) pos++; // fill bytes
    const marker = bytes[pos++];
    if (marker === undefined) return false;
    if (marker === 0xd9) return pos === bytes.length && (components === 1 || components === 3);
    if (pos + 2 > bytes.length) return false;
    const length = bytes.readUInt16BE(pos);
    if (length < 2 || pos + length > bytes.length) return false;
    const segment = bytes.subarray(pos + 2, pos + length);
    if (marker === 0xe0) {
      // APP0 JFIF only, without its optional thumbnail (width and height 0)
      if (segment.length < 14 || segment.toString('latin1', 0, 5) !== 'JFIF\0') return false;
      if (segment[12] !== 0 || segment[13] !== 0) return false;
    } else if (marker === 0xee) {
      // APP14 Adobe: the colour transform, nothing else
      if (segment.length !== 12 || segment.toString('latin1', 0, 5) !== 'Adobe') return false;
    } else if (isFrame(marker)) {
      components = segment[5] ?? 0;
    } else if (marker !== 0xda && !JPEG_PLAIN.has(marker)) return false;
    pos += length;
    if (marker === 0xda) {
      // entropy-coded data up to the next marker that is neither a stuffed 0xFF00 nor a restart
      for (;;) {
        pos = bytes.indexOf(0xff, pos);
        if (pos < 0 || pos + 1 >= bytes.length) return false;
        const next = bytes[pos + 1];
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
        else if (next === 0xff) pos += 1;
        else break;
      }
    }
  }
  return false;
}

/** PNG chunks that describe the picture only. */
const PNG_PLAIN = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'sBIT',
  'bKGD',
  'pHYs',
]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngIsClean(bytes: Buffer): boolean {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    if (!PNG_PLAIN.has(type)) return false;
    pos += 12 + length;
    if (type === 'IEND') return pos === bytes.length;
  }
  return false;
}

/** A simple WebP: one lossy or lossless bitstream (an extended file may carry EXIF, XMP, ICC, frames). */
export function webpIsClean(bytes: Buffer): boolean {
  if (
    bytes.length < 20 ||
    bytes.toString('latin1', 0, 4) !== 'RIFF' ||
    bytes.toString('latin1', 8, 12) !== 'WEBP'
  )
    return false;
  if (bytes.readUInt32LE(4) + 8 !== bytes.length) return false;
  const type = bytes.toString('latin1', 12, 16);
  const length = bytes.readUInt32LE(16);
  return (type === 'VP8 ' || type === 'VP8L') && 20 + length + (length % 2) === bytes.length;
}

/** Whether an image of this detected type can be stored as it is. HEIC is always converted. */
export function imageIsClean(detected: string, bytes: Buffer): boolean {
  if (detected === 'image/jpeg') return jpegIsClean(bytes);
  if (detected === 'image/png') return pngIsClean(bytes);
  if (detected === 'image/webp') return webpIsClean(bytes);
  return false;
}
