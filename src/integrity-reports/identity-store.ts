import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RecipientResolver, RecipientResolvers, ResolvedContact } from '../notifications/recipient-resolvers';
import { ReporterIdentityDto } from './dto/reporter.dto';
import { Role } from '../users/roles';
import { combinedKey, newKey, openJson, sealJson } from './crypto/envelope';
import { sealForReporter } from './crypto/report-contents';
import { IntegrityReporterIdentity, NoticeAddress } from './entities/integrity-reporter-identity.entity';
import { SealedValue } from './identity-vault';
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

/** The key that seals an identity: both halves are needed, and no one person holds both. */
export const identityKey = (identityHalf: Buffer, dataKey: Buffer) =>
  combinedKey(identityHalf, dataKey, 'reporter-identity');

const noticePlace = (report: Pick<IntegrityReport, 'id' | 'organizationId'>) =>
  `integrity-reporter-notice-address|${report.organizationId}|${report.id}`;

/**
 * Reporters' identities, in their own table, sealed under a key derived from two halves: the report's
 * data key (held by the integrity officers with access) and the report's own identity key (wrapped to
 * each custodian's public key, and for the reporter under their receipt). Releasing an identity thus
 * needs a custodian who re-wraps the identity key for the requesting officer (IdentityDisclosureService).
 * Only the e-mail of a reporter who asked for notices is also sealed with IDENTITY_KEYS, for the mail
 * worker (ReporterContacts).
 */
