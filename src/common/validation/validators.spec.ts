import { normalizeThaiPhone } from './validators';

describe('normalizeThaiPhone', () => {
  it.each([
    ['0812345678', '0812345678'],
    ['081-234-5678', '0812345678'],
    ['+66 81 234 5678', '0812345678'],
    ['0612345678', '0612345678'],
    ['021234567', '021234567'],
    ['02-123-4567', '021234567'],
    ['053123456', '053123456'],
    ['0712345678', null],
    ['812345678', null],
    ['08123456789', null],
    ['0112345678', null],
    ['abc', null],
    ['', null],
  ])('%p → %p', (input, expected) => {
    expect(normalizeThaiPhone(input)).toBe(expected);
  });
});
