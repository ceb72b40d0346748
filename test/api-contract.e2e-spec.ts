import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Role } from '../src/users/roles';
import { ContractValidator } from './helpers/contract';
import { createOfficer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The API contract: the document the application serves is the committed openapi.json, every
 * response of every e2e test is checked against it (test/helpers/test-app.ts), and the checker
 * itself rejects answers that break it.
 */
describe('API contract (OpenAPI)', () => {
  let t: TestApp;
  let served: any;

  beforeAll(async () => {
    t = await createTestApp();
    served = (await t.request({ method: 'GET', url: '/api/docs-json' })).json();
  });
  afterAll(() => t.close());

  it('serves the committed openapi.json, naming PUBLIC_BASE_URL as the server', () => {
    const committed = JSON.parse(readFileSync(resolve(__dirname, '../openapi.json'), 'utf8'));
    expect(served.servers).toEqual([{ url: 'http://rongrian.test' }]);
    expect({ ...served, servers: committed.servers }).toEqual(committed);
  });

  it('documents a success schema and the shared error body for every operation', () => {
    for (const [path, item] of Object.entries<any>(served.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        const success = Object.entries<any>(op.responses).filter(([s]) => s.startsWith('2'));
        expect([where, success.length]).toEqual([where, 1]);
        const [status, response] = success[0];
        if (status !== '204')
          expect([where, Object.keys(response.content ?? {}).length > 0]).toEqual([where, true]);
        for (const [s, r] of Object.entries<any>(op.responses)) {
          if (Number(s) >= 400)
            expect(r.content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBody');
        }
        expect([where, Array.isArray(op.security)]).toEqual([where, true]);
      }
    }
  });

  describe('the checker', () => {
    let contract: ContractValidator;
    const observed = (over: Partial<Parameters<ContractValidator['problems']>[0]>) => ({
      method: 'GET',
      url: '/api/v1/orgs/demo/categories',
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify([
        { code: 'roads', nameTh: 'ถนน', nameEn: 'Roads', descriptionTh: 'ถนนชำรุด', neutral: false },
      ]),
      ...over,
    });
    beforeAll(() => {
      contract = new ContractValidator(served);
    });

    it.each([
      ['a body that keeps the schema', {}, false],
      ['a missing required field', { body: JSON.stringify([{ code: 'roads', nameTh: 'ถนน' }]) }, true],
      [
        'a field of the wrong type',
        { body: JSON.stringify([{ code: 1, nameTh: 'ถนน', nameEn: 'Roads' }]) },
        true,
      ],
      ['a status the document does not list', { statusCode: 418 }, true],
      ['a content type the document does not list', { headers: { 'content-type': 'text/plain' } }, true],
      [
        'an error body without its code',
        { statusCode: 404, body: JSON.stringify({ statusCode: 404 }) },
        true,
      ],
      ['a path the document does not describe', { url: '/metrics', body: 'x' }, false],
    ])('%s: broken %s', (_name, over, broken) => {
      expect(contract.problems(observed(over)).length > 0).toBe(broken);
    });

    it('accepts null where the document says nullable, and nothing else', () => {
      const user = {
        id: '0b6f3f5e-8a39-4c43-9a3e-0e7d3b9c6a11',
        organizationId: '5d1c0c3e-2b7a-4c1e-8f0e-3a9b7c6d5e4f',
        email: 'a@b.c',
        displayName: 'A',
        roles: ['admin'],
        pendingRoles: [],
        unitId: null,
        isActive: true,
        lastLoginAt: null,
        createdAt: '2026-01-01T00:00:00.000Z',
      };
      const me = (body: object) =>
        contract.problems(observed({ url: '/api/v1/auth/me', body: JSON.stringify(body) }));
      expect(me(user)).toEqual([]);
      expect(me({ ...user, unitId: 'not-a-uuid' })).toHaveLength(1);
      expect(me({ ...user, createdAt: null })).toHaveLength(1);
    });
  });

  describe('a known path with another method', () => {
    it.each([
      ['DELETE', '/api/v1/orgs/demo/categories', 'GET, HEAD'],
      ['POST', '/api/v1/labels', 'GET, HEAD'],
      ['PUT', '/api/v1/units', 'GET, HEAD, POST'],
      ['PUT', '/api/v1/track/K7QM-4XPA-9RTB', 'GET, HEAD'],
      ['GET', '/api/v1/auth/login', 'POST'],
    ])('%s %s answers 405 with Allow: %s', async (method, url, allow) => {
      const res = await t.request({ method: method as 'GET', url });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(res.json()).toMatchObject({
        statusCode: 405,
        code: 'METHOD_NOT_ALLOWED',
        messageTh: expect.any(String),
        details: { allowed: allow.split(', ') },
        requestId: expect.any(String),
      });
    });

    it('an unknown path is still 404 ROUTE_NOT_FOUND', async () => {
      const res = await t.request({ method: 'DELETE', url: '/api/v1/no-such-thing' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ROUTE_NOT_FOUND');
    });
  });

  it('allegation types name the organisation: an unknown one is 404, as for categories', async () => {
    for (const url of [
      '/api/v1/orgs/nowhere/integrity-reports/allegation-types',
      '/api/v1/orgs/nowhere/categories',
    ]) {
      const res = await t.request({ method: 'GET', url });
      expect([url, res.statusCode, res.json().code]).toEqual([url, 404, 'ORGANIZATION_NOT_FOUND']);
    }
  });

  it('a fiscal year in the path outside the documented range is 400 with the field', async () => {
    const admin = await t.login();
    const supervisor = await createOfficer(t, admin, [Role.Supervisor]);
    const { minimum, maximum } = served.paths['/api/v1/reports/annual/{fiscalYear}'].get.parameters[0].schema;
    for (const year of [String(minimum - 1), String(maximum + 1), '25x9']) {
      const res = await t.request({
        method: 'GET',
        url: `/api/v1/reports/annual/${year}`,
        headers: bearer(supervisor.token),
      });
      expect([year, res.statusCode]).toEqual([year, 400]);
      expect(res.json().details[0].field).toBe('fiscalYear');
    }
    const inRange = await t.request({
      method: 'GET',
      url: `/api/v1/reports/annual/${minimum}`,
      headers: bearer(supervisor.token),
    });
    expect(inRange.statusCode).toBe(404);
  });

  it('a workflow action whose body is optional takes no body at all', async () => {
    const admin = await t.login();
    const intake = await createOfficer(t, admin, [Role.Intake]);
    const filed = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: { categoryCode: 'street_lighting', subject: 'ไฟดับ', description: 'ไฟถนนดับ' },
    });
    const list = await t.request({ method: 'GET', url: '/api/v1/complaints', headers: bearer(intake.token) });
    const id = list.json().items.find((c: any) => c.referenceNo === filed.json().referenceNo).id;
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/complaints/${id}/accept`,
      headers: bearer(intake.token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('accepted');
  });

  it('an Idempotency-Key outside the documented pattern is 400', async () => {
    const { pattern } = served.paths['/api/v1/orgs/{orgSlug}/complaints'].post.parameters.find(
      (p: any) => p.name === 'Idempotency-Key',
    ).schema;
    const key = 'short';
    expect(new RegExp(pattern).test(key)).toBe(false);
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      headers: { 'idempotency-key': key },
      payload: { categoryCode: 'street_lighting', subject: 'ไฟดับ', description: 'ไฟถนนดับ' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('Idempotency-Key');
  });
});
