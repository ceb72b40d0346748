import { cleanFileName, fileKindOf } from './file-kinds';

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');
const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc(64)]);

describe('fileKindOf: the type comes from the bytes', () => {
  it.each([
    ['JPEG', pad(hex('ffd8ffe000104a46494600010100000100010000')), 'image/jpeg', 'image/jpeg'],
    ['PNG', pad(hex('89504e470d0a1a0a0000000d49484452')), 'image/png', 'image/png'],
    ['WebP', pad(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1')), 'image/webp', 'image/webp'],
    [
      'HEIC',
      pad(Buffer.from('\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000mif1heic', 'latin1')),
      'image/heic',
      'image/jpeg',
    ],
    [
      'PDF',
      pad(Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj', 'latin1')),
      'application/pdf',
      'application/pdf',
    ],
  ])('%s is accepted', async (_name, bytes, detected, stored) => {
    expect(await fileKindOf(bytes)).toMatchObject({ detected, stored });
  });

  it.each([
    ['a Windows executable', pad(Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000', 'latin1'))],
    ['an ELF executable', pad(hex('7f454c46020101000000000000000000'))],
    ['a ZIP archive', pad(hex('504b030414000000080000000000'))],
    ['a GIF', pad(Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1'))],
    ['plain text', Buffer.from('just some text, named photo.jpg')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['nothing', Buffer.alloc(0)],
  ])('%s is refused', async (_name, bytes) => {
    expect(await fileKindOf(bytes)).toBeNull();
  });
});

describe('cleanFileName', () => {
  it.each([
    ['IMG_0001.JPG', 'image/jpeg', 'IMG_0001.jpg'],
    ['C:\\Users\\somchai\\photo.heic', 'image/jpeg', 'photo.jpg'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['virus.exe', 'image/png', 'virus.png'],
    ['"quoted"\u0000<name>.pdf', 'application/pdf', 'quotedname.pdf'],
    ['', 'image/webp', 'file.webp'],
    [undefined, 'image/jpeg', 'file.jpg'],
    ['ถนนชำรุด.jpeg', 'image/jpeg', 'ถนนชำรุด.jpg'],
  ])('%j as %s → %s', (given, type, expected) => {
    expect(cleanFileName(given, type)).toBe(expected);
  });
});
