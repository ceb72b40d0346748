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
    routeLimits: { signIn: number; publicWrite: number; tracking: number };
    logLevel: string;
    timeZone: string;
    /** fresh lifetime of cached public statistics; then served while refreshing up to twice this */
    statisticsCacheSeconds: number;
    /** no published percentage over fewer cases than this */
    statisticsMinSample: number;
    /** open-data files streamed at once by one process */
    openDataMaxStreams: number;
  };
  database!: {
    url: string;
    appUrl: string | null;
    readUrl: string | null;
    poolSize: number;
    /** how long a pooled connection may sit idle before it is closed; 0: never */
    poolIdleSeconds: number;
    migrateOnStart: boolean;
  };
  redis!: { url: string; prefix: string; cluster: boolean; schedulesCheckIntervalMs: number };
  organization!: { slug: string; name: string };
  /** the map pin on /complain (null tileUrl: no map) and the tile origin the CSP allows in img-src */
  map!: {
    tileUrl: string | null;
    attribution: string;
    center: { lat: number; lng: number; zoom: number };
    imgSource: string | null;
  };
  admin!: { email: string; password?: string };
  /** e-mails (lower case) of the deployment's operators, who create and edit organisations */
  operators!: { emails: string[] };
  auth!: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    loginSlowdownBaseMs: number;
    /** lifetime of an invitation or password-reset link */
    accountLinkTtlHours: number;
    /** days after receiving the custodian role before a custodian may approve identity requests */
    custodianWaitingDays: number;
  };
  mail!: {
    smtpUrl?: string;
    from: string;
    maxPerRecipientPerHour: number;
    dispatchIntervalMs: number;
    retryDelayMs: number;
    giveUpAfterHours: number;
  };
  integrity!: {
    /** secret mixed into receipt hashes and the client keys of the integrity channel */
    receiptPepper: string;
    /** identity encryption keys by id (32 bytes each), and the id new identities use */
    identityKeys: Record<string, Buffer>;
    identityKeyCurrent: string;
    submissionsPerHour: number;
    receiptMinResponseMs: number;
    sessionTtlSeconds: number;
  };
  complaints!: { autoCloseDays: number; intakeMaxDaysBack: number };
  /** calendar days beyond the current due date an extension may reach without a supervisor's reason */
  deadlines!: { extensionMaxDays: number };
  privacy!: {
    /** hours an idempotency record (encrypted first answer) is kept */
    idempotencyTtlHours: number;
    /** open data: smallest number of cases sharing a location or a date for it to be published */
    openDataMinCell: number;
    /** bearer token of /metrics (undefined: /metrics is not served) */
    metricsToken?: string;
  };
  attachments!: {
    maxFileBytes: number;
    maxFiles: number;
    maxCaseBytes: number;
    bytesPerClientPerHour: number;
    concurrency: number;
    storage: 'postgres' | 's3';
    s3: {
      endpoint?: string;
      region: string;
      bucket: string;
      accessKeyId?: string;
      secretAccessKey?: string;
      forcePathStyle: boolean;
    };
  };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

const PRODUCTION_SECRETS = ['JWT_SECRET', 'RECEIPT_PEPPER', 'IDENTITY_KEYS'] as const;

const isSecret = (name: string) => /SECRET|PEPPER|_KEYS?$/.test(name);

