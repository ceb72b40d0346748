import { BOM, csvField, toCsv } from './csv';

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['ถนนชำรุด', 'ถนนชำรุด'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [null, ''],
    [12.5, '12.5'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('starts with a byte-order mark and keeps Thai as UTF-8', () => {
    const doc = toCsv(['ประเภท (category)', 'จำนวน'], [['ไฟฟ้าสาธารณะ', 3]]);
    const bytes = Buffer.from(doc, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(doc).toBe(`${BOM}ประเภท (category),จำนวน\r\nไฟฟ้าสาธารณะ,3\r\n`);
  });
});
