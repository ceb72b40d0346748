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

/**
 * Bytes kept as the pieces they arrived in (a file is not copied into one buffer to be scanned), read
 * by position; reads move forward, so the piece of the last read is tried first.
 */
export class Pieces {
  readonly length: number;
  private readonly starts: number[] = [];
  private last = 0;

  constructor(private readonly pieces: readonly Buffer[]) {
    let length = 0;
    for (const piece of pieces) {
      this.starts.push(length);
      length += piece.length;
    }
    this.length = length;
  }

  /** The index of the piece holding `pos` (which must be inside). */
  private pieceAt(pos: number): number {
    let i = this.last;
    if (pos < this.starts[i]) i = 0;
    while (pos >= this.starts[i] + this.pieces[i].length) i++;
    return (this.last = i);
  }

  at(pos: number): number | undefined {
    if (pos < 0 || pos >= this.length) return undefined;
    const i = this.pieceAt(pos);
    return this.pieces[i][pos - this.starts[i]];
  }

  /** The bytes from `start` to `end` (a view when they lie in one piece, else a copy). */
  slice(start: number, end: number): Buffer {
    end = Math.min(end, this.length);
    if (start >= end) return Buffer.alloc(0);
    const i = this.pieceAt(start);
    const from = start - this.starts[i];
    if (from + (end - start) <= this.pieces[i].length)
      return this.pieces[i].subarray(from, from + end - start);
    const out = Buffer.allocUnsafe(end - start);
    for (let at = 0, j = i, offset = from; at < out.length; j++, offset = 0)
      at += this.pieces[j].copy(out, at, offset, Math.min(this.pieces[j].length, offset + out.length - at));
    return out;
  }

  indexOf(byte: number, from: number): number {
    if (from >= this.length) return -1;
    for (let i = this.pieceAt(Math.max(0, from)); i < this.pieces.length; i++) {
      const found = this.pieces[i].indexOf(byte, Math.max(0, from - this.starts[i]));
      if (found >= 0) return ((this.last = i), this.starts[i] + found);
    }
    return -1;
  }
}

const piecesOf = (bytes: Buffer | readonly Buffer[]) => new Pieces(Buffer.isBuffer(bytes) ? [bytes] : bytes);

/**
 * The length of a clean JPEG's header (up to the entropy-coded data of its first scan), all its
 * decoder needs to read its size; -1 when the JPEG is not clean.
 */
export function cleanJpegHeaderLength(input: Buffer | readonly Buffer[]): number {
  const bytes = piecesOf(input);
  if (bytes.length < 4 || bytes.at(0) !== 0xff || bytes.at(1) !== 0xd8) return -1;
  let pos = 2;
  let components = 0;
  let header = -1;
  while (pos < bytes.length) {
    if (bytes.at(pos) !== 0xff) return -1;
    while (bytes.at(pos) === 0xff) pos++; // fill bytes
    const marker = bytes.at(pos++);
    if (marker === undefined) return -1;
    if (marker === 0xd9) return pos === bytes.length && (components === 1 || components === 3) ? header : -1;
    if (pos + 2 > bytes.length) return -1;
    const length = bytes.slice(pos, pos + 2).readUInt16BE();
    if (length < 2 || pos + length > bytes.length) return -1;
    const segment = bytes.slice(pos + 2, pos + length);
    if (marker === 0xe0) {
      // APP0 JFIF only, without its optional thumbnail (width and height 0)
      if (segment.length < 14 || segment.toString('latin1', 0, 5) !== 'JFIF\0') return -1;
      if (segment[12] !== 0 || segment[13] !== 0) return -1;
    } else if (marker === 0xee) {
      // APP14 Adobe: the colour transform, nothing else
      if (segment.length !== 12 || segment.toString('latin1', 0, 5) !== 'Adobe') return -1;
    } else if (isFrame(marker)) {
      components = segment[5] ?? 0;
    } else if (marker !== 0xda && !JPEG_PLAIN.has(marker)) return -1;
    pos += length;
    if (marker === 0xda) {
      if (header < 0) header = pos;
      // entropy-coded data up to the next marker that is neither a stuffed 0xFF00 nor a restart
      for (;;) {
        pos = bytes.indexOf(0xff, pos);
        if (pos < 0 || pos + 1 >= bytes.length) return -1;
        const next = bytes.at(pos + 1)!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
        else if (next === 0xff) pos += 1;
        else break;
      }
    }
  }
  return -1;
}

export const jpegIsClean = (bytes: Buffer | readonly Buffer[]): boolean => cleanJpegHeaderLength(bytes) >= 0;

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

export function pngIsClean(input: Buffer | readonly Buffer[]): boolean {
  const bytes = piecesOf(input);
  if (!bytes.slice(0, 8).equals(PNG_SIGNATURE)) return false;
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = bytes.slice(pos, pos + 4).readUInt32BE();
    const type = bytes.slice(pos + 4, pos + 8).toString('latin1');
    if (!PNG_PLAIN.has(type)) return false;
    pos += 12 + length;
    if (type === 'IEND') return pos === bytes.length;
  }
  return false;
}

/** A simple WebP: one lossy or lossless bitstream (an extended file may carry EXIF, XMP, ICC, frames). */
export function webpIsClean(input: Buffer | readonly Buffer[]): boolean {
  const bytes = piecesOf(input);
  const head = bytes.slice(0, 20);
  if (
    head.length < 20 ||
    head.toString('latin1', 0, 4) !== 'RIFF' ||
    head.toString('latin1', 8, 12) !== 'WEBP'
  )
    return false;
  if (head.readUInt32LE(4) + 8 !== bytes.length) return false;
  const type = head.toString('latin1', 12, 16);
  const length = head.readUInt32LE(16);
  return (type === 'VP8 ' || type === 'VP8L') && 20 + length + (length % 2) === bytes.length;
}

/** Whether an image of this detected type can be stored as it is. HEIC is always converted. */
export function imageIsClean(detected: string, bytes: Buffer | readonly Buffer[]): boolean {
  if (detected === 'image/jpeg') return jpegIsClean(bytes);
  if (detected === 'image/png') return pngIsClean(bytes);
  if (detected === 'image/webp') return webpIsClean(bytes);
  return false;
}
