import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DestinationStream } from 'pino';
import { AppConfig } from '../../config/app-config';
import { baseLogOptions } from './json-lines';
import { isReporterPath, maskPath } from './private-paths';

/**
 * Structured JSON logs with the request id on every line. Access logs record method, route (with
 * tracking codes and report ids masked), status and time: never a client address, user agent or body.
 * The reporter's routes of the integrity channel get no access log line (see isReporterPath).
 */
@Module({})
export class LoggingModule {
  /** `destination` (tests) receives the JSON lines instead of standard output. */
  static forRoot(config: AppConfig, destination?: DestinationStream): DynamicModule {
    const options = {
      ...baseLogOptions(config),
      // Fastify already chose the id (from X-Request-Id or a new UUID) and put it on the raw request.
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: maskPath(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: {
        paths: [
          'req.headers',
          'req.remoteAddress',
          'req.remotePort',
          '*.password',
          '*.receipt',
          '*.identity',
          '*.recoveryKey',
          '*.refreshToken',
        ],
        remove: true,
      },
      autoLogging: {
        ignore: (req: IncomingMessage & { originalUrl?: string }) => {
          // Nest's middleware mount may shorten req.url; originalUrl is the path as requested
          const url = req.originalUrl ?? req.url ?? '';
          return url.startsWith('/health/') || isReporterPath(url);
        },
      },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    };
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options })],
    };
  }
}
