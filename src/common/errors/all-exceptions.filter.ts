import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { MappedError, mapError } from './error-body';
import { summarizeError } from './error-summary';

/** Writes the standard error body for everything thrown in a route, and logs what was our fault. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(error, request, reply, this.logger);
  }
}

export function sendError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  const mapped = mapError(error);
  if (mapped.unexpected) logUnexpected(error, request, logger);
  if (mapped.headers) void reply.headers(mapped.headers);
  const body = mapped.body.statusCode === 429 ? withRetryAfter(mapped.body, reply) : mapped.body;
  void reply
    .status(body.statusCode)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ ...body, requestId: String(request.id) });
}

/**
 * Every 429, whichever limiter refused (the per-minute limiter, a route's own, the reporter's hourly
 * ones, sign-in locks), says how long to wait twice: the Retry-After header and
 * `details.retryAfterSeconds`, so that a page can tell the person without reading headers. A limiter
 * that gave no header gets a minute (the shortest window of any).
 */
function withRetryAfter(body: MappedError['body'], reply: FastifyReply): MappedError['body'] {
  const header = Number(reply.getHeader('retry-after'));
  const seconds = Number.isFinite(header) && header > 0 ? Math.ceil(header) : 60;
  void reply.header('retry-after', String(seconds));
  const details =
    body.details && typeof body.details === 'object' && !Array.isArray(body.details) ? body.details : {};
  return { ...body, details: { ...details, retryAfterSeconds: seconds } };
}

function logUnexpected(error: unknown, request: FastifyRequest, logger: Logger): void {
  // Class, code, constraint and code locations only, on every route: a message, a query's parameters
  // or a database error's detail may quote what a citizen or a reporter wrote (see summarizeError).
  logger.error({ requestId: request.id, ...summarizeError(error) }, 'request failed');
}