function describe(errors: ValidationError[], env: NodeJS.ProcessEnv): string[] {
  return errors.map((e) => {
    const given = env[e.property];
    const shown = given === undefined ? 'not set' : `got "${isSecret(e.property) ? '***' : given}"`;
    const rules = Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(e.property) ? m : `${e.property} ${m}`,
    );
    return `${rules.join(', ')} (${shown})`;
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

  if (e.NODE_ENV === 'production') {
    // every missing secret in one line, so that one restart is enough to learn them all
    const missing = PRODUCTION_SECRETS.filter((name) => !e[name]);
    if (missing.length > 0) {
      throw new ConfigurationError([
        `${missing.join(', ')} must be set in production (JWT_SECRET and RECEIPT_PEPPER: at least 32 characters of random text; IDENTITY_KEYS: see .env.example)`,
      ]);
    }
  }
  if (e.REDIS_CLUSTER && !/\{[^{}]+\}/.test(e.REDIS_PREFIX)) {
    throw new ConfigurationError([
      `REDIS_PREFIX must hold a {hash tag} with REDIS_CLUSTER=true, e.g. {rongrian} (got "${e.REDIS_PREFIX}")`,
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
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      corsOrigins: e.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      routeLimits: {
        signIn: e.RATE_LIMIT_SIGN_IN_PER_MINUTE,
        publicWrite: e.RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE,
        tracking: e.RATE_LIMIT_TRACKING_PER_MINUTE,
      },
      logLevel: e.LOG_LEVEL,
      timeZone: e.BUSINESS_TIME_ZONE,
      statisticsCacheSeconds: e.STATISTICS_CACHE_SECONDS,
      statisticsMinSample: e.STATISTICS_MIN_SAMPLE,
      openDataMaxStreams: e.OPEN_DATA_MAX_STREAMS,
    },
    database: {
      url: e.DATABASE_URL,
      appUrl: e.DATABASE_APP_URL || null,
      readUrl: e.DATABASE_READ_URL || null,
      poolSize: e.DATABASE_POOL_SIZE,
      poolIdleSeconds: e.DATABASE_POOL_IDLE_SECONDS,
      migrateOnStart: e.DATABASE_MIGRATE_ON_START,
    },
    redis: {
      url: e.REDIS_URL,
      prefix: e.REDIS_PREFIX,
      cluster: e.REDIS_CLUSTER,
      schedulesCheckIntervalMs: e.SCHEDULES_CHECK_INTERVAL_MS,
    },
    organization: { slug: e.ORG_SLUG, name: e.ORG_NAME },
    map: mapSettings(e),
    admin: { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD },
    operators: {
      emails: e.OPERATOR_EMAILS.split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    },
    auth: {
      jwtSecret: e.JWT_SECRET ?? devSecret('JWT_SECRET'),
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      loginSlowdownBaseMs: e.LOGIN_SLOWDOWN_BASE_MS,
      accountLinkTtlHours: e.ACCOUNT_LINK_TTL_HOURS,
      custodianWaitingDays: e.CUSTODIAN_WAITING_DAYS,
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      maxPerRecipientPerHour: e.MAIL_MAX_PER_RECIPIENT_PER_HOUR,
      dispatchIntervalMs: e.MAIL_DISPATCH_INTERVAL_MS,
      retryDelayMs: e.MAIL_RETRY_DELAY_MS,
      giveUpAfterHours: e.MAIL_GIVE_UP_AFTER_HOURS,
    },
    integrity: {
      receiptPepper: e.RECEIPT_PEPPER ?? devSecret('RECEIPT_PEPPER'),
      ...identityKeys(e),
      submissionsPerHour: e.INTEGRITY_SUBMISSIONS_PER_HOUR,
      receiptMinResponseMs: e.INTEGRITY_RECEIPT_MIN_MS,
      sessionTtlSeconds: e.INTEGRITY_SESSION_TTL_SECONDS,
    },
    complaints: { autoCloseDays: e.COMPLAINT_AUTO_CLOSE_DAYS, intakeMaxDaysBack: e.INTAKE_MAX_DAYS_BACK },
    deadlines: { extensionMaxDays: e.EXTENSION_MAX_DAYS },
    privacy: {
      idempotencyTtlHours: e.IDEMPOTENCY_TTL_HOURS,
      openDataMinCell: e.OPEN_DATA_MIN_CELL,
      metricsToken: e.METRICS_TOKEN,
    },
    attachments: {
      maxFileBytes: e.ATTACHMENT_MAX_FILE_BYTES,
      maxFiles: e.ATTACHMENT_MAX_FILES,
      maxCaseBytes: e.ATTACHMENT_MAX_CASE_BYTES,
      bytesPerClientPerHour: e.ATTACHMENT_BYTES_PER_CLIENT_PER_HOUR,
      concurrency: e.ATTACHMENT_CONCURRENCY,
      storage: e.ATTACHMENT_STORAGE,
      s3: {
        endpoint: e.S3_ENDPOINT,
        region: e.S3_REGION,
        bucket: e.S3_BUCKET,
        accessKeyId: e.S3_ACCESS_KEY_ID,
        secretAccessKey: e.S3_SECRET_ACCESS_KEY,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
      },
    },
  };
}

/** IDENTITY_KEYS as a key ring; outside production a generated key `dev` when unset. */
function identityKeys(e: Environment): { identityKeys: Record<string, Buffer>; identityKeyCurrent: string } {
  if (!e.IDENTITY_KEYS) {
    const dev = Buffer.from(devSecret('IDENTITY_KEY'), 'base64url');
    return { identityKeys: { dev }, identityKeyCurrent: e.IDENTITY_KEY_CURRENT ?? 'dev' };
  }
  const keys: Record<string, Buffer> = {};
  for (const entry of e.IDENTITY_KEYS.split(',')) {
    const [id, encoded] = entry.split(':');
    const key = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length !== 32) {
      throw new ConfigurationError([
        `IDENTITY_KEYS: key "${id}" must decode to 32 bytes (got ${key.length})`,
      ]);
    }
    if (keys[id]) throw new ConfigurationError([`IDENTITY_KEYS: key id "${id}" is listed twice`]);
    keys[id] = key;
  }
  const current = e.IDENTITY_KEY_CURRENT ?? Object.keys(keys).at(-1)!;
  if (!keys[current]) {
    throw new ConfigurationError([
      `IDENTITY_KEY_CURRENT must be one of the ids in IDENTITY_KEYS (got "${current}")`,
    ]);
  }
  return { identityKeys: keys, identityKeyCurrent: current };
}

/** The map settings; the CSP source of the tiles is their origin, with `{s}` as a wildcard subdomain. */
function mapSettings(e: Environment): AppConfig['map'] {
  const [lat, lng, zoom] = e.MAP_CENTER.split(',').map(Number);
  const tileUrl = e.MAP_TILE_URL ?? null;
  const origin = tileUrl ? /^https?:\/\/[^/]+/.exec(tileUrl)![0] : null;
  return {
    tileUrl,
    attribution: e.MAP_ATTRIBUTION,
    center: { lat, lng, zoom },
    imgSource: origin ? origin.replace(/\{s\}/, '*') : null,
  };
}
