/**
 * What encryption costs an integrity officer's reads, against the same reads without decryption,
 * measured in the same run on the same rows (real PostgreSQL and Redis, in process):
 *  - opening one report: the access-checked report row, the officer's wrapped data key, the messages
 *    and notes; encrypted, plus one Redis GET of the session's sealed private key, one AES open of it,
 *    one X25519 unwrap, and the AES opens of the contents, 6 messages and 2 notes;
 *  - listing 1,000 reports with their contents: the same rows and wrapped keys; encrypted, plus one
 *    private key and 1,000 unwraps and opens (the officers' list itself shows only plain metadata).
 * The Argon2id unlock happens at sign-in, never per read. Target: opening ≥ 0.5× plain.
 *
 *   npx ts-node --transpile-only bench/integrity-crypto.bench.ts [seconds per scenario, default 8]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service';
import { Actor } from '../src/common/auth/actor';
import { loadConfig } from '../src/config/app-config';
import { createHttpApp } from '../src/infrastructure/http/create-http-app';
import { prepareDatabase } from '../src/infrastructure/startup';
import { OfficerKeyring } from '../src/integrity-reports/crypto/officer-keyring';
import {
  openContents,
  openMessage,
  openNote,
  sealContents,
  sealMessage,
  sealNote,
} from '../src/integrity-reports/crypto/report-contents';
import { ReportKeys, wrapPlace, wrapTo } from '../src/integrity-reports/crypto/report-keys';
import { newKey, unwrap } from '../src/integrity-reports/crypto/envelope';
import { accessCondition } from '../src/integrity-reports/report-access';
import { AccountLinksService } from '../src/users/account-links.service';
import { Role } from '../src/users/roles';
import { LoadResult, printResults, runLoad } from './lib/load';
import { Scratch } from './lib/scratch';

const SECONDS = Number(process.argv[2] ?? 8);
const REPORTS = 1000;
const CONCURRENCY = 8;
const TEXT = 'ปลัดเรียกรับเงินจากผู้รับเหมาเพื่อให้ผ่านการตรวจรับงานถนน พร้อมรายละเอียดวันเวลาและสถานที่ '.repeat(6);

async function main(): Promise<void> {
  const scratch = new Scratch();
  try {
    const config = loadConfig(
      scratch.env({ LOG_LEVEL: 'silent', APP_ROLE: 'api', DATABASE_POOL_SIZE: '10' }),
    );
    await prepareDatabase(config, { migrate: true });
    const app = await createHttpApp(config);
    try {
      await run(app.get(DataSource), app);
    } finally {
      await app.close();
    }
  } finally {
    await scratch.cleanup();
  }
}

async function run(db: DataSource, app: Awaited<ReturnType<typeof createHttpApp>>): Promise<void> {
  const inject = app.inject.bind(app);
  const login = async (email: string, password: string) =>
    (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })).json() as {
      accessToken: string;
    };
  // the first-run administrator is made as the application starts; wait for it
  let admin = await login('admin@bench.local', 'bench-admin-password');
  for (let i = 0; i < 20 && !admin.accessToken; i++) {
    await new Promise((r) => setTimeout(r, 250));
    admin = await login('admin@bench.local', 'bench-admin-password');
  }
  if (!admin.accessToken) throw new Error(`admin sign-in failed: ${JSON.stringify(admin)}`);
  const created = await inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { authorization: `Bearer ${admin.accessToken}` },
    payload: { email: 'io@bench.local', displayName: 'เจ้าหน้าที่', roles: [Role.IntegrityOfficer] },
  });
  const officerId = created.json().id as string;
  // seeded: the second person's approval of the role, and the officer's own password through the
  // invitation link (the bench measures reading, not appointing)
  await db.query(`UPDATE users SET roles = $2 WHERE id = $1`, [officerId, [Role.IntegrityOfficer]]);
  const [link]: { id: string }[] = await db.query(
    `SELECT id FROM account_links WHERE user_id = $1 AND used_at IS NULL ORDER BY created_at DESC LIMIT 1`,
    [officerId],
  );
  const links = app.get(AccountLinksService);
  await links.complete(links.tokenFor(link.id), 'bench-officer-password', 'bench');
  const { accessToken } = await login('io@bench.local', 'bench-officer-password');
  if (!accessToken) throw new Error(`sign-in failed: ${created.body}`);
  const actor: Actor = await app.get(AuthService).authenticate(accessToken, 'bench');
  const keys = app.get(ReportKeys);
  const keyring = app.get(OfficerKeyring);

  const [{ id: org }] = await db.query(`SELECT id FROM organizations LIMIT 1`);
  const ids: string[] = [];
  console.log(`seeding ${REPORTS} reports (6 messages, 2 notes each)…`);
  for (let i = 0; i < REPORTS; i++) {
    const id = randomUUID();
    const dataKey = newKey();
    ids.push(id);
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO integrity_reports (id, organization_id, number, fiscal_year, receipt_hash, kind,
           allegation_type_code, received_on, sealed_contents, last_message_seq)
         VALUES ($1, $2, $3, 2569, $4, 'tip', 'bribery_extortion', current_date, $5, 6)`,
        [
          id,
          org,
          `IR-2569-${String(i + 1).padStart(4, '0')}`,
          randomBytes(32).toString('base64url'),
          sealContents(dataKey, id, {
            description: TEXT,
            accused: { name: 'นายตัวอย่าง', position: 'ปลัด' },
            incidentPeriod: null,
            place: 'สำนักงาน',
            evidence: { description: 'สลิป' },
          }),
        ],
      );
      for (let seq = 1; seq <= 6; seq++) {
        await tx.query(
          `INSERT INTO integrity_report_messages (report_id, organization_id, seq, author, sealed_body, sent_on)
           VALUES ($1, $4, $2, 'reporter', $3, current_date)`,
          [id, seq, sealMessage(dataKey, id, seq, TEXT), org],
        );
      }
      for (let n = 0; n < 2; n++) {
        const noteId = randomUUID();
        await tx.query(
          `INSERT INTO integrity_report_notes (id, report_id, organization_id, author_user_id, sealed_body)
           VALUES ($1, $2, $5, $3, $4)`,
          [noteId, id, officerId, sealNote(dataKey, id, noteId, TEXT), org],
        );
      }
      await tx.query(
        `INSERT INTO integrity_report_access (report_id, organization_id, user_id, status)
         VALUES ($1, $3, $2, 'granted')`,
        [id, officerId, org],
      );
      await wrapTo(tx, { id, organizationId: org }, 'data', dataKey, [officerId]);
    });
  }

  /** The reads of opening a report; `decrypt` adds the key and the opens. */
  const openReport = async (id: string, decrypt: boolean) => {
    const [report] = await db.query(
      `SELECT r.id, r.sealed_contents FROM integrity_reports r
       WHERE r.id = $1 AND r.organization_id = $2 AND ${accessCondition('$3')}`,
      [id, org, officerId],
    );
    const dataKey = decrypt
      ? await keys.dataKey(db.manager, actor, id)
      : (
          await db.query(
            `SELECT wrapped FROM integrity_report_keys WHERE report_id = $1 AND user_id = $2 AND secret = 'data'`,
            [id, officerId],
          )
        )[0].wrapped;
    const messages: { seq: number; sealed_body: Buffer }[] = await db.query(
      `SELECT seq, sealed_body FROM integrity_report_messages WHERE report_id = $1 ORDER BY seq`,
      [id],
    );
    const notes: { id: string; sealed_body: Buffer }[] = await db.query(
      `SELECT id, sealed_body FROM integrity_report_notes WHERE report_id = $1 ORDER BY created_at`,
      [id],
    );
    if (!decrypt) return;
    openContents(dataKey, id, report.sealed_contents);
    for (const m of messages) openMessage(dataKey, id, m.seq, m.sealed_body);
    for (const n of notes) openNote(dataKey, id, n.id, n.sealed_body);
  };

  /** 1,000 reports with their contents; `decrypt` adds one private key and 1,000 unwraps and opens. */
  const listReports = async (decrypt: boolean) => {
    const rows: { id: string; sealed_contents: Buffer; wrapped: Buffer }[] = await db.query(
      `SELECT r.id, r.number, r.kind, r.status, r.received_on, r.sealed_contents, k.wrapped
       FROM integrity_reports r JOIN integrity_report_keys k ON k.report_id = r.id AND k.user_id = $2 AND k.secret = 'data'
       WHERE r.organization_id = $1 AND ${accessCondition('$2')} ORDER BY r.number LIMIT ${REPORTS}`,
      [org, officerId],
    );
    if (rows.length !== REPORTS) throw new Error(`listed ${rows.length}`);
    if (!decrypt) return;
    const privateKey = await keyring.privateKey(actor);
    for (const r of rows) {
      openContents(
        unwrap(privateKey, r.wrapped, wrapPlace('data', r.id, officerId)),
        r.id,
        r.sealed_contents,
      );
    }
  };

  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  await runLoad('warm-up', CONCURRENCY, 2, async () => openReport(pick(), true));
  const rows: LoadResult[] = [];
  const ratios: string[] = [];
  for (const [label, task, concurrency] of [
    ['open one report', (decrypt: boolean) => openReport(pick(), decrypt), CONCURRENCY],
    [`list ${REPORTS} reports with contents`, (decrypt: boolean) => listReports(decrypt), 2],
  ] as const) {
    const plain = await runLoad(`${label}: plain`, concurrency, SECONDS, () => task(false));
    const encrypted = await runLoad(`${label}: decrypted`, concurrency, SECONDS, () => task(true));
    rows.push(plain, encrypted);
    ratios.push(
      `${label}: decrypted / plain throughput = ${(encrypted.perSecond / plain.perSecond).toFixed(2)}×`,
    );
  }
  printResults(rows);
  for (const r of ratios) console.log(r);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
