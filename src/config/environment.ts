import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable the service reads, with its rule and default.
 * `.env.example` documents the same list; `environment.spec.ts` keeps them in step.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(APP_ROLES)
  APP_ROLE: AppRole = 'all';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Number of reverse proxies in front of the API whose X-Forwarded-For to trust (0 = none). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  @Matches(/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/, {
    message:
      'must be a postgres:// URL with a database name, e.g. postgres://postgres@127.0.0.1:5432/rongrian',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/rongrian';

  /**
   * Optional: how the running service reaches the database, as the role `rongrian_app` (row-level
   * security; see the README). Empty: DATABASE_URL, acting as `rongrian_app` (SET ROLE at connection).
   * DATABASE_URL itself stays the owner's, for migrations and the commands.
   */
  @IsOptional()
  @Matches(/^(postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?)?$/, {
    message: 'must be empty or a postgres:// URL with a database name, like DATABASE_URL',
  })
  DATABASE_APP_URL = '';

  /** Optional: a read-only replica (or a pooler in front of one) for the statistics' reads. */
  @IsOptional()
  @Matches(/^(postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?)?$/, {
    message: 'must be empty or a postgres:// URL with a database name, like DATABASE_URL',
  })
  DATABASE_READ_URL = '';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  DATABASE_POOL_IDLE_SECONDS = 300;

  @Transform(toBool)
  @IsBoolean()
  DATABASE_MIGRATE_ON_START = true;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9:_{}-]{1,64}$/, {
    message: 'must be 1-64 letters, digits, ":", "_", "-" or a {hash tag}',
  })
  REDIS_PREFIX = 'rongrian';

  /**
   * true: REDIS_URL is one node of a Redis Cluster (the client finds the others). REDIS_PREFIX must
   * then hold a {hash tag}, so that every key (BullMQ's multi-key scripts) is in one slot.
   */
  @Transform(toBool)
  @IsBoolean()
  REDIS_CLUSTER = false;

  /** How often the worker checks that its recurring schedules are still in Redis (and rebuilds after a loss). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300000)
  SCHEDULES_CHECK_INTERVAL_MS = 10000;

  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, {
    message: 'must be lowercase letters, digits and "-" (2-63 characters)',
  })
  ORG_SLUG = 'demo';

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  ORG_NAME = 'องค์การบริหารส่วนตำบลตัวอย่าง';

  @IsEmail({}, { message: 'must be an e-mail address' })
  ADMIN_EMAIL = 'admin@rongrian.local';

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters of random text' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(3600)
  @Max(90 * 86400)
  REFRESH_TOKEN_TTL_SECONDS = 14 * 86400;

  /** First delay after repeated failed sign-ins; doubles with each further failure. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  LOGIN_SLOWDOWN_BASE_MS = 500;

  /** Lifetime of the one-time link e-mailed to a new officer (invitation) or for a password reset. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(168)
  ACCOUNT_LINK_TTL_HOURS = 24;

  /** A custodian cannot approve an identity request until this many days after receiving the role. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  CUSTODIAN_WAITING_DAYS = 7;

  @IsString()
  CORS_ORIGINS = '';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 300;

  /** Per client per minute: sign-in attempts. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGN_IN_PER_MINUTE = 30;

  /** Per client per minute: public submissions (complaints, feedback, integrity reports). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE = 20;

  /** Per client per minute: look-ups by tracking code or receipt. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_TRACKING_PER_MINUTE = 30;

  /** Public statistics are served from memory for at most this many seconds (0 = always computed). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(25)
  STATISTICS_CACHE_SECONDS = 20;

  /**
   * Published figures give no percentage computed over fewer cases than this (one case would show as
   * 100%): the count is published, the percentage is null.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  STATISTICS_MIN_SAMPLE = 5;

  /**
   * Open-data files one process streams at a time (429 OPEN_DATA_BUSY beyond): each holds a database
   * connection of the statistics' pool (the service's own without DATABASE_READ_URL) while it lasts.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  OPEN_DATA_MAX_STREAMS = 2;

  /**
   * The deployment's operators (comma-separated e-mails): whoever signs in with an account of one of
   * these addresses, in any organisation, may create and edit organisations. Empty: nobody.
   */
  @Matches(/^\s*$|^\s*[^\s,@]+@[^\s,@]+(\s*,\s*[^\s,@]+@[^\s,@]+)*\s*$/, {
    message: 'must be e-mail addresses separated by commas',
  })
  OPERATOR_EMAILS = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** default: http://localhost:<PORT> */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an absolute http(s) URL' })
  PUBLIC_BASE_URL?: string;

  /**
   * Map pin on /complain: a raster tile URL template with {z}, {x} and {y} (and optionally {s}, a
   * subdomain); empty = no map, the address fields only. Its origin is allowed in the CSP's img-src.
   */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+\/(?=\S*\{z\})(?=\S*\{x\})(?=\S*\{y\})\S*$/, {
    message: 'must be an http(s) tile URL template with {z}, {x} and {y}',
  })
  MAP_TILE_URL?: string;

  /** The tile server's credit shown on the map (e.g. "© OpenStreetMap contributors"), plain text. */
  @IsString()
  @MaxLength(300)
  MAP_ATTRIBUTION = '';

  /** Where the map opens: "latitude,longitude,zoom" (default: Thailand). */
  @Matches(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?,\d{1,2}$/, { message: 'must be "latitude,longitude,zoom"' })
  MAP_CENTER = '13.7563,100.5018,6';

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Rongrian <no-reply@rongrian.local>';

  /** Messages to one address per hour; beyond it they are suppressed (0 = no cap). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  MAIL_MAX_PER_RECIPIENT_PER_HOUR = 30;

  /** How often the worker moves due outbox rows to the mail queue. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  MAIL_DISPATCH_INTERVAL_MS = 5000;

  /** First retry delay after a transient SMTP error; doubles with each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(600000)
  MAIL_RETRY_DELAY_MS = 5000;

  /** A message that still meets only transient errors this long after it was written is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  MAIL_GIVE_UP_AFTER_HOURS = 72;
  /** Resolved complaints nobody reopened are closed after this many days. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  COMPLAINT_AUTO_CLOSE_DAYS = 14;

  /** How far back an officer may date a complaint received offline (receivedAt). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3660)
  INTAKE_MAX_DAYS_BACK = 365;

  /** Calendar days beyond the current due date an extension may reach; longer only by a supervisor with a reason. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  EXTENSION_MAX_DAYS = 90;

  @IsString()
  BUSINESS_TIME_ZONE = 'Asia/Bangkok';

  /** Secret mixed into every receipt hash (integrity reports): a database dump alone yields no receipt. */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters of random text' })
  RECEIPT_PEPPER?: string;

  /** Keys that encrypt reporters' identities: `id:base64key,id2:base64key` (32-byte keys). */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_=-]{40,64}(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_=-]{40,64})*$/, {
    message: 'must be a comma-separated list of id:base64key (32-byte keys)',
  })
  IDENTITY_KEYS?: string;

  /** Id (in IDENTITY_KEYS) of the key new identities are encrypted with; default the last one listed. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be a key id listed in IDENTITY_KEYS' })
  IDENTITY_KEY_CURRENT?: string;

  /** Integrity reports accepted per client per hour (counted under a keyed hash, never the address). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  INTEGRITY_SUBMISSIONS_PER_HOUR = 5;

  /** Every receipt sign-in answers after at least this long, whether the receipt matched or not. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  INTEGRITY_RECEIPT_MIN_MS = 1000;

  /** Lifetime of a reporter session opened with a receipt. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  INTEGRITY_SESSION_TTL_SECONDS = 1800;

  /** Idempotency records (the first answer of a creating request) are deleted after this many hours. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  IDEMPOTENCY_TTL_HOURS = 24;

  /** Open data: a case's location and exact date are published only where at least this many share them. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  OPEN_DATA_MIN_CELL = 3;

  /** Bearer token of GET /metrics; without it /metrics is not served. */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters of random text' })
  METRICS_TOKEN?: string;

  /** Attachments: largest accepted file, in bytes (413 FILE_TOO_LARGE above it). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  ATTACHMENT_MAX_FILE_BYTES = 10 * 1024 * 1024;

  /** Attachments: files in one upload request (413 TOO_MANY_FILES beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  ATTACHMENT_MAX_FILES = 5;

  /** Attachments: total stored bytes of one case (413 CASE_ATTACHMENTS_FULL beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  ATTACHMENT_MAX_CASE_BYTES = 50 * 1024 * 1024;

  /** Attachments: bytes one client may upload in a clock hour (429 UPLOAD_BUDGET_EXCEEDED beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  ATTACHMENT_BYTES_PER_CLIENT_PER_HOUR = 200 * 1024 * 1024;

  /** Attachments: files checked and cleaned at the same time by one process (others wait: memory stays bounded). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  ATTACHMENT_CONCURRENCY = 4;

  /** Attachments: where files are kept: `postgres` (default, in the database) or `s3` (S3_* below). */
  @IsIn(['postgres', 's3'])
  ATTACHMENT_STORAGE: 'postgres' | 's3' = 'postgres';

  /** S3-compatible store (ATTACHMENT_STORAGE=s3): endpoint URL; empty = AWS for S3_REGION. */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an absolute http(s) URL' })
  S3_ENDPOINT?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  @IsString()
  S3_BUCKET = 'rongrian-attachments';

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style URLs (MinIO, Garage, SeaweedFS and most self-hosted stores need them). */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;
}
