import { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { FieldProblem } from '../../common/errors/error-codes';
import { AppConfig } from '../../config/app-config';
import { ACCEPTS_UPLOADS } from './route-limits';

/**
 * What every request passes before any route sees it (issue 12, items 6-8):
 * - bodies are JSON only (anything else is 415), but multipart/form-data on the upload routes
 *   (`@AcceptsUploads()`, parsed by @fastify/multipart as the route reads it), at most MAX_JSON_DEPTH levels deep (checked on the
 *   text before parsing: validation recurses, and 800 KB of nested arrays overflowed its stack), and
 *   hold no NUL character (PostgreSQL text cannot store one);
 * - no path or query parameter holds a NUL character;
 * - a state-changing request sent by a browser from another site (its `Origin`) is refused unless
 *   that origin is ours or listed in CORS_ORIGINS.
 * Each check runs after the per-client rate limit has counted the request, so refused requests
 * count against the client's limits like any other.
 */
export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The offending field, the way validation errors name fields (`complainant.name`, `members.0.name`). */
const nulProblem = (field: string): FieldProblem => ({
  field,
  rule: 'noNulCharacter',
  message: `${field} must not contain the NUL character (\\u0000)`,
  messageTh: 'ข้อมูลมีอักขระที่ไม่อนุญาต (NUL)',
});

/** Field names as they may be shown: a NUL in a key is written as the escape `\u0000`. */
const shown = (key: string) => JSON.stringify(key).slice(1, -1);

/** Deepest nesting of arrays and objects in a JSON text, stopping as soon as it exceeds `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
  return false;
}

/** Every place in a parsed value (keys and strings) that holds a NUL character. */
export function nulFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes(NUL) ? [path || 'body'] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const field = path ? `${path}.${shown(key)}` : shown(key);
    return key.includes(NUL) ? [field] : nulFields(v, field);
  });
}

function assertNoNul(request: FastifyRequest): void {
  const problems: FieldProblem[] = [];
  for (const [where, values] of [
    ['path', request.params],
    ['query', request.query],
  ] as const) {
    problems.push(...nulFields(values ?? {}).map((f) => nulProblem(`${where}.${f}`)));
  }
  if (problems.length === 0 && /%00/.test(request.url)) problems.push(nulProblem('url'));
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems);
}

/** Ours: listed in CORS_ORIGINS, the public base URL's origin, or the host the request was sent to. */
function originAllowed(origin: string, request: FastifyRequest, allowed: Set<string>): boolean {
  if (allowed.has(origin)) return true;
  try {
    const url = new URL(origin);
    // parsed with the origin's scheme so that default ports compare equal (localhost:80 = localhost)
    return url.host === new URL(`${url.protocol}//${request.host}`).host;
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and anything malformed
  }
}

export function installRequestGuards(fastify: FastifyInstance, config: AppConfig): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: config.app.bodyLimitBytes },
    (request, body, done) => {
      const text = body as string;
      if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
        done(new DomainError('BODY_TOO_DEEP', { maxDepth: MAX_JSON_DEPTH }), undefined);
        return;
      }
      void parseJson(request, text, (error, value) => {
        if (error) return done(error, undefined);
        const fields = nulFields(value);
        if (fields.length > 0)
          return done(new DomainError('VALIDATION_FAILED', fields.map(nulProblem)), undefined);
        done(null, value);
      });
    },
  );

  const allowed = new Set([...config.app.corsOrigins, new URL(config.app.publicBaseUrl).origin]);
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    if (UNSAFE_METHODS.has(request.method)) {
      const origin = request.headers.origin;
      const crossSite = origin === undefined && request.headers['sec-fetch-site'] === 'cross-site';
      if (crossSite || (origin !== undefined && !originAllowed(origin, request, allowed))) {
        done(new DomainError('ORIGIN_NOT_ALLOWED'), undefined);
        return;
      }
    }
    done(null, payload);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
      if (request.isMultipart?.() && config?.[ACCEPTS_UPLOADS] !== true)
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
      assertNoNul(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}
