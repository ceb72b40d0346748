import { randomBytes } from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';
import { imageIsClean, jpegIsClean, pngIsClean, webpIsClean } from './already-clean';
import { cleanFile, makePreview } from './clean-file';
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

  it('reads the same in the pieces a file arrives in, cut anywhere (in a segment, a marker, a chunk)', async () => {
    const cut = (bytes: Buffer, size: number) => {
      const pieces: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
      return pieces;
    };
    const withExif = await noise(64).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const samples: [string, Buffer][] = [
      ['image/jpeg', jpeg],
      ['image/jpeg', progressive],
      ['image/jpeg', withExif],
      ['image/jpeg', Buffer.concat([jpeg, Buffer.from('hidden')])],
      ['image/jpeg', jpeg.subarray(0, jpeg.length - 1)],
      ['image/png', png],
      ['image/png', Buffer.concat([png, Buffer.from('trailing')])],
      ['image/webp', webp],
    ];
    for (const [type, bytes] of samples)
      for (const size of [1, 2, 3, 7, 64, 1000])
        expect([type, size, imageIsClean(type, cut(bytes, size))]).toEqual([
          type,
          size,
          imageIsClean(type, bytes),
        ]);
    expect(samples.map(([type, bytes]) => imageIsClean(type, bytes))).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
      false,
      true,
    ]);
    // kept as it is in its pieces, its size read from its header alone
    const kind = (await fileKindOf(jpeg.subarray(0, SNIFF_BYTES)))!;
    const kept = await cleanFile(kind, cut(jpeg, 1000));
    expect(kept.bytes).toHaveLength(Math.ceil(jpeg.length / 1000));
    expect([kept.sizeBytes, Buffer.concat(kept.bytes).equals(jpeg)]).toEqual([jpeg.length, true]);
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

  it('a clean JPEG is stored byte for byte (its preview made apart); one with GPS is still re-encoded without it', async () => {
    const kept = await cleanFile((await fileKindOf(jpeg.subarray(0, SNIFF_BYTES)))!, jpeg);
    expect(Buffer.concat(kept.bytes).equals(jpeg)).toBe(true);
    expect((await sharp(await makePreview(Buffer.concat(kept.bytes))).metadata()).format).toBe('webp');

    const located = await noise(64)
      .jpeg()
      .withExif({ IFD0: { Make: 'Phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '13/1 45/1 0/1' } })
      .toBuffer();
    const cleaned = await cleanFile((await fileKindOf(located.subarray(0, SNIFF_BYTES)))!, located);
    expect(Buffer.concat(cleaned.bytes).equals(located)).toBe(false);
    expect(jpegIsClean(cleaned.bytes)).toBe(true);
    expect(await exifr.parse(Buffer.concat(cleaned.bytes)).catch(() => undefined)).toBeUndefined();
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

  it('a clean PNG whose picture data is damaged is stored, and has no preview (a clear error, not a crash)', async () => {
    // the header and the chunks hold; the compressed pixels do not
    const png = await noise(64).png().toBuffer();
    const damaged = Buffer.from(png);
    const idat = damaged.indexOf(Buffer.from('IDAT'));
    damaged.fill(0x55, idat + 8, idat + 40);
    expect(imageIsClean('image/png', damaged)).toBe(true);
    const kind = (await fileKindOf(damaged.subarray(0, SNIFF_BYTES)))!;
    const kept = await cleanFile(kind, damaged);
    expect(Buffer.concat(kept.bytes).equals(damaged)).toBe(true);
    await expect(makePreview(Buffer.concat(kept.bytes))).rejects.toMatchObject({
      code: 'PREVIEW_NOT_AVAILABLE',
    });
  });
});
