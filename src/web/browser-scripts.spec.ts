import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';

// The browser scripts (src/web/public) are plain classic scripts; these tests load app.js as a
// browser would (a global `window`, `fetch`) and type-check the scripts as `npm run lint` does.
const PUBLIC_DIR = join(__dirname, 'public');

interface Helpers {
  api: (method: string, path: string, body?: unknown) => Promise<unknown>;
  describeError: (err: unknown, labels?: Record<string, string>) => string;
}

function loadApp(fetch: (url: string, init: unknown) => Promise<Response>): Helpers {
  const window: { Rongrian?: Helpers } = {};
  runInNewContext(readFileSync(join(PUBLIC_DIR, 'app.js'), 'utf8'), { window, fetch });
  return window.Rongrian!;
}

const noFetch = () => Promise.reject(new Error('no network in this test'));
const body = (code: string, messageTh: string, message: string, details?: unknown) => ({
  statusCode: 400,
  code,
  messageTh,
  message,
  ...(details === undefined ? {} : { details }),
  requestId: 'req-1',
});

describe('describeError (app.js)', () => {
  const { describeError } = loadApp(noFetch);

  it.each([
    {
      name: 'a list of field problems, named by the page’s labels where it knows them',
      err: {
        status: 400,
        body: body('VALIDATION_FAILED', 'ข้อมูลไม่ถูกต้อง', 'Invalid request', [
          {
            field: 'newDueDate',
            rule: 'isDateString',
            message: 'newDueDate must be a date',
            messageTh: 'ต้องเป็นวันที่',
          },
          { field: 'reason', rule: 'isNotEmpty', message: 'reason should not be empty' },
        ]),
      },
      labels: { newDueDate: 'กำหนดใหม่ / New due date' },
      lines: [
        'ข้อมูลไม่ถูกต้อง / Invalid request',
        '• กำหนดใหม่ / New due date: ต้องเป็นวันที่ / newDueDate must be a date',
        '• reason: reason should not be empty',
        '(req-1)',
      ],
    },
    {
      name: '409 with an object of details (it used to throw: details.forEach)',
      err: {
        status: 409,
        body: body('TRANSITION_NOT_ALLOWED', 'ทำไม่ได้ในสถานะนี้', 'Not allowed now', {
          currentStatus: 'resolved',
          action: 'assign',
          allowedActions: ['close', 'reopen'],
        }),
      },
      lines: [
        'ทำไม่ได้ในสถานะนี้ / Not allowed now',
        '• สถานะปัจจุบัน / Current status: resolved',
        '• action: assign',
        '• ทำได้ตอนนี้ / Allowed now: close, reopen',
        '(req-1)',
      ],
    },
    {
      name: 'a locked account: how long to wait, from details.retryAfterSeconds',
      err: {
        status: 429,
        body: body('ACCOUNT_LOCKED', 'เข้าสู่ระบบผิดหลายครั้งเกินไป', 'Too many failed sign-ins', {
          retryAfterSeconds: 900,
        }),
      },
      lines: [
        'เข้าสู่ระบบผิดหลายครั้งเกินไป / Too many failed sign-ins',
        'โปรดรอ 15 นาที แล้วลองใหม่ / Please wait 15 minutes and try again',
        '(req-1)',
      ],
    },
    {
      name: '429 with the Retry-After header only',
      err: { status: 429, retryAfter: 30, body: body('RATE_LIMITED', 'มีคำขอมากเกินไป', 'Too many requests') },
      lines: [
        'มีคำขอมากเกินไป / Too many requests',
        'โปรดรอ 30 วินาที แล้วลองใหม่ / Please wait 30 seconds and try again',
        '(req-1)',
      ],
    },
    {
      name: '429 without any figure',
      err: { status: 429, body: null },
      lines: [
        'เซิร์ฟเวอร์ตอบกลับไม่ถูกต้อง (HTTP 429) โปรดลองใหม่ภายหลัง / The server gave an unexpected answer (HTTP 429); please try again later',
        'โปรดรอสักครู่แล้วลองใหม่ / Please wait a moment and try again',
      ],
    },
    {
      name: 'a network failure',
      err: { status: 0, body: null, message: 'Failed to fetch' },
      lines: [
        'เชื่อมต่อเซิร์ฟเวอร์ไม่ได้ โปรดตรวจสอบอินเทอร์เน็ตแล้วลองใหม่ / Could not reach the server; check the connection and try again',
      ],
    },
    {
      name: 'a proxy’s HTML page',
      err: { status: 502, body: null, message: 'HTTP 502: not JSON' },
      lines: [
        'เซิร์ฟเวอร์ตอบกลับไม่ถูกต้อง (HTTP 502) โปรดลองใหม่ภายหลัง / The server gave an unexpected answer (HTTP 502); please try again later',
      ],
    },
    {
      name: 'details of other shapes (strings, nested values)',
      err: {
        status: 400,
        body: body('BAD_REQUEST', 'คำขอไม่ถูกต้อง', 'Bad request', ['one', { nested: { a: 1 } }]),
      },
      lines: ['คำขอไม่ถูกต้อง / Bad request', '• one', '• {"nested":{"a":1}}', '(req-1)'],
    },
    {
      name: 'a fault of the page itself',
      err: new TypeError("Cannot read properties of undefined (reading 'x')"),
      lines: [
        'เกิดข้อผิดพลาดในหน้าเว็บ โปรดโหลดหน้าใหม่ / Something went wrong on this page; please reload it',
        "(Cannot read properties of undefined (reading 'x'))",
      ],
    },
    {
      name: 'something that is not an error at all',
      err: null,
      lines: [
        'เกิดข้อผิดพลาดในหน้าเว็บ โปรดโหลดหน้าใหม่ / Something went wrong on this page; please reload it',
        '(null)',
      ],
    },
  ])('$name', ({ err, labels, lines }) => {
    expect(describeError(err, labels).split('\n')).toEqual(lines);
  });
});

