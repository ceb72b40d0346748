import type { OpenAPIObject } from '@nestjs/swagger';
import { completeContract } from './openapi-contract';
import { rulesOf } from './openapi-validation-rules';
import { pathPattern } from './method-not-allowed';

/* eslint-disable @typescript-eslint/no-explicit-any */

const doc = (
  path: string,
  operation: Record<string, unknown>,
  schemas: Record<string, unknown> = {},
  method = 'post',
) =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: { [path]: { [method]: { responses: { '200': { description: 'ok' } }, ...operation } } },
    components: { schemas },
  }) as unknown as OpenAPIObject;

const completed = (path: string, operation: Record<string, unknown>, schemas = {}, method = 'post') =>
  (completeContract(doc(path, operation, schemas, method)) as any).paths[path][method];

const statuses = (op: any) => Object.keys(op.responses).map(Number);

describe('completeContract', () => {
  const body = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Dto' } } } };
  const required = { Dto: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } };
  const optional = { Dto: { type: 'object', properties: { a: { type: 'string' } } } };
  const pathParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const slugParam = { name: 'orgSlug', in: 'path', required: true, schema: { type: 'string' } };

  it.each([
    ['a public route without input', 'get', '/api/v1/x', { 'x-public': true }, {}, [200, 429, 500, 503]],
    ['an officer route', 'get', '/api/v1/x', {}, {}, [200, 401, 429, 500, 503]],
    [
      'an officer route with roles',
      'get',
      '/api/v1/x',
      { 'x-roles': ['admin'] },
      {},
      [200, 401, 403, 429, 500, 503],
    ],
    [
      'a public route with a body (a foreign Origin is refused)',
      'post',
      '/api/v1/x',
      { 'x-public': true, requestBody: body },
      required,
      [200, 400, 403, 413, 415, 429, 500, 503],
    ],
    ['a state-changing route without input', 'delete', '/api/v1/x', {}, {}, [200, 401, 403, 429, 500, 503]],
    [
      'an id in the path',
      'get',
      '/api/v1/x/{id}',
      { 'x-public': true, parameters: [pathParam] },
      {},
      [200, 400, 404, 429, 500, 503],
    ],
    [
      'a slug in the path (a NUL character in it is a 400)',
      'get',
      '/api/v1/{orgSlug}',
      { 'x-public': true, parameters: [slugParam] },
      {},
      [200, 400, 404, 429, 500, 503],
    ],
    [
      'a declared 409 kept',
      'get',
      '/api/v1/x',
      { 'x-public': true, responses: { '200': {}, '409': {} } },
      {},
      [200, 409, 429, 500, 503],
    ],
    ['the liveness check', 'get', '/health/live', { 'x-public': true }, {}, [200, 500, 503]],
    ['the readiness check', 'get', '/health/ready', { 'x-public': true }, {}, [200, 500, 503]],
  ])('%s (%s) answers the statuses it can', (_name, method, path, operation, schemas, expected) => {
    expect(statuses(completed(path, operation, schemas, method))).toEqual(expected);
  });

  it.each([
    ['public', { 'x-public': true }, []],
    ['officer', {}, [{ bearer: [] }]],
    ['reporter', { 'x-public': true, security: [{ reporterSession: [] }] }, [{ reporterSession: [] }]],
  ])('security of a %s route', (_name, operation, expected) => {
    const op = completed('/api/v1/x', operation);
    expect(op.security).toEqual(expected);
    expect(op['x-public']).toBeUndefined();
  });

  it('gives every error the ErrorBody and a description, and Retry-After to 429 and 503', () => {
    const op = completed('/api/v1/x', { responses: { '200': {}, '409': { description: '' } } });
    for (const status of ['401', '409', '429', '503']) {
      expect(op.responses[status].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/ErrorBody',
      });
      expect(op.responses[status].description).not.toBe('');
    }
    expect(op.responses['429'].headers['Retry-After']).toBeDefined();
    expect(op.responses['401'].headers).toBeUndefined();
  });

  it.each([
    ['required fields', required, true],
    ['only optional fields', optional, false],
  ])('a body with %s is required: %s', (_name, schemas, expected) => {
    const op = completed('/api/v1/x', { requestBody: { required: true, ...body } }, schemas);
    expect(op.requestBody.required).toBe(expected);
  });

  it('types ids in the path as UUIDs', () => {
    const op = completed('/api/v1/x/{id}/{requestId}', {
      parameters: [pathParam, { ...pathParam, name: 'requestId' }, slugParam],
    });
    expect(op.parameters.map((p: any) => p.schema)).toEqual([
      { type: 'string', format: 'uuid' },
      { type: 'string', format: 'uuid' },
      { type: 'string' },
    ]);
  });

  it('writes nullable references and enums as strict OAS 3.0 accepts them', () => {
    const out = completeContract(
      doc(
        '/x',
        {},
        {
          A: {
            type: 'object',
            properties: {
              ref: { $ref: '#/components/schemas/B', nullable: true },
              wrapped: { nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/B' }] },
              described: { $ref: '#/components/schemas/B', description: 'd' },
              plain: { $ref: '#/components/schemas/B' },
              choice: { type: 'string', enum: ['a'], nullable: true },
            },
          },
        },
      ),
    ) as any;
    const p = out.components.schemas.A.properties;
    expect(p.ref.oneOf[0]).toEqual({ $ref: '#/components/schemas/B' });
    expect(p.ref.oneOf[1]).toMatchObject({ type: 'object', nullable: true, enum: [null] });
    expect(p.wrapped).toEqual(p.ref);
    expect(p.described).toEqual({ description: 'd', allOf: [{ $ref: '#/components/schemas/B' }] });
    expect(p.plain).toEqual({ $ref: '#/components/schemas/B' });
    expect(p.choice.enum).toEqual(['a', null]);
  });

  it('describes files and pages as text', () => {
    const op = completed('/api/v1/x', {
      responses: {
        '200': {
          content: {
            'application/json': { schema: { type: 'object' } },
            'text/csv': { schema: { type: 'object' } },
          },
        },
      },
    });
    expect(op.responses['200'].content['application/json'].schema).toEqual({ type: 'object' });
    expect(op.responses['200'].content['text/csv'].schema).toEqual({ type: 'string' });
  });
});

