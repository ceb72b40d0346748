import { Writable } from 'node:stream';
import { Role } from '../src/users/roles';
import { ownerQuery } from './helpers/databases';
import { createOfficer, Officer } from './helpers/officers';
import { createTestApp, TestApp } from './helpers/test-app';

/** A complaint full of personal data, and a database that refuses it (a check added for the test). */
const PERSON = {
  name: 'นางสาวข้อมูล รั่วไหลไม่ได้',
  phone: '086-551-9034',
  email: 'leak.probe.4471@example.org',
  address: 'บ้านเลขที่ 99/7 ซอยทดสอบความลับ',
};
const complaint = (description: string) => ({
  categoryCode: 'roads',
  subject: 'ถนนชำรุดหน้าบ้านผู้ร้อง',
  description,
  location: { address: PERSON.address, village: 'หมู่ 5' },
  complainant: { name: PERSON.name, phone: PERSON.phone, email: PERSON.email, consentToContact: true },
});

describe('issue 12 item 1: an error of ours logs no personal data', () => {
  let t: TestApp;
  let officer: Officer;
  const lines: string[] = [];
  const failedRequests: { requestId: string; status: number }[] = [];

  beforeAll(async () => {
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    t = await createTestApp({ LOG_LEVEL: 'info' }, { logDestination: capture });
    // an officer of the roads' unit: the filing's statement carries their address (the new-case notice)
    officer = await createOfficer(t, await t.login(), [Role.Officer], 'engineering');
    // the database refuses every new complaint: PostgreSQL's error quotes the whole failing row
    // (as the tables' owner: the service's role may not alter them)
    await ownerQuery(
      t.database,
      `ALTER TABLE complaints ADD CONSTRAINT ck_test_refuse_all CHECK (subject = 'never') NOT VALID`,
    );
    const file = async (description: string, key: string) => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/orgs/demo/complaints',
        payload: complaint(description),
        headers: { 'idempotency-key': key },
      });
      failedRequests.push({ requestId: String(res.headers['x-request-id']), status: res.statusCode });
    };
    await file('ถนนเป็นหลุมลึก รถจักรยานยนต์ล้มทุกวัน', 'leak-probe-key-0001');
    await ownerQuery(t.database, `ALTER TABLE complaints DROP CONSTRAINT ck_test_refuse_all`);
    // and the NUL byte of the report: refused as input, or failing in the database, it logs nothing personal
    await file('มี\u0000อักขระศูนย์', 'leak-probe-key-0002');
  });
  afterAll(() => t.close());

  it('the database error became a 500, logged once by class, code, constraint and request id', async () => {
    expect(failedRequests[0].status).toBe(500);
    const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request failed');
    expect(failures[0]).toEqual(
      expect.objectContaining({
        level: 50,
        context: 'Errors',
        requestId: failedRequests[0].requestId,
        errorName: 'QueryFailedError',
        errorCode: '23514',
        constraint: 'ck_test_refuse_all',
      }),
    );
    // no message, stack text, query, parameters or detail: only code locations beside the names
    for (const key of ['err', 'error', 'message', 'stack', 'query', 'parameters', 'detail', 'driverError'])
      expect(failures[0]).not.toHaveProperty(key);
    expect(failures[0].frames.every((f: string) => f.startsWith('at '))).toBe(true);
    expect(Object.keys(failures[0].req ?? {}).sort()).toEqual(failures[0].req ? ['id', 'method', 'url'] : []);
    expect(failedRequests[1].status === 400 || failedRequests[1].status === 500).toBe(true);
    // nothing was half-written
    expect(await t.db.query(`SELECT id FROM complaints WHERE subject = 'ถนนชำรุดหน้าบ้านผู้ร้อง'`)).toEqual([]);
  });

  it('no log line holds the complainant’s data, the officer’s address, the text or the idempotency key', () => {
    const log = lines.join('\n');
    expect(log).toContain('ck_test_refuse_all'); // the search below looks at what was logged
    for (const [what, value] of [
      ...Object.entries(PERSON),
      ['officer e-mail', officer.email],
      ['description', 'ถนนเป็นหลุมลึก'],
      ['subject', 'ถนนชำรุดหน้าบ้านผู้ร้อง'],
      ['key', 'leak-probe-key'],
      ['NUL text', 'อักขระศูนย์'],
      ['SQL', 'INSERT'],
      ['failing row', 'Failing row'],
    ]) {
      expect({ what, found: log.includes(value) }).toEqual({ what, found: false });
    }
    // the tracking code made for the refused complaint (its form: 3 groups of 4 of the code's alphabet),
    // standing alone: inside a request id's UUID, digits like "…4657-9467-4438-…" have the same form
    expect(
      log.match(/(?<![\w-])[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}(?![\w-])/g),
    ).toBeNull();
  });
});
