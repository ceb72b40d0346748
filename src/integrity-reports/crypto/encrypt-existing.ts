import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { dataSourceOptions } from '../../infrastructure/database/data-source-options';
import { systemDataSource } from '../../infrastructure/database/tenancy';
import { Role } from '../../users/roles';
import { IntegrityReporterIdentity } from '../entities/integrity-reporter-identity.entity';
import { AccusedPerson, Evidence, WorkflowRecord } from '../entities/integrity-report.entity';
import { IdentityStore } from '../identity-store';
import { IntegritySecrets } from '../integrity-secrets';
import { accessCondition } from '../report-access';
import { newKey } from './envelope';
import { sealContents, sealMessage, sealNote, sealParticulars, splitParticulars } from './report-contents';
import { publicKeysOf } from './officer-keyring';
import { wrapTo } from './report-keys';

export interface EncryptionRun {
  /** reports moved into the new scheme by this run */
  encrypted: number;
  /**
   * reports left as they were, because no integrity officer with access (or, for one with an
   * identity, no custodian) has a key pair yet: run again once they have signed in.
   */
  waiting: number;
}

interface LegacyReport {
  id: string;
  organization_id: string;
  description: string | null;
  accused: AccusedPerson | null;
  incident_period: string | null;
  place: string | null;
  evidence: Evidence | null;
  workflow: WorkflowRecord;
}

/**
 * `node dist/src/main.js encrypt-integrity-reports` (npm run integrity:encrypt): moves reports filed
 * before issue 11 into the encrypted scheme. Each gets its own data key, wrapped to the integrity
 * officers who have access and a key pair; contents, messages and notes are sealed with it and their
 * plain columns emptied; an identity (under IDENTITY_KEYS until now) is sealed under its two halves,
 * the identity half wrapped to the custodians who have key pairs. The receipt is unknown, so the
 * reporter's wrap is completed later: at the reporter's next sign-in their key is left wrapped to the
 * officers, and the next officer who opens the report seals the data key under it. Safe to run while
 * the service runs (row locks), and to run again.
 */
export async function encryptExistingReports(config: AppConfig): Promise<EncryptionRun> {
  const db = systemDataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await db.initialize();
  try {
    const run = await new ReportEncryption(db, new IdentityStore(db, new IntegritySecrets(config))).run();
    new Logger('Integrity').log(
      `Encrypted ${run.encrypted} integrity reports; ${run.waiting} wait for their officers' or custodians' key pairs`,
    );
    return run;
  } finally {
    await db.destroy();
  }
}

export class ReportEncryption {
  constructor(
    private readonly db: DataSource,
    private readonly identities: IdentityStore,
  ) {}

  async run(): Promise<EncryptionRun> {
    const run: EncryptionRun = { encrypted: 0, waiting: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const reports: LegacyReport[] = await tx.query(
          `SELECT id, organization_id, description, accused, incident_period, place, evidence, workflow
           FROM integrity_reports WHERE sealed_contents IS NULL AND id > $1
           ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED`,
          [after],
        );
        for (const report of reports) {
          if (await this.encrypt(tx, report)) run.encrypted += 1;
          else run.waiting += 1;
        }
        return reports;
      });
      if (batch.length === 0) return run;
      after = batch.at(-1)!.id;
    }
  }

  /** One report, in the caller's transaction; false (and nothing changed) when no one could read it. */
  private async encrypt(tx: EntityManager, legacy: LegacyReport): Promise<boolean> {
    const report = { id: legacy.id, organizationId: legacy.organization_id };
    const identityRow = await tx.getRepository(IntegrityReporterIdentity).findOneBy({ reportId: report.id });
    const identity = identityRow ? this.identities.openLegacy(identityRow, report) : null;
    const readers = await this.readers(tx, report);
    const custodians = identity ? await this.identities.custodians(tx, report.organizationId, report.id) : [];
    // nothing may become unreadable: without a reader's (or custodian's) key pair, leave it for later
    if ((await publicKeysOf(tx, readers)).size === 0) return false;
    if (identity && (await publicKeysOf(tx, custodians)).size === 0) return false;
    const dataKey = newKey();
    await wrapTo(tx, report, 'data', dataKey, readers);
    if (identity) {
      const half = await this.identities.seal(tx, report, identity, { dataKey, reporterKek: null });
      await wrapTo(tx, report, 'identity', half, custodians);
    }
    const particulars = splitParticulars(legacy.workflow);
    await tx.query(
      `UPDATE integrity_reports SET sealed_contents = $2, reporter_key_salt = $3, description = NULL,
         accused = NULL, incident_period = NULL, place = NULL, evidence = NULL,
         workflow = $4, sealed_particulars = $5 WHERE id = $1`,
      [
        report.id,
        sealContents(dataKey, report.id, {
          description: legacy.description ?? '',
          accused: legacy.accused,
          incidentPeriod: legacy.incident_period,
          place: legacy.place,
          evidence: legacy.evidence,
        }),
        randomBytes(16),
        particulars.plain,
        sealParticulars(dataKey, report.id, particulars.secret),
      ],
    );
    const messages: { id: string; seq: number; body: string }[] = await tx.query(
      `SELECT id, seq, body FROM integrity_report_messages WHERE report_id = $1 AND sealed_body IS NULL`,
      [report.id],
    );
    for (const m of messages) {
      await tx.query(`UPDATE integrity_report_messages SET sealed_body = $2, body = NULL WHERE id = $1`, [
        m.id,
        sealMessage(dataKey, report.id, m.seq, m.body ?? ''),
      ]);
    }
    const notes: { id: string; body: string }[] = await tx.query(
      `SELECT id, body FROM integrity_report_notes WHERE report_id = $1 AND sealed_body IS NULL`,
      [report.id],
    );
    for (const n of notes) {
      await tx.query(`UPDATE integrity_report_notes SET sealed_body = $2, body = NULL WHERE id = $1`, [
        n.id,
        sealNote(dataKey, report.id, n.id, n.body ?? ''),
      ]);
    }
    return true;
  }

  /** Integrity officers who may read the report now (the access policy), whether or not they have keys. */
  private async readers(
    tx: EntityManager,
    report: { id: string; organizationId: string },
  ): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT u.id FROM users u
       WHERE u.organization_id = $2 AND u.is_active AND $3 = ANY(u.roles)
         AND EXISTS (SELECT 1 FROM integrity_reports r WHERE r.id = $1 AND ${accessCondition('u.id')})`,
      [report.id, report.organizationId, Role.IntegrityOfficer],
    );
    return rows.map((r) => r.id);
  }
}
