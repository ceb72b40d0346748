import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { openBlob, sealBlob } from './sealed-blob';

const key = randomBytes(32);
const plain = Buffer.from('หลักฐาน: ใบเสร็จรับเงินปลอม '.repeat(500));
const pieces = (b: Buffer) => Readable.from([b.subarray(0, 1000), b.subarray(1000)]);

describe('sealed blobs (integrity evidence)', () => {
  it('round-trips through a stream and hides the plaintext', async () => {
    const { sealed: parts, seal } = sealBlob(key, 'blob-a', [plain.subarray(0, 777), plain.subarray(777)]);
    const sealed = Buffer.concat(parts);
    expect(sealed.includes(Buffer.from('ใบเสร็จ'))).toBe(false);
    expect(seal).toHaveLength(28);
    expect(await text(openBlob(key, 'blob-a', seal, pieces(sealed)))).toBe(plain.toString());
  });

  it.each([
    ['another key', randomBytes(32), 'blob-a', (b: Buffer) => b],
    ['another blob name', key, 'blob-b', (b: Buffer) => b],
    [
      'a changed byte',
      key,
      'blob-a',
      (b: Buffer) => Buffer.concat([b.subarray(0, 10), Buffer.from([b[10] ^ 1]), b.subarray(11)]),
    ],
    ['a cut-off end', key, 'blob-a', (b: Buffer) => b.subarray(0, b.length - 1)],
  ])('fails with %s', async (_what, k, name, change) => {
    const { sealed, seal } = sealBlob(key, 'blob-a', [plain]);
    await expect(text(openBlob(k, name, seal, pieces(change(Buffer.concat(sealed)))))).rejects.toThrow();
  });
});
