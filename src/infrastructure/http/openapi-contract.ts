import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_STATUS_TEXT } from '../../common/errors/api-errors';

/* eslint-disable @typescript-eslint/no-explicit-any -- walks arbitrary OpenAPI JSON */

export const OFFICER_SCHEME = 'bearer';
export const REPORTER_SCHEME = 'reporterSession';
const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorBody' };
const NULL_ONLY = { type: 'object', nullable: true, enum: [null], description: 'null' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Routes outside the rate limit (see create-http-app.ts). */
const NOT_RATE_LIMITED = /^\/health\//;

/**
 * What the OpenAPI document says beyond what @nestjs/swagger writes from the decorators, derived
 * from the routes themselves so that no operation is forgotten:
 *
 * | what                              | rule                                                              |
 * | --------------------------------- | ----------------------------------------------------------------- |
 * | security                          | `@Public()` routes `[]`; reporter routes keep `reporterSession`; others officers' bearer |
 * | 400                               | a body or any parameter (a NUL character in a path parameter too) |
 * | 401                               | any security requirement                                          |
 * | 403                               | `@Roles()` (listed as `x-roles`), `@OperatorOnly()` (`x-operator`); POST, PUT, PATCH, DELETE (a foreign `Origin`) |
 * | 404                               | a path parameter                                                  |
 * | 413, 415                          | a request body                                                    |
 * | 429                               | every route but the health checks                                 |
 * | 503                               | every route (a dependency down; any route in the shutdown window) |
 * | 500                               | every route (a failure of ours, logged)                           |
 * | other statuses                    | declared with `@ApiErrors()`                                      |
 * | path ids (`id`, `…Id`)            | `format: uuid` (every such route checks it)                       |
 * | a body without required fields    | `requestBody.required: false`                                     |
 * | a nullable `$ref`                 | `oneOf: [$ref, null]`: `nullable` only widens a `type` (OAS 3.0.3) |
 * | anything else beside a `$ref`     | `allOf: [$ref]`                                                   |
 *
 * Every error response carries the ErrorBody component.
 */
export function completeContract(document: OpenAPIObject): OpenAPIObject {
  const doc = structuredClone(document) as any;
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) completeOperation(doc, path, method, op);
    }
  }
  walkSchemas(doc.components?.schemas ?? {});
  for (const item of Object.values<any>(doc.paths ?? {})) {
    for (const method of METHODS) if (item[method]) walkSchemas(item[method]);
  }
  return doc as OpenAPIObject;
}

/** Methods a browser on another site could send; refused with ORIGIN_NOT_ALLOWED (request-guards.ts). */
const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

function completeOperation(doc: any, path: string, method: string, op: any): void {
  const isPublic = op['x-public'] === true;
  delete op['x-public'];
  if (!op.security || op.security.length === 0) op.security = isPublic ? [] : [{ [OFFICER_SCHEME]: [] }];

  const parameters: any[] = op.parameters ?? [];
  for (const p of parameters) {
    if (p.in === 'path' && (p.name === 'id' || /Id$/.test(p.name))) {
      p.schema = { type: 'string', format: 'uuid' };
    }
  }
  const pathParams = parameters.filter((p) => p.in === 'path');
  const input = Boolean(op.requestBody) || parameters.length > 0;

  if (op.requestBody && !bodyHasRequiredFields(doc, op.requestBody)) op.requestBody.required = false;

  const statuses = new Set<number>();
  if (input) statuses.add(400);
  if (op.security.length > 0) statuses.add(401);
  if (Array.isArray(op['x-roles']) || op['x-operator'] === true || STATE_CHANGING.has(method))
    statuses.add(403);
  if (pathParams.length > 0) statuses.add(404);
  if (op.requestBody) [413, 415].forEach((s) => statuses.add(s));
  if (!NOT_RATE_LIMITED.test(path)) statuses.add(429);
  statuses.add(503);
  statuses.add(500);

  const responses = (op.responses ??= {});
  for (const status of statuses) responses[String(status)] ??= {};
  for (const [status, response] of Object.entries<any>(responses)) {
    if (Number(status) < 400) {
      // files and pages are text, whatever the JSON variant of the route looks like
      for (const [type, media] of Object.entries<any>(response.content ?? {})) {
        if (type !== 'application/json') media.schema = { type: 'string' };
      }
      continue;
    }
    response.description = response.description || ERROR_STATUS_TEXT[Number(status)] || 'error';
    response.content = { 'application/json': { schema: ERROR_SCHEMA } };
    if (status === '405') response.headers = { Allow: { schema: { type: 'string' } } };
    if (status === '429' || status === '503') {
      response.headers = {
        'Retry-After': { description: 'seconds to wait', schema: { type: 'integer', minimum: 0 } },
      };
    }
  }
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

function bodyHasRequiredFields(doc: any, body: any): boolean {
  const schema = body.content?.['application/json']?.schema;
  if (!schema) return true;
  const resolved = schema.$ref ? doc.components?.schemas?.[String(schema.$ref).split('/').pop()!] : schema;
  return !resolved || (Array.isArray(resolved.required) && resolved.required.length > 0);
}

/** Strict OAS 3.0: `nullable` needs a `type`, and nothing may sit beside a `$ref`. */
function walkSchemas(node: any): void {
  if (Array.isArray(node)) return node.forEach(walkSchemas);
  if (!node || typeof node !== 'object') return;
  if (typeof node.$ref === 'string' && Object.keys(node).length > 1) {
    const { $ref, nullable, ...rest } = node;
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(
      node,
      rest,
      nullable === true ? { oneOf: [{ $ref }, { ...NULL_ONLY }] } : { allOf: [{ $ref }] },
    );
  }
  if (node.nullable === true && node.allOf?.length === 1 && node.allOf[0].$ref) {
    const { allOf, nullable: _nullable, type: _type, ...rest } = node;
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, rest, { oneOf: [allOf[0], { ...NULL_ONLY }] });
  }
  // OAS 3.0.3: a nullable enum lists null among its values
  if (node.nullable === true && Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  for (const value of Object.values(node)) walkSchemas(value);
}