describe('rulesOf (class-validator rules in the OpenAPI document)', () => {
  it.each([
    ['isNotEmpty', [], true, { minLength: 1, pattern: '\\S' }],
    ['isNotEmpty', [], false, {}],
    ['minLength', [12], true, { minLength: 12 }],
    ['maxLength', [200], true, { maxLength: 200 }],
    ['matches', [/^\d{16}$/], true, { pattern: '^\\d{16}$' }],
    ['min', [2500], false, { minimum: 2500 }],
    ['max', [2700], false, { maximum: 2700 }],
    ['isInt', [], false, { type: 'integer' }],
    ['isUUID', [], true, { format: 'uuid' }],
    ['isEmail', [], true, { format: 'email' }],
    ['isIn', [['json', 'csv']], true, { enum: ['json', 'csv'] }],
    ['isEnum', [{ A: 'a' }, ['a']], true, { enum: ['a'] }],
    ['arrayUnique', [], false, { uniqueItems: true }],
    ['isThaiPhone', [], true, {}],
  ])('%s %j → %j', (name, constraints, isString, expected) => {
    expect(rulesOf({ name, constraints, each: false }, isString)).toEqual(expected);
  });

  it('leaves rules on each item of an array alone', () => {
    expect(rulesOf({ name: 'isIn', constraints: [['a']], each: true }, false)).toEqual({});
  });
});

describe('pathPattern (405 for known paths)', () => {
  it.each([
    ['/api/v1/complaints/:id/accept', '/api/v1/complaints/0b6f/accept', true],
    ['/api/v1/complaints/:id/accept', '/api/v1/complaints/0b6f/accept/', true],
    ['/api/v1/complaints/:id/accept', '/api/v1/complaints/0b6f/reject', false],
    ['/api/v1/complaints/:id', '/api/v1/complaints/a/b', false],
    ['/health/live', '/health/live', true],
    ['/a.b', '/aXb', false],
  ])('%s matches %s: %s', (url, path, expected) => {
    expect(pathPattern(url).test(path)).toBe(expected);
  });
});
