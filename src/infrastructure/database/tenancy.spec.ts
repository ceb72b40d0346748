import { inlineParameters, tenancyStatement, transactionPrelude } from './tenancy';

describe('tenancy: the settings and the autocommit statement written in one simple query', () => {
  it('sets the organisation or the system scope for the transaction only, and refuses a non-UUID', () => {
    expect(tenancyStatement(null)).toBeNull();
    expect(tenancyStatement('system')).toBe(`SELECT set_config('app.scope', 'system', true)`);
    expect(tenancyStatement({ organizationId: '0f8b1c2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b' })).toBe(
      `SELECT set_config('app.organization_id', '0f8b1c2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b', true)`,
    );
    expect(() => tenancyStatement({ organizationId: "x'); DROP TABLE users; --" })).toThrow(/not a UUID/);
  });

  it('switches to the role for the transaction when the connection is the owner', () => {
    expect(transactionPrelude('rongrian_app', 'system')).toBe(
      `SET LOCAL ROLE rongrian_app; SELECT set_config('app.scope', 'system', true)`,
    );
    expect(transactionPrelude(null, 'system')).toBe(`SELECT set_config('app.scope', 'system', true)`);
    expect(transactionPrelude('rongrian_app', null)).toBe('SET LOCAL ROLE rongrian_app');
    expect(transactionPrelude(null, null)).toBeNull();
    expect(() => transactionPrelude('x; DROP TABLE users', null)).toThrow(/bad role/);
  });

  it('writes each parameter as a quoted literal in node-postgres text form', () => {
    const at = new Date('2026-12-01T03:04:05.006Z');
    expect(
      inlineParameters('SELECT $1, $2, $3, $4, $5, $6, $7', [
        "O'Brien",
        42,
        true,
        null,
        ['a', 'b"c'],
        { k: "it's" },
        Buffer.from([1, 255]),
      ]),
    ).toBe(
      // a backslash makes node-postgres write an E'' string (whatever standard_conforming_strings says)
      `SELECT 'O''Brien', '42', 'true', NULL,  E'{"a","b\\\\"c"}', '{"k":"it''s"}',  E'\\\\x01ff'`,
    );
    expect(inlineParameters('SELECT $1::timestamptz', [at])).toMatch(
      /^SELECT '2026-12-01T\d\d:04:05\.006[+-]\d\d:\d\d'::timestamptz$/,
    );
  });

  it('replaces $10 as itself, not as $1 followed by 0', () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParameters('SELECT $10, $1', values)).toBe(`SELECT 'v10', 'v1'`);
  });

  it('leaves placeholders alone inside strings, quoted names, comments and dollar-quoted bodies', () => {
    const sql = `SELECT '$1', 'it''s $1', "col$1", $1 -- $1
      /* $1 */ , $$ $1 $$, $tag$ $1 $tag$, jsonb_path_query(x, '$.a'), $2`;
    expect(inlineParameters(sql, ['A', 'B'])).toBe(
      `SELECT '$1', 'it''s $1', "col$1", 'A' -- $1
      /* $1 */ , $$ $1 $$, $tag$ $1 $tag$, jsonb_path_query(x, '$.a'), 'B'`,
    );
  });

  it.each([
    ['$1', ['a'], ['b'], `'a'`, `'b'`],
    [
      'SELECT $2, $1, $2',
      ['x', 'y'],
      [null, `it's`],
      `SELECT 'y', 'x', 'y'`,
      `SELECT 'it''s', NULL, 'it''s'`,
    ],
    ['SELECT $1 /* $2 */', ['x'], ['z'], `SELECT 'x' /* $2 */`, `SELECT 'z' /* $2 */`],
  ])('%s sent again (its scan remembered) takes the new values', (sql, first, second, once, again) => {
    expect(inlineParameters(sql, first)).toBe(once);
    expect(inlineParameters(sql, second)).toBe(again);
  });

  it('inlines a statement too long to remember (a long list of values) all the same', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `v${i}`);
    const sql = `SELECT x FROM t WHERE y IN (${values.map((_, i) => `$${i + 1}`).join(', ')})`;
    expect(sql.length).toBeGreaterThan(16 * 1024);
    const expected = `SELECT x FROM t WHERE y IN (${values.map((v) => `'${v}'`).join(', ')})`;
    expect(inlineParameters(sql, values)).toBe(expected);
    expect(inlineParameters(sql, values)).toBe(expected);
  });

  it('fails on a missing value in a statement it has scanned before', () => {
    expect(inlineParameters('SELECT $1, $3', ['a', 'b', 'c'])).toBe(`SELECT 'a', 'c'`);
    expect(() => inlineParameters('SELECT $1, $3', ['a', 'b'])).toThrow(/no value for placeholder \$3/);
  });

  it('keeps a statement with a large binary parameter for the extended protocol, and fails on a missing value', () => {
    expect(inlineParameters('INSERT INTO t VALUES ($1)', [Buffer.alloc(64 * 1024)])).toBeNull();
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow(/no value for placeholder \$2/);
    expect(inlineParameters('SELECT 1', [])).toBe('SELECT 1');
  });

  it('decides that a binary parameter is too large before converting anything to text', () => {
    // a megabyte written out as hex and escaped cost 44-55 ms per upload (bench/attachments.bench.ts)
    const pieces = [Buffer.alloc(256 * 1024, 1), Buffer.alloc(256 * 1024, 2)];
    const hex = pieces.map((piece) => jest.spyOn(piece, 'toString'));
    expect(inlineParameters('INSERT INTO t VALUES ($1, $2, $3)', [...pieces, 'label'])).toBeNull();
    for (const spy of hex) expect(spy).not.toHaveBeenCalled();
  });
});
