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
export const LimitPerMinute = (kind: RouteLimitKind) =>
  RouteConfig({
    rateLimit: {
      timeWindow: 60_000,
      max: (request: FastifyRequest) =>
        (request.server as unknown as Record<symbol, Record<RouteLimitKind, number>>)[LIMITS][kind],
    },
  });
