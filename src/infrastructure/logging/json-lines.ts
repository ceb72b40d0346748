import { Logger, LoggerService } from '@nestjs/common';
import { format } from 'node:util';
import pino, { DestinationStream, Logger as Pino, LoggerOptions } from 'pino';
import { AppConfig } from '../../config/app-config';
import { currentRequestId } from '../request-context/request-context';

/** Nest's own start-up chatter (module by module, route by route): kept, at debug level. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * The pino settings of every log line of the service, before and after the application exists: one
 * JSON object per line, the service and role, the request id where there is one, Nest's route
 * mappings at debug.
 */
export function baseLogOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.app.logLevel,
    base: { service: 'rongrian', role: config.app.role },
    // the request (or the request behind a worker's job) on every line, where there is one
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    hooks: {
      logMethod(args, method, level) {
        const first = args[0] as { context?: unknown } | undefined;
        if (level === 30 && typeof first === 'object' && CHATTY_CONTEXTS.has(String(first?.context))) {
          return this.debug(...(args as Parameters<Pino['debug']>));
        }
        return method.apply(this, args);
      },
    },
  };
}

/** A Nest LoggerService over pino, for the lines written before (or without) the application's logger. */
class JsonLines implements LoggerService {
  constructor(private readonly pino: Pino) {}

  private write(
    level: 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    params: unknown[],
  ) {
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else
      this.pino[level]({ context, stack }, typeof message === 'string' ? message : JSON.stringify(message));
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }
}

/**
 * From here on, Nest's static Logger (start-up, migrations, the first administrator's password,
 * commands such as `migrate`) writes JSON lines too, at LOG_LEVEL. The application replaces it with
 * its own pino logger once it exists.
 */
export function useJsonLogs(config: AppConfig, destination?: DestinationStream): Pino {
  const logger = destination ? pino(baseLogOptions(config), destination) : pino(baseLogOptions(config));
  Logger.overrideLogger(new JsonLines(logger));
  return logger;
}

/**
 * Libraries that print with console (BullMQ's Redis-version and eviction-policy warnings, for one)
 * write JSON lines too, at the level their call implies. Only the service's own process does this;
 * the tests keep Jest's console.
 */
export function captureConsole(logger: Pino): void {
  const to =
    (level: 'info' | 'warn' | 'error' | 'debug') =>
    (...args: unknown[]) =>
      logger[level]({ context: 'console' }, format(...args));
  /* eslint-disable no-console -- replacing the methods, not printing */
  console.log = to('info');
  console.info = to('info');
  console.warn = to('warn');
  console.error = to('error');
  console.debug = to('debug');
  /* eslint-enable no-console */
}
