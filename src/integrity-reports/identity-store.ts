import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RecipientResolver, RecipientResolvers, ResolvedContact } from '../notifications/recipient-resolvers';
import { ReporterIdentityDto } from './dto/reporter.dto';
import { IntegrityReporterIdentity } from './entities/integrity-reporter-identity.entity';
import { IntegrityReport } from './entities/integrity-report.entity';
import { IntegritySecrets } from './integrity-secrets';

/** A reporter's identity as stored (encrypted) and as disclosed. */
export interface ReporterIdentity {
  name: string | null;
  phone: string | null;
  email: string | null;
  nationalId: string | null;
  consentToContact: boolean;
}

/** Binds a ciphertext to its report: moved to another row it no longer opens. */
const associatedData = (report: Pick<IntegrityReport, 'id' | 'organizationId'>) =>
  `integrity-reporter-identity|${report.organizationId}|${report.id}`;

/**
 * Reporters' identities, encrypted with the identity key ring and kept in their own table. Only two
 * callers open them: an approved custodian request (IdentityDisclosureService) and the mail sender
 * asking for the e-mail of a reporter who consented to notices (ReporterContacts).
 */
@Injectable()
export class IdentityStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: IntegritySecrets,
  ) {}

  async store(tx: EntityManager, report: IntegrityReport, given: ReporterIdentityDto): Promise<void> {
    const identity: ReporterIdentity = {
      name: given.name || null,
      phone: given.phone || null,
      email: given.email || null,
      nationalId: given.nationalId || null,
      consentToContact: given.consentToContact === true,
    };
    const sealed = this.secrets.vault.seal(JSON.stringify(identity), associatedData(report));
    await tx.insert(IntegrityReporterIdentity, { reportId: report.id, ...sealed });
  }

  async open(
    tx: EntityManager,
    report: Pick<IntegrityReport, 'id' | 'organizationId'>,
  ): Promise<ReporterIdentity | null> {
    const row = await tx.getRepository(IntegrityReporterIdentity).findOneBy({ reportId: report.id });
    if (!row) return null;
    return JSON.parse(this.secrets.vault.open(row, associatedData(report))) as ReporterIdentity;
  }

  /**
   * Re-encrypts every identity not yet under the current key (after IDENTITY_KEY_CURRENT changed);
   * returns how many were rewritten. Afterwards the old key can be removed from IDENTITY_KEYS.
   */
  async reencryptAll(): Promise<number> {
    const current = this.secrets.vault.currentKey;
    let count = 0;
    for (;;) {
      const done = await this.db.transaction(async (tx) => {
        const rows: { report_id: string; organization_id: string }[] = await tx.query(
          `SELECT i.report_id, r.organization_id FROM integrity_reporter_identities i
           JOIN integrity_reports r ON r.id = i.report_id
           WHERE i.key_id <> $1 LIMIT 100 FOR UPDATE OF i`,
          [current],
        );
        for (const row of rows) {
          const report = { id: row.report_id, organizationId: row.organization_id };
          const identity = await this.open(tx, report);
          const sealed = this.secrets.vault.seal(JSON.stringify(identity), associatedData(report));
          await tx.update(IntegrityReporterIdentity, { reportId: report.id }, sealed);
        }
        return rows.length;
      });
      count += done;
      if (done === 0) return count;
    }
  }
}

/** The recipient reference of a reporter in the outbox: `{ type: REPORTER_CONTACT, id: reportId }`. */
export const REPORTER_CONTACT = 'integrity_report';

/**
 * For the notifications worker: where to send "there is an update", resolved just before sending
 * (registered with RecipientResolvers), so that the outbox holds the report id and never the address.
 */
@Injectable()
export class ReporterContacts implements RecipientResolver, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly identities: IdentityStore,
    private readonly resolvers: RecipientResolvers,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(REPORTER_CONTACT, this);
  }

  async resolve(reportId: string): Promise<ResolvedContact | null> {
    const email = await this.emailForNotices(reportId);
    return email ? { email } : null;
  }

  /** The reporter's e-mail if they gave one and agreed to notices; otherwise null. */
  async emailForNotices(reportId: string): Promise<string | null> {
    const report = await this.db.getRepository(IntegrityReport).findOneBy({ id: reportId });
    if (!report) return null;
    const identity = await this.identities.open(this.db.manager, report);
    return identity?.consentToContact && identity.email ? identity.email : null;
  }
}
