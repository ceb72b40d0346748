import { ClsServiceManager } from 'nestjs-cls';
import { escapeLiteral } from 'pg';
import { DataSource, DataSourceOptions, QueryFailedError, QueryRunner } from 'typeorm';

/**
 * Row-level security, the application's side (issue 18, item 3; the policies are in the migration
 * RowLevelSecurity1797600000001). Every tenant table lets a transaction see and write only the rows
 * of `app.organization_id`, or every row when `app.scope` is 'system'; with neither set it sees no
 * tenant row at all. The runtime acts as the role `rongrian_app`, which cannot bypass the policies.
 *
 * Both settings are TRANSACTION-local (`set_config(…, true)`), and so is the role when the service
 * connects as the tables' owner (`SET LOCAL ROLE rongrian_app`; with DATABASE_APP_URL it logs in as a
 * bound role instead): nothing outlives the transaction and PgBouncer in transaction mode stays safe.
 * They travel in the round trip that starts the work:
 *  - a transaction: `START TRANSACTION; SELECT set_config(…)` as one simple query;
 *  - an autocommit statement: `SELECT set_config(…); <statement>` as one simple query, which
 *    PostgreSQL runs as one implicit transaction; the statement's parameters are written into it as
 *    quoted literals (node-postgres' own text conversion, `escapeLiteral`), which PostgreSQL types
 *    from their context exactly as it types untyped parameters. A statement with a large binary
 *    parameter instead runs between `START TRANSACTION; set_config(…)` and `COMMIT`.
 * So tenancy adds no round trip to a request.
 *
 * The tenancy comes from the request context: an officer's request is confined to their organisation
 * (the authentication guard enters it); code that must work across organisations (the worker's
 * timers and mail, public look-ups that find the organisation first, the operator's and the national
 * figures, sign-in) runs in the 'system' scope, which only code of this service can choose.
 */
export type Tenancy = { organizationId: string } | 'system';

const KEY = 'tenancy';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** above this many bytes of binary parameters a statement keeps the extended protocol (binary) */
const INLINE_BINARY_LIMIT = 16 * 1024;

const cls = () => ClsServiceManager.getClsService();

/** Runs `work` (and everything it starts) across organisations: trusted code paths only. */
export function runAsSystem<T>(work: () => Promise<T>): Promise<T> {
  return runWithTenancy('system', work);
}

/** Runs `work` confined to one organisation's rows. */
export function runForOrganization<T>(organizationId: string, work: () => Promise<T>): Promise<T> {
  return runWithTenancy({ organizationId }, work);
}

/** Runs `work` (and everything it starts) in `tenancy`. */
export function runWithTenancy<T>(tenancy: Tenancy, work: () => Promise<T>): Promise<T> {
  const store = cls();
  if (!store.isActive()) return store.runWith({ [KEY]: tenancy } as never, work);
  return store.run({ ifNested: 'inherit' }, () => {
    store.set(KEY, tenancy);
    return work();
  });
}

/** The tenancy the running code chose; null for none. */
export function currentTenancy(): Tenancy | null {
  const store = cls();
  return store.isActive() ? ((store.get(KEY) as Tenancy | undefined) ?? null) : null;
}

/** Confines the rest of the current request (or job) to `organizationId`. */
export function enterOrganization(organizationId: string): void {
  const store = cls();
  if (store.isActive()) store.set(KEY, { organizationId });
}

/** Opens the current request (or job) to every organisation: trusted code paths only. */
export function enterSystemScope(): void {
  const store = cls();
  if (store.isActive()) store.set(KEY, 'system');
}

/** The statement that sets `tenancy` for the current transaction; null for none. */
export function tenancyStatement(tenancy: Tenancy | null): string | null {
  if (tenancy === null) return null;
  if (tenancy === 'system') return `SELECT set_config('app.scope', 'system', true)`;
  if (!UUID.test(tenancy.organizationId)) throw new Error('Tenancy: organisation id is not a UUID');
  return `SELECT set_config('app.organization_id', '${tenancy.organizationId}', true)`;
}

/**
 * What starts each transaction's work: the role to act as (`SET LOCAL ROLE`, when the connection is
 * the owner's) and the tenancy; null for nothing.
 */
