import { randomBytes } from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';
import { imageIsClean, jpegIsClean, pngIsClean, webpIsClean } from './already-clean';
import { cleanFile } from './clean-file';
import { fileKindOf, SNIFF_BYTES } from './file-kinds';

const noise = (side: number) =>
  sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } });
const insertAfter = (bytes: Buffer, at: number, extra: Buffer) =>
  Buffer.concat([bytes.subarray(0, at), extra, bytes.subarray(at)]);
/** A JPEG segment: marker and its length-prefixed payload. */
const segment = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};
/** A PNG chunk (the CRC is not checked by the scan, so zeros do). */
const chunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, data, Buffer.alloc(4)]);
};

describe('images with nothing to remove are recognised, anything else is not', () => {
  let jpeg: Buffer;
  let progressive: Buffer;
  let png: Buffer;
  let webp: Buffer;
  beforeAll(async () => {
    jpeg = await noise(64).jpeg({ quality: 80 }).toBuffer();
    progressive = await noise(64).jpeg({ progressive: true, optimiseCoding: true }).toBuffer();
    png = await noise(32).png().toBuffer();
    webp = await noise(32).webp().toBuffer();
  });

  it('plain JPEG (baseline and progressive), PNG and WebP as an image library writes them', () => {
    expect(jpegIsClean(jpeg)).toBe(true);
    expect(jpegIsClean(progressive)).toBe(true);
    expect(pngIsClean(png)).toBe(true);
    expect(webpIsClean(webp)).toBe(true);
  });

  it('a JPEG with EXIF (orientation, GPS), XMP, an ICC profile or a comment is not', async () => {
    const withExif = await noise(64)
      .jpeg()
      .withExif({ IFD0: { Make: 'Phone', Model: 'X' } })
      .toBuffer();
    expect(jpegIsClean(withExif)).toBe(false);
    expect(jpegIsClean(await noise(64).jpeg().withMetadata({ orientation: 6 }).toBuffer())).toBe(false);
    expect(jpegIsClean(await noise(64).jpeg().withIccProfile('p3').toBuffer())).toBe(false);
    expect(jpegIsClean(insertAfter(jpeg, 2, segment(0xfe, Buffer.from('camera serial 1234'))))).toBe(false);
    expect(jpegIsClean(insertAfter(jpeg, 2, segment(0xed, Buffer.from('Photoshop 3.0\0IPTC'))))).toBe(false);
  });

  it('a JPEG with a JFIF thumbnail, bytes after its end, or cut short is not', () => {
    const jfif = Buffer.from('JFIF\0\u0001\u0001\0\0\u0001\0\u0001\u0002\u0002', 'latin1');
    const thumb = segment(0xe0, Buffer.concat([jfif, Buffer.alloc(12)]));
    expect(jpegIsClean(insertAfter(jpeg, 2, thumb))).toBe(false);
    expect(jpegIsClean(Buffer.concat([jpeg, Buffer.from('hidden')]))).toBe(false);
    expect(jpegIsClean(jpeg.subarray(0, jpeg.length - 100))).toBe(false);
  });

  it('a PNG with text, time, EXIF or a profile, or bytes after IEND, is not', () => {
    for (const type of ['tEXt', 'iTXt', 'zTXt', 'tIME', 'eXIf', 'iCCP', 'prVt'])
      expect(pngIsClean(insertAfter(png, 33, chunk(type, Buffer.from('Author\0someone'))))).toBe(false);
    expect(pngIsClean(insertAfter(png, 33, chunk('pHYs', Buffer.alloc(9))))).toBe(true);
    expect(pngIsClean(Buffer.concat([png, Buffer.from('trailing')]))).toBe(false);
  });

  it('an extended WebP (room for EXIF, XMP, ICC, frames) is not', async () => {
    expect(
      webpIsClean(
        await noise(32)
          .webp()
          .withExif({ IFD0: { Make: 'Phone' } })
          .toBuffer(),
      ),
    ).toBe(false);
    expect(imageIsClean('image/heic', webp)).toBe(false);
  });

  it('a clean JPEG is stored byte for byte with a preview; one with GPS is still re-encoded without it', async () => {
    const kept = await cleanFile((await fileKindOf(jpeg.subarray(0, SNIFF_BYTES)))!, jpeg);
    expect(kept.bytes.equals(jpeg)).toBe(true);
    expect((await sharp(kept.thumbnail!).metadata()).format).toBe('webp');

    const located = await noise(64)
      .jpeg()
      .withExif({ IFD0: { Make: 'Phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '13/1 45/1 0/1' } })
      .toBuffer();
    const cleaned = await cleanFile((await fileKindOf(located.subarray(0, SNIFF_BYTES)))!, located);
    expect(cleaned.bytes.equals(located)).toBe(false);
    expect(jpegIsClean(cleaned.bytes)).toBe(true);
    expect(await exifr.parse(cleaned.bytes).catch(() => undefined)).toBeUndefined();
  });

  it('a JPEG that passes the scan but does not decode is refused as before', async () => {
    // a frame of 0×0 pixels: the structure holds, the decoder refuses it
    const broken = Buffer.from(jpeg);
    const sof = broken.indexOf(Buffer.from([0xff, 0xc0]));
    broken.fill(0, sof + 5, sof + 9);
    expect(jpegIsClean(broken)).toBe(true);
    const kind = (await fileKindOf(jpeg.subarray(0, SNIFF_BYTES)))!;
    await expect(cleanFile(kind, broken)).rejects.toMatchObject({ code: 'IMAGE_NOT_DECODABLE' });
  });
});
