import { ApiError, describeError, parseRetryAfter, waitText } from '../../src/web/client/shared/errors';

const body = (status: number, extra: Record<string, unknown> = {}) => ({
  statusCode: status,
  code: 'SOME_CODE',
  message: 'English message',
  messageTh: 'ข้อความไทย',
  requestId: 'req-123',
  ...extra,
});

describe('describeError classifies every error class (browser error model)', () => {
  it.each([
    ['network loss (no answer)', new ApiError(0, null), 'network', 'ขาดการเชื่อมต่อ ลองใหม่'],
    ["fetch's own TypeError", new TypeError('Failed to fetch'), 'network', 'ขาดการเชื่อมต่อ'],
    ["a proxy's HTML 502", new ApiError(502, null), 'server', 'HTTP 502'],
    ['an HTML 404 from a proxy', new ApiError(404, null), 'bad-response', 'HTTP 404'],
    ['a 200 that is not JSON', new ApiError(200, null), 'bad-response', 'HTTP 200'],
    [
      '401',
      new ApiError(401, body(401, { code: 'INVALID_CREDENTIALS' })),
      'unauthenticated',
      'ข้อความไทย / English message',
    ],
    ['403', new ApiError(403, body(403)), 'forbidden', 'ข้อความไทย'],
    ['404', new ApiError(404, body(404)), 'not-found', 'ข้อความไทย'],
    [
      '409',
      new ApiError(409, body(409, { details: { currentStatus: 'closed', allowedActions: [] } })),
      'conflict',
      'ข้อความไทย',
    ],
    ['413', new ApiError(413, body(413)), 'too-large', 'ข้อความไทย'],
    ['415', new ApiError(415, body(415)), 'unsupported-type', 'ข้อความไทย'],
    ['429', new ApiError(429, body(429, { code: 'RATE_LIMITED' }), 30), 'rate-limited', 'ข้อความไทย'],
    ['lockout', new ApiError(429, body(429, { code: 'ACCOUNT_LOCKED' })), 'locked', 'บัญชีถูกระงับชั่วคราว'],
    ['500 with a request id', new ApiError(500, body(500)), 'server', 'ระบบขัดข้อง'],
    ['a bug in the page', new Error('x is undefined'), 'page', 'โหลดหน้าใหม่'],
    ['a thrown string', 'oops', 'page', 'โหลดหน้าใหม่'],
    ['null', null, 'page', 'โหลดหน้าใหม่'],
  ])('%s', (_name, err, kind, title) => {
    const described = describeError(err);
    expect(described.kind).toBe(kind);
    expect(described.title).toContain(title);
  });

  it('a 5xx names its request id', () => {
    const d = describeError(new ApiError(503, body(503)));
    expect(d.requestId).toBe('req-123');
    expect(d.lines).toEqual(['รหัสอ้างอิง / Request id: req-123']);
  });

  it.each([
    ['Retry-After header', new ApiError(429, body(429), 90), 90, 'โปรดรอ 2 นาที แล้วลองใหม่'],
    [
      'details.retryAfterSeconds',
      new ApiError(429, body(429, { details: { retryAfterSeconds: 45 } })),
      45,
      'โปรดรอ 45 วินาที',
    ],
    [
      'lockout details',
      new ApiError(429, body(429, { code: 'ACCOUNT_LOCKED', details: { retryAfterSeconds: 3600 } })),
      3600,
      'โปรดรอ 1 ชั่วโมง',
    ],
    ['neither', new ApiError(429, body(429)), undefined, 'โปรดรอสักครู่'],
  ])('429 says how long to wait: %s', (_name, err, seconds, line) => {
    const d = describeError(err);
    expect(d.retryAfterSeconds).toBe(seconds);
    expect(d.lines.join('\n')).toContain(line);
  });

  it.each([
    [
      'a list of field problems',
      [
        {
          field: 'complainant.phone',
          rule: 'isThaiPhone',
          message: 'phone is invalid',
          messageTh: 'เบอร์โทรไม่ถูกต้อง',
        },
        { field: 'subject', message: 'subject is required' },
      ],
      [
        { field: 'complainant.phone', message: 'เบอร์โทรไม่ถูกต้อง / phone is invalid' },
        { field: 'subject', message: 'subject is required' },
      ],
      [],
    ],
    [
      'an object by field',
      { email: 'not an e-mail', password: ['too short', 'too common'] },
      [
        { field: 'email', message: 'not an e-mail' },
        { field: 'password', message: 'too short, too common' },
      ],
      [],
    ],
    [
      'a list with odd items',
      [null, 42, 'plain text', { no: 'field' }],
      [],
      ['42', 'plain text', '{"no":"field"}'],
    ],
    ['a string', 'just words', [], ['just words']],
    ['nothing', undefined, [], []],
  ])('400 with details as %s: never throws, fields bound by path', (_name, details, fields, lines) => {
    const d = describeError(new ApiError(400, body(400, { code: 'VALIDATION_FAILED', details })));
    expect(d.kind).toBe('validation');
    expect(d.fields).toEqual(fields);
    expect(d.lines).toEqual(lines);
  });

  it('409 shows the current status and what is allowed now', () => {
    const d = describeError(
      new ApiError(
        409,
        body(409, { details: { currentStatus: { th: 'ปิดเรื่อง', en: 'Closed' }, allowedActions: ['reopen'] } }),
      ),
    );
    expect(d.lines).toEqual([
      'สถานะปัจจุบัน / Current status: ปิดเรื่อง / Closed',
      'ทำได้ตอนนี้ / Allowed now: reopen',
    ]);
  });

  it('never throws on a body that is hostile to printing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const details of [cyclic, [cyclic], Object.create(null) as object, [undefined], 0, false])
      for (const status of [400, 409, 429])
        expect(() => describeError(new ApiError(status, body(status, { details })))).not.toThrow();
  });
});

describe('waitText and parseRetryAfter', () => {
  it.each([
    [1, '1 วินาที / 1 second'],
    [59, '59 วินาที / 59 seconds'],
    [60, '1 นาที / 1 minute'],
    [61, '2 นาที / 2 minutes'],
    [3600, '1 ชั่วโมง / 1 hour'],
    [0, '1 วินาที / 1 second'],
  ])('%i s → %s', (seconds, text) => expect(waitText(seconds)).toBe(text));

  it.each([
    [null, undefined],
    ['120', 120],
    [' 5 ', 5],
    ['Tue, 01 Dec 2026 00:01:00 GMT', 60],
    ['Tue, 01 Dec 2026 00:00:00 GMT', 0],
    ['soon', undefined],
  ])('Retry-After %p → %p', (header, seconds) =>
    expect(parseRetryAfter(header, Date.parse('2026-12-01T00:00:00Z'))).toBe(seconds),
  );
});
