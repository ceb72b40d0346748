import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import { open, seal } from './crypto/envelope';
import { reporterSessionKey } from './crypto/report-contents';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../infrastructure/redis/redis.module';
import { endOfClockHour } from './hour-window';

/** Whose report a reporter session opens. */
export interface ReporterSession {
  reportId: string;
  organizationId: string;
  /**
   * The report's data key, opened in memory for this request from the session's Redis entry (where it
   * is sealed under a key derived from the token, which Redis does not hold). Null while a migrated
   * report still waits for its reporter wrap.
   */
  dataKey: Buffer | null;
}

interface StoredSession {
  reportId: string;
  organizationId: string;
  sealedKey: string | null;
}

const sessionPlace = (reportId: string) => `integrity-reporter-session|${reportId}`;

const TOKEN_PREFIX = 'irs_';
const keyOf = (token: string) =>
  `integrity:reporter-session:${createHash('sha256').update(token).digest('base64url')}`;

/**
 * Reporter sessions: an opaque random token handed out for a correct receipt, kept in Redis (as its
 * SHA-256) for at least INTEGRITY_SESSION_TTL_SECONDS (to the end of that clock hour). It is not a
 * JWT: the officers' guard cannot verify it, and this guard does not know officers' tokens, so
 * neither opens the other's routes.
 */
@Injectable()
export class ReporterSessions {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.integrity.sessionTtlSeconds;
  }

  async open(session: ReporterSession): Promise<string> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const stored: StoredSession = {
      reportId: session.reportId,
      organizationId: session.organizationId,
      sealedKey: session.dataKey
        ? seal(reporterSessionKey(token), session.dataKey, sessionPlace(session.reportId)).toString('base64')
        : null,
    };
    // expires at the end of the clock hour in which ttlSeconds run out (ttlSeconds to one hour more):
    // the key's TTL tells only the hour in which the session was opened
    const expiresAt = endOfClockHour(Date.now() + this.ttlSeconds * 1000);
    await this.redis.set(keyOf(token), JSON.stringify(stored), 'EXAT', expiresAt);
    return token;
  }

  async find(token: string): Promise<ReporterSession | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const text = await this.redis.get(keyOf(token));
    if (!text) return null;
    const stored = JSON.parse(text) as StoredSession;
    const dataKey = stored.sealedKey
      ? open(
          reporterSessionKey(token),
          Buffer.from(stored.sealedKey, 'base64'),
          sessionPlace(stored.reportId),
        )
      : null;
    return { reportId: stored.reportId, organizationId: stored.organizationId, dataKey };
  }

  async close(token: string): Promise<void> {
    await this.redis.del(keyOf(token));
  }
}

type ReporterRequest = FastifyRequest & { reporter?: ReporterSession; reporterToken?: string };

/** On the reporter's routes (which are @Public() for the officers' guard): a live reporter session. */
@Injectable()
export class ReporterSessionGuard implements CanActivate {
  constructor(private readonly sessions: ReporterSessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ReporterRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const session = match ? await this.sessions.find(match[1]) : null;
    if (!session || !match) throw new DomainError('REPORTER_SESSION_INVALID');
    request.reporter = session;
    request.reporterToken = match[1];
    return true;
  }
}

export const CurrentReporter = createParamDecorator((_: unknown, ctx: ExecutionContext): ReporterSession => {
  const request = ctx.switchToHttp().getRequest<ReporterRequest>();
  if (!request.reporter) throw new Error('CurrentReporter used without ReporterSessionGuard');
  return request.reporter;
});

export const ReporterToken = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<ReporterRequest>();
  if (!request.reporterToken) throw new Error('ReporterToken used without ReporterSessionGuard');
  return request.reporterToken;
});