describe('api (app.js)', () => {
  it('a network failure is status 0, a proxy page has no body, an API error keeps its body and Retry-After', async () => {
    const answers: (() => Promise<Response>)[] = [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () =>
        Promise.resolve(
          new Response('<html>Bad gateway</html>', { status: 502, headers: { 'retry-after': '12' } }),
        ),
      () =>
        Promise.resolve(
          new Response(JSON.stringify(body('RATE_LIMITED', 'มีคำขอมากเกินไป', 'Too many requests')), {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': '7' },
          }),
        ),
      () => Promise.resolve(new Response(null, { status: 204 })),
    ];
    const seen: string[] = [];
    const { api, describeError } = loadApp((url) => {
      seen.push(url);
      return answers.shift()!();
    });
    const failures = [];
    for (let i = 0; i < 3; i++) failures.push(await api('GET', '/auth/me').catch((e: unknown) => e));
    expect(failures.map((f) => (f as { status: number }).status)).toEqual([0, 502, 429]);
    expect((failures[1] as { body: unknown; retryAfter: number }).body).toBeNull();
    expect((failures[2] as { retryAfter: number }).retryAfter).toBe(7);
    expect(describeError(failures[0])).toMatch(/^เชื่อมต่อเซิร์ฟเวอร์ไม่ได้.* \/ Could not reach the server/);
    expect(describeError(failures[2])).toContain('Please wait 7 seconds');
    await expect(api('DELETE', '/integrity-reports/session')).resolves.toBeNull();
    expect(seen).toEqual(
      Array(4)
        .fill('/api/v1/')
        .map((p: string, i) => p + (i < 3 ? 'auth/me' : 'integrity-reports/session')),
    );
  });
});

describe('type-check of the browser scripts against the API contract (as in npm run lint)', () => {
  const configPath = join(PUBLIC_DIR, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    PUBLIC_DIR,
  );
  const errorsOf = (extra: string[] = []) => {
    const program = ts.createProgram([...config.fileNames, ...extra], config.options);
    return ts.getPreEmitDiagnostics(program);
  };

  it('finds calls that do not match the OpenAPI document, and none in the scripts themselves', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rongrian-web-'));
    const fixture = join(dir, 'wrong-calls.js');
    writeFileSync(
      fixture,
      [
        '// @ts-check',
        '(function () {',
        '  const R = window.Rongrian;',
        '  const id = String(Date.now());',
        "  void R.api('GET', `/complaints/${id}/acept`);", // 5: no such route
        "  void R.api('POST', '/auth/login', { email: 'a@example.org' });", // 6: password missing
        "  void R.api('GET', `/track/${id}`).then((t) => t.complainantPhone);", // 7: the tracking page never gets contact data
        "  void R.api('DELETE', `/complaints/${id}`);", // 8: no DELETE on a complaint
        "  void R.api('GET', `/track/${id}`).then((t) => t.statusLabel.th);",
        "  void R.api('POST', `/complaints/${id}/accept`, { note: 'ok' }).then((c) => c.statusLabel.en);",
        '})();',
      ].join('\n'),
    );
    try {
      const diagnostics = errorsOf([fixture]);
      const lines = (file: string) =>
        diagnostics
          .filter((d) => d.file?.fileName === file)
          .map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1);
      expect([...new Set(lines(fixture))]).toEqual([5, 6, 7, 8]);
      expect(
        diagnostics
          .filter((d) => d.file?.fileName !== fixture)
          .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
      ).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
