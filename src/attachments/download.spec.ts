import { DomainError } from '../common/errors/domain-error';
import { uploadError } from './attachments.service';
import { attachmentDisposition } from './download';

describe('attachmentDisposition', () => {
  it.each([
    ['IMG_0001.jpg', `attachment; filename="IMG_0001.jpg"; filename*=UTF-8''IMG_0001.jpg`],
    [
      'ผลการซ่อม.jpg',
      `attachment; filename="_________.jpg"; filename*=UTF-8''%E0%B8%9C%E0%B8%A5%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%8B%E0%B9%88%E0%B8%AD%E0%B8%A1.jpg`,
    ],
    [
      `a "quoted" (x)'s.pdf`,
      `attachment; filename="a _quoted_ (x)'s.pdf"; filename*=UTF-8''a%20%22quoted%22%20%28x%29%27s.pdf`,
    ],
    ['back\\slash.png', `attachment; filename="back_slash.png"; filename*=UTF-8''back%5Cslash.png`],
  ])('%s', (name, expected) => {
    expect(attachmentDisposition(name)).toBe(expected);
  });
});

describe('uploadError: multipart failures as the standard errors', () => {
  const limits = { maxFiles: 5, maxFileBytes: 1000 } as Parameters<typeof uploadError>[1];
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it.each([
    [withCode('FST_FILES_LIMIT'), 'TOO_MANY_FILES', { maxFiles: 5 }],
    [withCode('FST_PARTS_LIMIT'), 'TOO_MANY_FILES', { maxFiles: 5 }],
    [withCode('FST_REQ_FILE_TOO_LARGE'), 'FILE_TOO_LARGE', { maxBytes: 1000 }],
    [withCode('FST_INVALID_MULTIPART_CONTENT_TYPE'), 'MULTIPART_REQUIRED', undefined],
    [
      withCode('FST_PROTO_VIOLATION'),
      'BAD_REQUEST',
      { reason: 'the multipart body is incomplete or malformed' },
    ],
    [
      new Error('Unexpected end of form'),
      'BAD_REQUEST',
      { reason: 'the multipart body is incomplete or malformed' },
    ],
    [
      new Error('Malformed part header'),
      'BAD_REQUEST',
      { reason: 'the multipart body is incomplete or malformed' },
    ],
  ])('%s → %s', (error, code, details) => {
    const mapped = uploadError(error, limits) as DomainError;
    expect(mapped).toBeInstanceOf(DomainError);
    expect([mapped.code, mapped.details]).toEqual([code, details]);
  });

  it('domain errors and anything else pass unchanged', () => {
    const domain = new DomainError('FILE_TYPE_NOT_ACCEPTED');
    const database = withCode('57P01', 'terminating connection');
    expect(uploadError(domain, limits)).toBe(domain);
    expect(uploadError(database, limits)).toBe(database);
  });
});