export function transactionPrelude(role: string | null, tenancy: Tenancy | null): string | null {
  if (role !== null && !/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error('Tenancy: bad role name');
  const parts = [role ? `SET LOCAL ROLE ${role}` : null, tenancyStatement(tenancy)].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : null;
}

const roles = new WeakMap<DataSource, string | null>();

/** The prelude of a transaction opened by hand on a connection of `dataSource` (COPY, see open data). */
export function preludeFor(dataSource: DataSource, tenancy: Tenancy): string {
  return transactionPrelude(roles.get(dataSource) ?? null, tenancy)!;
}

/**
 * What makes a connection of `dataSource` act as its runtime role for the rest of a transaction
 * (`SET LOCAL ROLE`, only when the connection is the owner's); null for nothing to do. For statements
 * sent by hand on tables outside row-level security (the attachment store's COPY).
 */
export function rolePreludeFor(dataSource: DataSource): string | null {
  return transactionPrelude(roles.get(dataSource) ?? null, null);
}

/** A DataSource of the owner (migrations, seeding, commands): every transaction in the system scope. */
export function systemDataSource(options: DataSourceOptions): DataSource {
  return enforceTenancy(new DataSource(options), 'system');
}

interface PgResult {
  command: string;
  rows: unknown[];
  rowCount: number | null;
}
interface PgClient {
  query(text: string, values?: unknown[]): Promise<PgResult | PgResult[]>;
}
type Query = (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
type Runner = Omit<QueryRunner, 'isTransactionActive' | 'query'> & {
  isTransactionActive: boolean;
  query: Query;
  transactionDepth: number;
  broadcaster: { broadcast(event: string): Promise<void> };
  connect(): Promise<PgClient>;
};

/**
 * Makes every query runner of `dataSource` send the current tenancy (and `role`, to act as) with each
 * transaction and each autocommit statement. `fallback` applies where the running code chose none
 * (null: none, fail closed).
 */
export function enforceTenancy(
  dataSource: DataSource,
  fallback: Tenancy | null = null,
  role: string | null = null,
): DataSource {
  roles.set(dataSource, role);
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  const tenancy = () => transactionPrelude(role, currentTenancy() ?? fallback);
  driver.createQueryRunner = (mode: string) => {
    const runner = create(mode) as unknown as Runner;
    const query = runner.query.bind(runner);
    const startTransaction = runner.startTransaction.bind(runner);

    runner.startTransaction = async (isolationLevel) => {
      const set = runner.transactionDepth === 0 ? tenancy() : null;
      if (!set) return startTransaction(isolationLevel);
      const level = isolationLevel ?? dataSource.options.isolationLevel;
      runner.isTransactionActive = true;
      try {
        await runner.broadcaster.broadcast('BeforeTransactionStart');
        await query(`START TRANSACTION${level ? ` ISOLATION LEVEL ${level}` : ''}; ${set}`);
      } catch (error) {
        runner.isTransactionActive = false;
        throw error;
      }
      runner.transactionDepth += 1;
      await runner.broadcaster.broadcast('AfterTransactionStart');
    };

    runner.query = async (sql: string, parameters?: unknown[], structured = false) => {
      const set = runner.isTransactionActive ? null : tenancy();
      if (!set) return query(sql, parameters, structured);
      const inlined = inlineParameters(sql, parameters ?? []);
      if (inlined === null) {
        // a large binary parameter: its own short transaction, the parameter sent as binary
        await query(`START TRANSACTION; ${set}`);
        try {
          const result: unknown = await query(sql, parameters, structured);
          await query('COMMIT');
          return result;
        } catch (error) {
          await query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
      const client = await runner.connect();
      let raw: PgResult;
      try {
        const results = await client.query(`${set}; ${inlined}`);
        raw = (Array.isArray(results) ? results.at(-1) : results)!;
      } catch (error) {
        throw new QueryFailedError(sql, parameters, error as Error);
      }
      return shaped(raw, structured);
    };
    return runner as unknown as QueryRunner;
  };
  return dataSource;
}

/** What TypeORM's PostgresQueryRunner.query returns for a node-postgres result. */
function shaped(raw: PgResult, structured: boolean): unknown {
  const value = raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows;
  if (!structured) return value;
  return { records: raw.rows, affected: raw.rowCount ?? undefined, raw: value };
}

/**
 * `sql` with its `$n` placeholders replaced by quoted literals of `parameters`, converted to text as
 * node-postgres converts them (dates, arrays, JSON, Buffers as bytea hex). Placeholders are found
 * outside quoted strings, quoted identifiers, dollar-quoted bodies and comments. Null when a binary
 * parameter is too large to be worth writing as text.
 */
export function inlineParameters(sql: string, parameters: unknown[]): string | null {
  if (parameters.length === 0) return sql;
  const prepared = parameters.map(prepareValue);
  // decided before any conversion: a megabyte written out as hex text would cost more than the round trips
  const binary = prepared.reduce((n, text) => n + (Buffer.isBuffer(text) ? text.length : 0), 0);
  if (binary > INLINE_BINARY_LIMIT) return null;
  const literals = prepared.map((text) => {
    if (text === null) return 'NULL';
    // escapeLiteral's answer for `\x<hex>`, without its loop per character over up to 32 KB of hex
    if (Buffer.isBuffer(text)) return ` E'\\\\x${text.toString('hex')}'`;
    // escapeLiteral's answer for a text with no quote or backslash, without its loop per character
    return NEEDS_ESCAPE.test(text) ? escapeLiteral(text) : `'${text}'`;
  });
  const { texts, slots } = placeholdersOf(sql);
  let out = texts[0];
  for (let k = 0; k < slots.length; k++) {
    if (slots[k] >= literals.length) throw new Error(`Tenancy: no value for placeholder $${slots[k] + 1}`);
    out += literals[slots[k]] + texts[k + 1];
  }
  return out;
}

/** A statement cut at its placeholders: texts[0], $slots[0], texts[1], … (slots count from 0). */
interface Placeholders {
  texts: string[];
  slots: number[];
}

// The service sends the same few hundred statements again and again (a filing's is 2.5 KB): each is
// scanned once. Bounded in number, as statements with a list of values differ by their number of
// placeholders, and in size: a statement longer than 16 KB (a long list) is scanned each time.
const scanned = new Map<string, Placeholders>();
const SCANNED_LIMIT = 2000;
const SCANNED_MAX_LENGTH = 16 * 1024;

function placeholdersOf(sql: string): Placeholders {
  let found = scanned.get(sql);
  if (!found) {
    found = scanPlaceholders(sql);
    if (sql.length > SCANNED_MAX_LENGTH) return found;
    if (scanned.size >= SCANNED_LIMIT) scanned.delete(scanned.keys().next().value!);
    scanned.set(sql, found);
  }
  return found;
}

function scanPlaceholders(sql: string): Placeholders {
  const texts: string[] = [];
  const slots: number[] = [];
  let text = '';
  let i = 0;
  while (i < sql.length) {
    // plain text up to the next character that may start a placeholder, string or comment, in one piece
    PLAIN_UNTIL.lastIndex = i;
    const stop = PLAIN_UNTIL.exec(sql)?.index ?? sql.length;
    if (stop > i) {
      text += sql.slice(i, stop);
      i = stop;
      continue;
    }
    const c = sql[i];
    const next = sql[i + 1];
    let end = i + 1;
    if (c === "'" || c === '"') {
      end = sql.indexOf(c, i + 1);
      // a doubled quote continues the string
      while (end !== -1 && sql[end + 1] === c) end = sql.indexOf(c, end + 2);
      end = end === -1 ? sql.length : end + 1;
    } else if (c === '-' && next === '-') {
      end = sql.indexOf('\n', i);
      end = end === -1 ? sql.length : end;
    } else if (c === '/' && next === '*') {
      end = sql.indexOf('*/', i + 2);
      end = end === -1 ? sql.length : end + 2;
    } else if (c === '$' && /[0-9]/.test(next ?? '')) {
      PLACEHOLDER.lastIndex = i;
      const digits = PLACEHOLDER.exec(sql)!;
      texts.push(text);
      slots.push(Number(digits[1]) - 1);
      text = '';
      i += digits[0].length;
      continue;
    } else if (c === '$') {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql);
      if (tag && !/[A-Za-z_0-9]/.test(sql[i - 1] ?? '')) {
        end = sql.indexOf(tag[0], i + tag[0].length);
        end = end === -1 ? sql.length : end + tag[0].length;
      }
    }
    text += sql.slice(i, end);
    i = end;
  }
  texts.push(text);
  return { texts, slots };
}

const PLAIN_UNTIL = /['"\-/$]/g;
const NEEDS_ESCAPE = /['\\]/;
// sticky: matched where lastIndex says, on the statement itself (a regular expression run on a slice
// of the rest of a long statement copies it, at every placeholder)
const PLACEHOLDER = /\$([0-9]+)/y;
const DOLLAR_TAG = /\$[A-Za-z_][A-Za-z_0-9]*\$|\$\$/y;

// node-postgres' conversion of a parameter to its text (or Buffer) form
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): string | Buffer | null };
