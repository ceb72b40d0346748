import { FastifyInstance } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/api/v1/complaints/:id/accept` → a regular expression for concrete paths. */
export function pathPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * A known path called with a method it does not take answers 405 METHOD_NOT_ALLOWED with an
 * `Allow` header and the standard error body, instead of 404 (RFC 9110 §15.5.6). Install before
 * the routes are registered: it learns them as Fastify adds them.
 */
export function installMethodNotAllowed(fastify: FastifyInstance): void {
  const known = new Map<string, KnownPath>();
  fastify.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return;
    const entry = known.get(route.url) ?? { pattern: pathPattern(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method.toUpperCase());
    known.set(route.url, entry);
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (!request.is404) return done();
    const path = request.url.split('?')[0];
    const allowed = new Set<string>();
    for (const { pattern, methods } of known.values()) {
      if (pattern.test(path)) methods.forEach((m) => allowed.add(m));
    }
    if (allowed.size === 0 || allowed.has(request.method)) return done();
    const allow = [...allowed].sort().join(', ');
    done(new DomainError('METHOD_NOT_ALLOWED', { allowed: [...allowed].sort() }, undefined, { allow }));
  });
}
