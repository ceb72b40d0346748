import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppRole, Environment } from './environment';
import { devSecret } from './dev-secrets';

/** Typed, validated settings grouped by concern. Built once by `loadConfig` and injected as `AppConfig`. */
export class AppConfig {
  app!: {
    env: 'development' | 'production' | 'test';
    role: AppRole;
    host: string;
    port: number;
    trustProxyHops: number;
    publicBaseUrl: string;
    corsOrigins: string[];
    bodyLimitBytes: number;
    rateLimitPerMinute: number;
    logLevel: string;
    timeZone: string;
  };
  database!: { url: string; poolSize: number; migrateOnStart: boolean };
  redis!: { url: string; prefix: string };
  organization!: { slug: string; name: string };
  admin!: { email: string; password?: string };
  auth!: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    loginSlowdownBaseMs: number;
  };
  mail!: { smtpUrl?: string; from: string };
  complaints!: { autoCloseDays: number };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

function describe(errors: ValidationError[], env: NodeJS.ProcessEnv): string[] {
  return errors.map((e) => {
    const given = env[e.property];
    const shown = given === undefined ? 'not set' : `got "${e.property.includes('SECRET') ? '***' : given}"`;
    return `${e.property} ${Object.values(e.constraints ?? {}).join(', ')} (${shown})`;
  });
}

/** Validates the environment and returns typed settings; throws ConfigurationError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new Environment());
  const given = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => known.includes(k) && v !== undefined),
  );
  const e = plainToInstance(Environment, given, { exposeDefaultValues: true });
  const errors = validateSync(e, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigurationError(describe(errors, env));

  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigurationError([
      'JWT_SECRET must be set in production (at least 32 characters of random text)',
    ]);
  }
  if (!Intl.supportedValuesOf('timeZone').includes(e.BUSINESS_TIME_ZONE) && e.BUSINESS_TIME_ZONE !== 'UTC') {
    throw new ConfigurationError([
      `BUSINESS_TIME_ZONE must be an IANA time zone (got "${e.BUSINESS_TIME_ZONE}")`,
    ]);
  }

  return {
    app: {
      env: e.NODE_ENV,
      role: e.APP_ROLE,
      host: e.HOST,
      port: e.PORT,
      trustProxyHops: e.TRUST_PROXY_HOPS,
      publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
      corsOrigins: e.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      logLevel: e.LOG_LEVEL,
      timeZone: e.BUSINESS_TIME_ZONE,
    },
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      migrateOnStart: e.DATABASE_MIGRATE_ON_START,
    },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    organization: { slug: e.ORG_SLUG, name: e.ORG_NAME },
    admin: { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD },
    auth: {
      jwtSecret: e.JWT_SECRET ?? devSecret('JWT_SECRET'),
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      loginSlowdownBaseMs: e.LOGIN_SLOWDOWN_BASE_MS,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    complaints: { autoCloseDays: e.COMPLAINT_AUTO_CLOSE_DAYS },
  };
}
