import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Role } from '../../src/users/roles';
import { invite } from './officers';
import { bearer, TestApp } from './test-app';
import { TEST_REDIS_URL } from './test-env';

export const ORG = 'demo';
export const SUBMIT_URL = `/api/v1/orgs/${ORG}/integrity-reports`;
export const SESSION_URL = `/api/v1/orgs/${ORG}/integrity-reports/session`;
export const REPORTER_REPORT_URL = '/api/v1/integrity-reports/session/report';
export const REPORTER_MESSAGES_URL = '/api/v1/integrity-reports/session/messages';

export interface Officer {
  id: string;
  email: string;
  token: string;
  password: string;
}

let counter = 0;

/** Creates an officer through the API (invited by the seeded administrator) and signs them in. */
export async function createOfficer(
  t: TestApp,
  adminToken: string,
  roles: Role[],
  name?: string,
): Promise<Officer> {
  counter += 1;
  const email = `${roles.join('-') || 'none'}-${counter}@test.local`.replace(/_/g, '-');
  const displayName = name ?? `Officer ${counter} (${roles.join(', ')})`;
  const password = `password-for-${counter}-tests`;
  return { ...(await invite(t, adminToken, { email, displayName, roles, password })), password };
}

export const minimalReport = (description = 'เจ้าหน้าที่เรียกรับเงินเพื่อให้ผ่านการตรวจรับงาน') => ({
  kind: 'tip',
  allegationType: 'bribery_extortion',
  description,
});

/** Submits a report from `remoteAddress`; returns the receipt as shown to the reporter. */
export async function submit(
  t: TestApp,
  payload: object = minimalReport(),
  headers: Record<string, string> = {},
  remoteAddress = '198.51.100.1',
): Promise<string> {
  const res = await t.request({ method: 'POST', url: SUBMIT_URL, payload, headers, remoteAddress });
  if (res.statusCode !== 201) throw new Error(`submit: ${res.statusCode} ${res.body}`);
  return res.json().receipt as string;
}

export async function openSession(
  t: TestApp,
  receipt: string,
  headers: Record<string, string> = {},
  remoteAddress = '198.51.100.1',
): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: SESSION_URL,
    payload: { receipt },
    headers,
    remoteAddress,
  });
  if (res.statusCode !== 200) throw new Error(`session: ${res.statusCode} ${res.body}`);
  return res.json().token as string;
}

/** The id of the report an officer sees with this number. */
export async function reportIdByNumber(t: TestApp, number: string): Promise<string> {
  const [row] = await t.db.query(`SELECT id FROM integrity_reports WHERE number = $1`, [number]);
  return row.id as string;
}

/** Id of the most recently numbered report. */
export async function latestReportId(t: TestApp): Promise<string> {
  const [row] = await t.db.query(
    `SELECT id FROM integrity_reports ORDER BY fiscal_year DESC, number DESC LIMIT 1`,
  );
  return row.id as string;
}

export interface Hit {
  table: string;
  column: string;
}

/**
 * Every column of every table of the database in which `needle` occurs: text, json, arrays and
 * anything else through its text form, and bytea as raw bytes.
 */
export async function findInDatabase(db: DataSource, needle: string): Promise<Hit[]> {
  const columns: { table_name: string; column_name: string; data_type: string }[] = await db.query(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
  );
  const hits: Hit[] = [];
  for (const c of columns) {
    const column = `"${c.column_name}"`;
    const condition =
      c.data_type === 'bytea'
        ? `position(convert_to($1, 'UTF8') in ${column}) > 0`
        : `strpos(${column}::text, $1) > 0`;
    const [{ found }] = await db.query(
      `SELECT EXISTS (SELECT 1 FROM "${c.table_name}" WHERE ${condition}) AS found`,
      [needle],
    );
    if (found) hits.push({ table: c.table_name, column: c.column_name });
  }
  return hits;
}

/** The keys of this test app for which `matches` (given the key and its type) says yes. */
async function redisKeysWhere(
  prefix: string,
  matches: (redis: Redis, key: string, type: string) => Promise<boolean>,
): Promise<string[]> {
  const redis = new Redis(TEST_REDIS_URL);
  const found: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      for (const key of keys) if (await matches(redis, key, await redis.type(key))) found.push(key);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return found;
}

/** Every Redis key of this test app (name or string value) containing `needle`. */
export function findInRedis(prefix: string, needle: string): Promise<string[]> {
  return redisKeysWhere(prefix, async (redis, key, type) => {
    const value = type === 'string' ? ((await redis.get(key)) ?? '') : '';
    return key.includes(needle) || value.includes(needle);
  });
}

/** The officers' integrity routes as `officer`: `api(io).get('/id/access')`, `api(io).post('/id/notes', {...})`. */
export function officerApi(t: TestApp, officer: { token: string }) {
  const url = (path: string) => `/api/v1/integrity-reports${path}`;
  return {
    get: (path = '') => t.request({ method: 'GET', url: url(path), headers: bearer(officer.token) }),
    post: (path: string, payload: object) =>
      t.request({ method: 'POST', url: url(path), headers: bearer(officer.token), payload }),
  };
}

/** What the reporter sees with their session token. */
export const reporterView = (t: TestApp, token: string) =>
  t.request({ method: 'GET', url: REPORTER_REPORT_URL, headers: bearer(token) });

/** Every timestamp column of every table holding an instant in [from, to]. */
export async function findInstantsBetween(db: DataSource, from: Date, to: Date): Promise<Hit[]> {
  const columns: { table_name: string; column_name: string }[] = await db.query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type LIKE 'timestamp%'`,
  );
  const hits: Hit[] = [];
  for (const c of columns) {
    const [{ found }] = await db.query(
      `SELECT EXISTS (SELECT 1 FROM "${c.table_name}" WHERE "${c.column_name}" BETWEEN $1 AND $2) AS found`,
      [from, to],
    );
    if (found) hits.push({ table: c.table_name, column: c.column_name });
  }
  return hits;
}

/**
 * Redis entries of this test app that mention `needle` and carry a time in [from, to]: BullMQ jobs
 * (their `timestamp`), stream entries (BullMQ's event streams, whose ids are times) and sorted-set
 * members (the deadline timers, scored with a time).
 */
export function findRedisTimesBetween(
  prefix: string,
  needle: string,
  from: Date,
  to: Date,
): Promise<string[]> {
  return redisKeysWhere(prefix, async (redis, key, type) => {
    if (type === 'hash') {
      const job = await redis.hgetall(key);
      const at = Number(job.timestamp);
      const mentions = key.includes(needle) || Object.values(job).some((v) => v.includes(needle));
      return mentions && at >= from.getTime() && at <= to.getTime();
    }
    if (type === 'stream') {
      const entries = await redis.xrange(key, String(from.getTime()), String(to.getTime()));
      return entries.some(([, fields]) => fields.some((f) => f.includes(needle)));
    }
    if (type === 'zset') {
      const members = await redis.zrangebyscore(key, from.getTime(), to.getTime());
      return members.some((m) => m.includes(needle));
    }
    return false;
  });
}
