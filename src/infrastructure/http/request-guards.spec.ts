import { jsonDepthExceeds, nulFields } from './request-guards';

describe('jsonDepthExceeds', () => {
  it.each([
    ['{}', 1, false],
    ['{}', 0, true],
    ['[[1]]', 2, false],
    ['[[1]]', 1, true],
    ['{"a":{"b":[1,{"c":2}]}}', 4, false],
    ['{"a":{"b":[1,{"c":2}]}}', 3, true],
    ['[[],[],[]]', 2, false],
    ['"[[[[[["', 1, false],
    ['{"a":"\\"[[[["}', 1, false],
    ['{"a":"\\\\","b":[[1]]}', 3, false],
    ['{"a":"\\\\","b":[[1]]}', 2, true],
    ['1', 0, false],
  ])('%s with limit %d → %p', (text, limit, expected) => {
    expect(jsonDepthExceeds(text, limit)).toBe(expected);
  });
});

describe('nulFields', () => {
  it.each([
    [{ a: 'x' }, []],
    [{ a: 'x\u0000' }, ['a']],
    [{ a: { b: ['ok', 'n\u0000'] } }, ['a.b.1']],
    [{ 'k\u0000': 'v' }, ['k\\u0000']],
    [{ a: 1, b: true, c: null, d: '\u0000', e: { f: '\u0000' } }, ['d', 'e.f']],
    ['\u0000', ['body']],
    [[{ name: '\u0000' }], ['0.name']],
  ])('%j → %j', (value, expected) => {
    expect(nulFields(value)).toEqual(expected);
  });
});