@Injectable()
export class IdentityStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: IntegritySecrets,
  ) {}

  async store(
    tx: EntityManager,
    report: IntegrityReport,
    given: ReporterIdentityDto,
    keys: { dataKey: Buffer; reporterKek: Buffer | null },
  ): Promise<Buffer> {
    const identity: ReporterIdentity = {
      name: given.name || null,
      phone: given.phone || null,
      email: given.email || null,
      nationalId: given.nationalId || null,
      consentToContact: given.consentToContact === true,
    };
    return this.seal(tx, report, identity, keys);
  }

  /** Seals `identity` under a new identity key, which it returns for the caller to wrap to custodians. */
  async seal(
    tx: EntityManager,
    report: Pick<IntegrityReport, 'id' | 'organizationId'>,
    identity: ReporterIdentity,
    keys: { dataKey: Buffer; reporterKek: Buffer | null },
  ): Promise<Buffer> {
    const half = newKey();
    const notice = identity.consentToContact && identity.email ? identity.email : null;
    await tx.getRepository(IntegrityReporterIdentity).upsert(
      {
        reportId: report.id,
        organizationId: report.organizationId,
        sealed: sealJson(identityKey(half, keys.dataKey), identity, associatedData(report)),
        reporterWrappedKey: keys.reporterKek
          ? sealForReporter(keys.reporterKek, report.id, half, 'identity')
          : null,
        noticeAddress: notice ? noticeAddressOf(this.secrets.vault.seal(notice, noticePlace(report))) : null,
        keyId: null,
        iv: null,
        ciphertext: null,
        authTag: null,
      },
      ['reportId'],
    );
    return half;
  }

  /**
   * Active custodians of the organisation to whom the report's identity key may be wrapped: never
   * one who holds, or ever held, access to the report (an access row, kept when recused, or a data
   * key), since with both halves one person would open the identity alone.
   */
  async custodians(tx: EntityManager, organizationId: string, reportId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT u.id FROM users u WHERE u.organization_id = $1 AND u.is_active AND $2 = ANY(u.roles)
         AND NOT EXISTS (SELECT 1 FROM integrity_report_access x WHERE x.report_id = $3 AND x.user_id = u.id)
         AND NOT EXISTS (SELECT 1 FROM integrity_report_keys k
                         WHERE k.report_id = $3 AND k.user_id = u.id AND k.secret = 'data')`,
      [organizationId, Role.Custodian, reportId],
    );
    return rows.map((r) => r.id);
  }

  /** The identity, given both halves of its key. */
  async open(
    tx: EntityManager,
    report: Pick<IntegrityReport, 'id' | 'organizationId'>,
    identityHalf: Buffer,
    dataKey: Buffer,
  ): Promise<ReporterIdentity | null> {
    const row = await tx.getRepository(IntegrityReporterIdentity).findOneBy({ reportId: report.id });
    if (!row?.sealed) return null;
    return openJson<ReporterIdentity>(identityKey(identityHalf, dataKey), row.sealed, associatedData(report));
  }

  /** An identity stored before issue 11 (IDENTITY_KEYS alone), for `encrypt-integrity-reports`. */
  openLegacy(
    row: IntegrityReporterIdentity,
    report: Pick<IntegrityReport, 'id' | 'organizationId'>,
  ): ReporterIdentity | null {
    if (!row.keyId || !row.iv || !row.ciphertext || !row.authTag) return null;
    const sealed = { keyId: row.keyId, iv: row.iv, ciphertext: row.ciphertext, authTag: row.authTag };
    return JSON.parse(this.secrets.vault.open(sealed, associatedData(report))) as ReporterIdentity;
  }

  /** The notice address, for the mail worker (also from an identity not yet migrated). */
  async noticeAddress(report: Pick<IntegrityReport, 'id' | 'organizationId'>): Promise<string | null> {
    const row = await this.db.getRepository(IntegrityReporterIdentity).findOneBy({ reportId: report.id });
    if (!row) return null;
    if (row.noticeAddress)
      return this.secrets.vault.open(sealedValueOf(row.noticeAddress), noticePlace(report));
    const legacy = this.openLegacy(row, report);
    return legacy?.consentToContact && legacy.email ? legacy.email : null;
  }

  /**
   * Re-encrypts every notice address (and identity not yet migrated) not under the current key of
   * IDENTITY_KEYS; returns how many were rewritten. Afterwards the old key can be removed.
   */
  async reencryptAll(): Promise<number> {
    const current = this.secrets.vault.currentKey;
    let count = 0;
    for (;;) {
      const done = await this.db.transaction(async (tx) => {
        const rows: { report_id: string; organization_id: string }[] = await tx.query(
          `SELECT i.report_id, r.organization_id FROM integrity_reporter_identities i
           JOIN integrity_reports r ON r.id = i.report_id
           WHERE i.key_id <> $1 OR i.notice_address->>'keyId' <> $1 LIMIT 100 FOR UPDATE OF i`,
          [current],
        );
        for (const row of rows) {
          const report = { id: row.report_id, organizationId: row.organization_id };
          const stored = await tx
            .getRepository(IntegrityReporterIdentity)
            .findOneByOrFail({ reportId: report.id });
          if (stored.noticeAddress) {
            const address = this.secrets.vault.open(sealedValueOf(stored.noticeAddress), noticePlace(report));
            const noticeAddress = noticeAddressOf(this.secrets.vault.seal(address, noticePlace(report)));
            await tx.update(IntegrityReporterIdentity, { reportId: report.id }, { noticeAddress });
          }
          const legacy = this.openLegacy(stored, report);
          if (legacy) {
            const sealed = this.secrets.vault.seal(JSON.stringify(legacy), associatedData(report));
            await tx.update(IntegrityReporterIdentity, { reportId: report.id }, sealed);
          }
        }
        return rows.length;
      });
      count += done;
      if (done === 0) return count;
    }
  }
}

function noticeAddressOf(sealed: SealedValue): NoticeAddress {
  return {
    keyId: sealed.keyId,
    iv: sealed.iv.toString('base64'),
    ciphertext: sealed.ciphertext.toString('base64'),
    authTag: sealed.authTag.toString('base64'),
  };
}

function sealedValueOf(notice: NoticeAddress): SealedValue {
  return {
    keyId: notice.keyId,
    iv: Buffer.from(notice.iv, 'base64'),
    ciphertext: Buffer.from(notice.ciphertext, 'base64'),
    authTag: Buffer.from(notice.authTag, 'base64'),
  };
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
    return this.identities.noticeAddress(report);
  }
}
