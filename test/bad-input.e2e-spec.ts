import { randomUUID } from 'node:crypto';
import { AddressInfo, connect } from 'node:net';
import Redis from 'ioredis';
import { REDIS } from '../src/infrastructure/redis/redis.module';
import { MAX_JSON_DEPTH } from '../src/infrastructure/http/request-guards';
import { Role } from '../src/users/roles';
import { minimalReport, openSession, submit, SUBMIT_URL } from './helpers/integrity';
import { createOfficer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  example?: unknown;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const NUL_TEXT = 'ab\u0000cd';

/** Every table's row count: "nothing half-written" means none of them moves. */
async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables: { name: string }[] = await t.db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = Number((await t.db.query(`SELECT count(*) AS n FROM "${name}"`))[0].n);
  }
  return counts;
}

/** Issue 12, items 6 (NUL), 7 (deep JSON) and 8 (media types, foreign origins). */
describe('bad input on every route', () => {
  let t: TestApp;
  let doc: OpenApi;
  /** a bearer token per role, a reporter session, and no credentials at all */
  const callers: [string, Record<string, string>][] = [];

  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000',
      RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '100000',
      RATE_LIMIT_TRACKING_PER_MINUTE: '100000',
    });
    const admin = await t.login();
    const officers: typeof callers = [];
    for (const role of Object.values(Role).filter((r) => r !== Role.Admin)) {
      officers.push([role, bearer((await createOfficer(t, admin, [role], 'engineering')).token)]);
    }
    // filed once the integrity officer exists (reports are refused while nobody can receive them)
    callers.push(['anonymous', {}]);
    callers.push(['reporter', bearer(await openSession(t, await submit(t)))]);
    callers.push(['admin', bearer(admin)], ...officers);
    doc = (await t.request({ method: 'GET', url: '/api/docs-json' })).json();
  });
  afterAll(() => t.close());

  const resolve = (s: Schema | undefined): Schema => {
    if (!s) return {};
    if (s.$ref) return resolve(doc.components.schemas[s.$ref.split('/').pop()!]);
    const variant = s.allOf ?? s.oneOf ?? s.anyOf;
    if (variant) return variant.map(resolve).reduce((a, b) => ({ ...a, ...b }), {});
    return s;
  };

  /** A plausible value for a schema (only its shape matters: NUL is refused before validation). */
  const sample = (raw: Schema | undefined, depth = 0): unknown => {
    const s = resolve(raw);
    if (s.enum) return s.enum[0];
    if (s.type === 'object' || s.properties) {
      if (depth > 6) return {};
      return Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]),
      );
    }
    if (s.type === 'array') return [sample(s.items, depth + 1)];
    if (s.type === 'integer' || s.type === 'number') return 1;
    if (s.type === 'boolean') return true;
    if (s.format === 'uuid') return randomUUID();
    return s.example ?? 'text';
  };

  /** Paths to every string in a body of this schema: `a`, `a.b`, `items.0.name`. */
  const stringFields = (raw: Schema | undefined, path: string[] = [], depth = 0): string[][] => {
    const s = resolve(raw);
    if (depth > 6) return [];
    if (s.type === 'array') return stringFields(s.items, [...path, '0'], depth + 1);
    if (s.type === 'object' || s.properties) {
      return Object.entries(s.properties ?? {}).flatMap(([k, v]) => stringFields(v, [...path, k], depth + 1));
    }
    return s.type === 'string' || (!s.type && !s.enum) ? [path] : s.enum ? [path] : [];
  };

  const setAt = (body: unknown, path: string[], value: unknown): unknown => {
    if (path.length === 0) return value;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(body)
      ? [...body]
      : { ...(body as Record<string, unknown>) };
    const [head, ...rest] = path;
    (copy as Record<string, unknown>)[head] = setAt((copy as Record<string, unknown>)[head], rest, value);
    return copy;
  };

  interface Attack {
    label: string;
    method: string;
    url: string;
    payload?: unknown;
    field: string;
  }

  /** For each operation: NUL in each path parameter, each query parameter and each string of the body. */
  const attacks = (): Attack[] => {
    const list: Attack[] = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === 'path');
        const fill = (nulIn?: string) =>
          pathParams.reduce(
            (url, p) =>
              url.replace(
                `{${p.name}}`,
                p.name === nulIn
                  ? encodeURIComponent(NUL_TEXT)
                  : encodeURIComponent(String(p.name === 'orgSlug' ? 'demo' : sample(p.schema))),
              ),
            template,
          );
        const schema = op.requestBody?.content['application/json']?.schema;
        const body = schema ? sample(schema) : undefined;
        const verb = method.toUpperCase();
        for (const p of pathParams) {
          list.push({
            label: `${verb} ${template} path ${p.name}`,
            method: verb,
            url: fill(p.name),
            payload: body,
            field: `path.${p.name}`,
          });
        }
        for (const p of params.filter((q) => q.in === 'query')) {
          list.push({
            label: `${verb} ${template} query ${p.name}`,
            method: verb,
            url: `${fill()}?${p.name}=${encodeURIComponent(NUL_TEXT)}`,
            payload: body,
            field: `query.${p.name}`,
          });
        }
        for (const path of schema ? stringFields(schema) : []) {
          list.push({
            label: `${verb} ${template} body ${path.join('.')}`,
            method: verb,
            url: fill(),
            payload: setAt(body, path, NUL_TEXT),
            field: path.join('.'),
          });
        }
        if (schema) {
          list.push({
            label: `${verb} ${template} body key`,
            method: verb,
            url: fill(),
            payload: { ...(body as object), ['k\u0000']: 'v' },
            field: 'k\\u0000',
          });
        }
      }
    }
    return list;
  };

  describe('item 6: NUL bytes', () => {
    it('the OpenAPI document lists the routes and fields the walk covers', () => {
      const all = attacks();
      expect(Object.keys(doc.paths).length).toBeGreaterThan(40);
      expect(all.filter((a) => a.field.startsWith('path.')).length).toBeGreaterThan(30);
      expect(all.filter((a) => a.field.startsWith('query.')).length).toBeGreaterThan(20);
      expect(
        all.filter((a) => !a.field.startsWith('path.') && !a.field.startsWith('query.')).length,
      ).toBeGreaterThan(60);
      // the public routes that gave 500 are in the walk
      for (const label of [
        'POST /api/v1/orgs/{orgSlug}/complaints body complainant.name',
        'GET /api/v1/track/{trackingCode} path trackingCode',
        'POST /api/v1/orgs/{orgSlug}/integrity-reports body description',
      ]) {
        expect(all.map((a) => a.label)).toContain(label);
      }
    });

    it('in any string field, query or path parameter, as every role: 400 naming the field, nothing written', async () => {
      const before = await rowCounts(t);
      const wrong: string[] = [];
      let sent = 0;
      for (const attack of attacks()) {
        for (const [who, headers] of callers) {
          const res = await t.request({
            method: attack.method as 'GET',
            url: attack.url,
            headers,
            ...(attack.payload === undefined ? {} : { payload: attack.payload as object }),
          });
          sent++;
          const body = res.json() as { code?: string; details?: { field: string; rule: string }[] };
          const named = body.details?.some((d) => d.field === attack.field && d.rule === 'noNulCharacter');
          if (res.statusCode !== 400 || body.code !== 'VALIDATION_FAILED' || !named) {
            wrong.push(`${attack.label} as ${who}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(sent).toBeGreaterThan(1000);
      expect(await rowCounts(t)).toEqual(before);
    });

    it.each([
      '/track/AB%00CD',
      '/orgs/de%00mo/integrity/follow-up',
      '/complain?org=de%00mo',
      '/api/v1/no%00such',
    ])('pages and unknown routes too: %s', async (url) => {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0].rule).toBe('noNulCharacter');
    });
  });

  describe('item 7: deeply nested JSON', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    it('800 KB of nested arrays is refused before validation with 400, on public and officer routes', async () => {
      for (const url of ['/api/v1/orgs/demo/complaints', SUBMIT_URL, '/api/v1/auth/login']) {
        const res = await t.request({
          method: 'POST',
          url,
          payload: nested(400_000),
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'BODY_TOO_DEEP', details: { maxDepth: MAX_JSON_DEPTH } });
      }
      // inside a field as well, and brackets inside strings do not count
      const inField = `{"categoryCode":"roads","subject":"s","description":${nested(MAX_JSON_DEPTH + 1)}}`;
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/orgs/demo/complaints',
        payload: inField,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.json().code).toBe('BODY_TOO_DEEP');
      const bracketsInText = await t.request({
        method: 'POST',
        url: '/api/v1/orgs/demo/complaints',
        payload: { categoryCode: 'roads', subject: '[[[[', description: '['.repeat(4000) },
      });
      expect(bracketsInText.statusCode).toBe(201);
    });

    it('refused bodies count against the client\u2019s rate limit', async () => {
      const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) {
          const res = await limited.request({
            method: 'POST',
            url: '/api/v1/auth/refresh',
            payload: nested(100_000),
            headers: { 'content-type': 'application/json' },
            remoteAddress: '192.0.2.44',
          });
          statuses.push(res.statusCode);
        }
        expect(statuses.slice(0, 5)).toEqual(Array(5).fill(400));
        expect(statuses.slice(5)).toEqual([429, 429]);
        // the client is now limited on every route, not only for bad bodies
        const next = await limited.request({
          method: 'GET',
          url: '/api/v1/orgs/demo/categories',
          remoteAddress: '192.0.2.44',
        });
        expect(next.statusCode).toBe(429);
        const keys = await limited.app.get<Redis>(REDIS).keys('*rate-limit*');
        expect(keys.length).toBeGreaterThan(0);
      } finally {
        await limited.close();
      }
    });
  });

  describe('item 8: cross-site form posts', () => {
    const form =
      'kind=tip&allegationType=bribery_extortion&description=' +
      encodeURIComponent('เจ้าหน้าที่เรียกรับเงินค่าผ่านงาน');

    it.each([
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----x',
      'text/plain',
      'text/plain; charset=utf-8',
      'application/xml',
    ])('a %s body on a JSON route is 415, and no report is filed', async (contentType) => {
      const before = await rowCounts(t);
      for (const url of [SUBMIT_URL, '/api/v1/orgs/demo/complaints', '/api/v1/auth/login']) {
        const res = await t.request({
          method: 'POST',
          url,
          payload: form,
          headers: { 'content-type': contentType },
        });
        expect(res.statusCode).toBe(415);
        expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', messageTh: expect.any(String) });
      }
      expect(await rowCounts(t)).toEqual(before);
    });

    it('a state-changing request from a foreign Origin is refused; ours and CORS_ORIGINS are not', async () => {
      const post = (origin: string | undefined, extra: Record<string, string> = {}, app = t) =>
        app.request({
          method: 'POST',
          url: SUBMIT_URL,
          payload: minimalReport(),
          headers: { ...(origin ? { origin } : {}), ...extra },
          remoteAddress: `192.0.2.${Math.floor(Math.random() * 200) + 20}`,
        });
      const before = Number((await t.db.query(`SELECT count(*) AS n FROM integrity_reports`))[0].n);
      for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example']) {
        const res = await post(origin);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', messageTh: expect.any(String) });
      }
      // a browser that sends no Origin but says the request is cross-site
      expect((await post(undefined, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
      expect(Number((await t.db.query(`SELECT count(*) AS n FROM integrity_reports`))[0].n)).toBe(before);

      expect((await post(t.config.app.publicBaseUrl)).statusCode).toBe(201); // the public base URL
      expect((await post('http://localhost')).statusCode).toBe(201); // the host the request was sent to
      expect((await post(undefined)).statusCode).toBe(201); // not a browser (an integrator's server)
      // reading is not state-changing
      const read = await t.request({
        method: 'GET',
        url: '/api/v1/orgs/demo/categories',
        headers: { origin: 'https://evil.example' },
      });
      expect(read.statusCode).toBe(200);

      const partner = await createTestApp({ CORS_ORIGINS: 'https://partner.example' });
      try {
        await createOfficer(partner, await partner.login(), [Role.IntegrityOfficer]); // someone receives it
        expect((await post('https://partner.example', {}, partner)).statusCode).toBe(201);
        expect((await post('https://evil.example', {}, partner)).statusCode).toBe(403);
      } finally {
        await partner.close();
      }
    });
  });

  describe('requests the HTTP parser refuses', () => {
    /** What comes back over a real socket for `request` (written raw: no client would send it). */
    const exchange = (port: number, request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(request));
        let answer = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
        socket.on('close', () => resolve(answer));
        // the server closes without reading the rest of a refused request: a reset after its answer
        socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
      });

    it('a huge query string or a malformed request line gets the standard error body, not Fastify\u2019s', async () => {
      await t.app.listen(0, '127.0.0.1');
      const port = (t.app.getHttpServer().address() as AddressInfo).port;

      const huge = await exchange(
        port,
        `GET /api/v1/labels?q=${'x'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      );
      expect(huge).toMatch(/^HTTP\/1\.1 431 /);
      const hugeBody = JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4));
      expect(hugeBody).toMatchObject({
        statusCode: 431,
        code: 'HEADERS_TOO_LARGE',
        messageTh: expect.any(String),
      });
      expect(hugeBody.requestId).toMatch(/^[0-9a-f-]{36}$/);

      const garbled = await exchange(port, 'NOT A REQUEST\r\n\r\n');
      expect(garbled).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(garbled.slice(garbled.indexOf('\r\n\r\n') + 4))).toMatchObject({
        code: 'BAD_REQUEST',
      });

      // the server still answers ordinary requests afterwards
      const ok = await exchange(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(ok).toMatch(/^HTTP\/1\.1 200 /);
    });
  });
});
