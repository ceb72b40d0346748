import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from './error-body';
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
  void reply
    .status(mapped.body.statusCode)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ ...mapped.body, requestId: String(request.id) });
}

function logUnexpected(error: unknown, request: FastifyRequest, logger: Logger): void {
  // Class, code, constraint and code locations only, on every route: a message, a query's parameters
  // or a database error's detail may quote what a citizen or a reporter wrote (see summarizeError).
  logger.error({ requestId: request.id, ...summarizeError(error) }, 'request failed');
}
