import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from '../../app.module';
import { sendError } from '../../common/errors/all-exceptions.filter';
import { DomainError } from '../../common/errors/domain-error';
import { WebPages } from '../../web/web-pages';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../redis/redis.module';
import { clientKey } from './client-key';
import { fallbackRateLimitStore } from './fallback-rate-limit-store';
import { installRouteLimits } from './route-limits';
import { setupOpenApi } from './openapi';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const SHUTTING_DOWN = new DomainError('SERVICE_UNAVAILABLE', undefined, undefined, { 'retry-after': '5' });

/** Takes a sane X-Request-Id from the caller, or makes one; pino-http reads it back from the raw request. */
function requestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  (raw as IncomingMessage & { id: string }).id = id;
  return id;
}

/** Builds the HTTP application (not yet listening): the same in production, `npm start` and the tests. */
export async function createHttpApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.app.bodyLimitBytes,
    trustProxy: config.app.trustProxyHops > 0 ? config.app.trustProxyHops : false,
    genReqId: requestId,
    return503OnClosing: false, // answered in the standard error body below
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'metrics'] });

  // Errors raised before a route handler runs (body parsing, rate limits) reach Nest's own Fastify
  // error handler, which hands them to AllExceptionsFilter: one error body everywhere.
  const fastify = app.getHttpAdapter().getInstance();
  // While closing (SIGTERM), in-flight requests finish and new ones on open connections get the
  // standard 503 with Retry-After (and `Connection: close`), rather than Fastify's own body.
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  const shutdownLogger = new NestLogger('Shutdown');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    if (closing) return sendError(SHUTTING_DOWN, request, reply, shutdownLogger);
    done();
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI needs inline styles and scripts on /api/docs only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.enableCors({
    origin: config.app.corsOrigins.length > 0 ? config.app.corsOrigins : false,
    credentials: false,
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  installRouteLimits(fastify, config);
  await app.register(rateLimit, {
    global: true,
    max: config.app.rateLimitPerMinute,
    timeWindow: 60_000,
    // counted in Redis, and per process while Redis is away (a limit must not take intake down with it)
    store: fallbackRateLimitStore(app.get(REDIS), 'rate-limit:'),
    skipOnError: true,
    keyGenerator: (request) => clientKey(config.auth.jwtSecret, request.ip),
    allowList: (request) => request.url.startsWith('/health/'),
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      code: 'RATE_LIMITED',
      message: 'Too many requests',
    }),
  });

  app.get(WebPages).register(fastify);
  setupOpenApi(app);
  await app.init();
  // Buffered start-up logs are otherwise only flushed by listen(): an app served through inject (the
  // tests) would keep every application log line in memory instead of writing it.
  app.flushLogs();
  return app;
}
