import { QueryFailedError } from 'typeorm';
import { describeError, summarizeError } from './error-summary';

const secret = 'สมศรี 081-234-5678 somsri@example.com';
const queryFailed = () =>
  new QueryFailedError('INSERT INTO complaints VALUES ($1)', [secret], {
    message: `new row violates check constraint "ck_x"`,
    code: '23514',
    constraint: 'ck_x',
    detail: `Failing row contains (${secret}).`,
  } as unknown as Error);

describe('summarizeError', () => {
  it.each<[string, () => unknown, string]>([
    ['a database error', queryFailed, 'QueryFailedError 23514 ck_x'],
    ['an error with a message', () => new Error(`cannot render ${secret}`), 'Error'],
    [
      'a system error',
      () => Object.assign(new Error(secret), { code: 'ECONNREFUSED' }),
      'Error ECONNREFUSED',
    ],
    ['a code that is a value', () => Object.assign(new Error('x'), { code: secret }), 'Error'],
    ['a string thrown', () => secret, 'string'],
    ['null thrown', () => null, 'object'],
  ])('%s is summarized without any value', (_what, make, expected) => {
    const error = make();
    expect(describeError(error)).toBe(expected);
    expect(JSON.stringify(summarizeError(error))).not.toMatch(/สมศรี|081|somsri|Failing|INSERT|cannot/);
  });

  it('keeps the code locations of the stack, not its first line', () => {
    const { frames } = summarizeError(new Error(`boom ${secret}`));
    expect(frames!.length).toBeGreaterThan(0);
    expect(frames!.every((f) => f.startsWith('at '))).toBe(true);
  });
});
