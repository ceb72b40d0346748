import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
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
import { installRequestGuards } from './request-guards';
import { fallbackRateLimitStore } from './fallback-rate-limit-store';
import { installRouteLimits } from './route-limits';
import { isReporterPath } from '../logging/private-paths';
import { answerClientError } from './client-errors';
import { installMethodNotAllowed } from './method-not-allowed';
import { setupOpenApi } from './openapi';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const SHUTTING_DOWN = new DomainError('SERVICE_UNAVAILABLE', undefined, undefined, { 'retry-after': '5' });

/**
 * With helmet's defaults (among them script-src-attr 'none', object-src 'none', frame-ancestors 'self').
 * Images from the map's tile server only when one is configured (MAP_TILE_URL).
 */
const cspDirectives = (config: AppConfig) => ({
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // the pages' few style attributes and the printable annual report's style block
  styleSrc: ["'self'", "'unsafe-inline'"],
  // blob: the previews of files chosen on a form, shown before they are sent (object URLs of the page);
  // the map's tile server when one is configured (MAP_TILE_URL)
  imgSrc: ["'self'", 'data:', 'blob:', ...(config.map.imgSource ? [config.map.imgSource] : [])],
});
/** Swagger UI's page and files: the same policy, with inline scripts allowed. */
const docsPolicy = (policy: string) =>
  policy.replace(/script-src 'self'(?=;|$)/, "script-src 'self' 'unsafe-inline'");
const isDocsPath = (url: string) => /^\/api\/docs(\/|\?|$)/.test(url);

/** Takes a sane X-Request-Id from the caller, or makes one; pino-http reads it back from the raw request. */
function requestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  (raw as IncomingMessage & { id: string }).id = id;
  return id;
}

/** Everything under /api/v1 but the operators' routes (the OpenAPI script sets the same). */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
}

/** Builds the HTTP application (not yet listening): the same in production, `npm start` and the tests. */
export async function createHttpApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> {
  const hops = config.app.trustProxyHops;
  const adapter = new FastifyAdapter({
    bodyLimit: config.app.bodyLimitBytes,
    // Fastify 5.12 no longer takes a bare hop count (it now trusts nothing for a number); the same
    // rule as a function: the nearest `hops` addresses of the X-Forwarded-For chain are our proxies.
    trustProxy: hops > 0 ? (_address: string, hop: number) => hop < hops : false,
    genReqId: requestId,
    return503OnClosing: false, // answered in the standard error body below
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
    // JSON only, parsed by installRequestGuards: no form or text bodies.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  setApiPrefix(app);

  // Errors raised before a route handler runs (body parsing, rate limits) reach Nest's own Fastify
  // error handler, which hands them to AllExceptionsFilter: one error body everywhere.
  const fastify = app.getHttpAdapter().getInstance();
  installMethodNotAllowed(fastify);
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

  // Every page runs only scripts from this origin (no inline script or handler can run, whatever
  // text gets into a page); Swagger UI alone needs inline scripts, on /api/docs only.
  // helmet's middleware built once (@fastify/helmet built it again for every request: ~3% of a filing)
  const securityHeaders = helmet({
    contentSecurityPolicy: { directives: cspDirectives(config) },
    referrerPolicy: { policy: 'no-referrer' },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  fastify.addHook('onSend', async (request, reply) => {
    const policy = reply.getHeader('content-security-policy');
    if (isDocsPath(request.url) && typeof policy === 'string')
      void reply.header('content-security-policy', docsPolicy(policy));
  });
  app.enableCors({
    origin: config.app.corsOrigins.length > 0 ? config.app.corsOrigins : false,
    credentials: false,
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  installRouteLimits(fastify, config);
  installRequestGuards(fastify, config);
  // multipart/form-data is parsed only where a route reads it (see installRequestGuards); the
  // per-upload limits are given by the attachments engine as it reads the parts
  await app.register(multipart as never, { limits: { fileSize: config.attachments.maxFileBytes } });
  await app.register(rateLimit, {
    global: true,
    max: config.app.rateLimitPerMinute,
    timeWindow: 60_000,
    // counted in Redis, and per process while Redis is away (a limit must not take intake down with it)
    store: fallbackRateLimitStore(app.get(REDIS), 'rate-limit:'),
    skipOnError: true,
    keyGenerator: (request) => clientKey(config.auth.jwtSecret, request.ip),
    // The reporter's routes have hourly limits of their own (ReporterThrottle): this limiter's keys
    // expire a minute after a request, which would date a submission or a receipt sign-in.
    allowList: (request) => request.url.startsWith('/health/') || isReporterPath(request.url),
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      code: 'RATE_LIMITED',
      message: 'Too many requests',
    }),
  });

  app.get(WebPages).register(fastify);
  setupOpenApi(app, config.app.publicBaseUrl);
  await app.init();
  // Buffered start-up logs are otherwise only flushed by listen(): an app served through inject (the
  // tests) would keep every application log line in memory instead of writing it.
  app.flushLogs();
  return app;
}
