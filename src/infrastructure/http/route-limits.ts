import { RouteConfig } from '@nestjs/platform-fastify';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';

/** Stricter per-minute limits for the public routes that create things or guess codes. */
export type RouteLimitKind = 'signIn' | 'publicWrite' | 'tracking';

const LIMITS = Symbol('rongrian.routeLimits');

export function installRouteLimits(fastify: FastifyInstance, config: AppConfig): void {
  (fastify as unknown as Record<symbol, Record<RouteLimitKind, number>>)[LIMITS] = config.app.routeLimits;
}

/**
 * `@LimitPerMinute('publicWrite')` on a route: the number comes from configuration when the request
 * arrives (RATE_LIMIT_*), keyed like the global limit by the pseudonymous client key.
 */
export const LimitPerMinute = (kind: RouteLimitKind) => RouteConfig(limitConfig(kind));

const limitConfig = (kind: RouteLimitKind) => ({
  rateLimit: {
    timeWindow: 60_000,
    max: (request: FastifyRequest) =>
      (request.server as unknown as Record<symbol, Record<RouteLimitKind, number>>)[LIMITS][kind],
  },
});

/** Route config key of the routes that take multipart/form-data (all other routes answer it 415). */
export const ACCEPTS_UPLOADS = 'acceptsUploads';

/**
 * `@AcceptsUploads()` on an upload route: multipart bodies are parsed there only; with a `kind`, the
 * route also has that per-minute limit (one route config holds both).
 */
export const AcceptsUploads = (kind?: RouteLimitKind) =>
  RouteConfig({ [ACCEPTS_UPLOADS]: true, ...(kind ? limitConfig(kind) : {}) });
