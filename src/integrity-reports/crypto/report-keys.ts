import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { DomainError } from '../../common/errors/domain-error';
import { PrivateKey, SealOpenError, unwrap, wrapFor } from './envelope';
import { IntegrityReportKey, WrappedSecret } from './entities/report-key.entity';
import { OfficerKeyring, publicKeysOf } from './officer-keyring';

/** The report a key is wrapped for: its id and its organisation (the key row's own). */
export interface ReportOfKeys {
  id: string;
  organizationId: string;
}

/** Binds a wrapped secret to its report, its kind and its holder. */
export const wrapPlace = (secret: WrappedSecret, reportId: string, userId: string) =>
  `integrity-report-key|${secret}|${reportId}|${userId}`;

/**
 * The keys of each report, wrapped to the people who may use them: the data key (contents, messages,
 * notes) for integrity officers with access, the identity key for custodians. Reading needs one's own
 * wrap and one's private key, unlocked at sign-in; granting re-wraps from one holder to another.
 */
@Injectable()
export class ReportKeys {
  constructor(private readonly keyring: OfficerKeyring) {}

  /** The report's data key for the signed-in officer; INTEGRITY_REPORT_KEY_NOT_GRANTED without a wrap. */
  async dataKey(tx: EntityManager, actor: Actor, reportId: string): Promise<Buffer> {
    const key = await this.secretOf(tx, actor, reportId, 'data');
    if (!key) throw new DomainError('INTEGRITY_REPORT_KEY_NOT_GRANTED');
    return key;
  }

  /**
   * The report's data key for the signed-in officer and, in the same read of their wraps and their
   * private key, another secret of the report wrapped to them (null when they hold none).
   * INTEGRITY_REPORT_KEY_NOT_GRANTED without a data key.
   */
  async dataKeyAnd(
    tx: EntityManager,
    actor: Actor,
    reportId: string,
    other: WrappedSecret,
  ): Promise<{ dataKey: Buffer; other: Buffer | null }> {
    const rows = await tx
      .getRepository(IntegrityReportKey)
      .findBy({ reportId, userId: actor.userId, secret: In(['data', other]) });
    const data = rows.find((r) => r.secret === 'data');
    if (!data) throw new DomainError('INTEGRITY_REPORT_KEY_NOT_GRANTED');
    const privateKey = await this.keyring.privateKey(actor);
    const otherRow = rows.find((r) => r.secret === other);
    return {
      dataKey: opened(privateKey, data, actor.userId),
      other: otherRow ? opened(privateKey, otherRow, actor.userId) : null,
    };
  }

  /** A secret of the report wrapped to the actor, opened; null when they hold none. */
  async secretOf(
    tx: EntityManager,
    actor: Actor,
    reportId: string,
    secret: WrappedSecret,
  ): Promise<Buffer | null> {
    const row = await tx
      .getRepository(IntegrityReportKey)
      .findOneBy({ reportId, userId: actor.userId, secret });
    if (!row) return null;
    return opened(await this.keyring.privateKey(actor), row, actor.userId);
  }

  wrapTo(
    tx: EntityManager,
    report: ReportOfKeys,
    secret: WrappedSecret,
    key: Buffer,
    userIds: string[],
  ): Promise<string[]> {
    return wrapTo(tx, report, secret, key, userIds);
  }

  /** The actor's data key re-wrapped for `userId` (a grant); OFFICER_HAS_NO_KEY if they have no key pair. */
  async grant(tx: EntityManager, actor: Actor, reportId: string, userId: string): Promise<void> {
    const key = await this.dataKey(tx, actor, reportId);
    // the officer holding the data key belongs to the report's organisation
    const report = { id: reportId, organizationId: actor.organizationId };
    const wrapped = await this.wrapTo(tx, report, 'data', key, [userId]);
    if (wrapped.length === 0) throw new DomainError('OFFICER_HAS_NO_KEY');
  }

  /** Takes back every key of the report from `userId` (a recusal). */
  async revoke(tx: EntityManager, reportId: string, userId: string): Promise<void> {
    await tx.delete(IntegrityReportKey, { reportId, userId });
  }

  /** Users holding `secret` of the report. */
  async holders(tx: EntityManager, reportId: string, secret: WrappedSecret): Promise<string[]> {
    const rows = await tx.getRepository(IntegrityReportKey).find({
      select: { userId: true },
      where: { reportId, secret },
    });
    return rows.map((r) => r.userId);
  }
}

/** A wrapped secret opened with the holder's private key; INTEGRITY_KEY_LOCKED when it does not open. */
function opened(privateKey: PrivateKey, row: IntegrityReportKey, userId: string): Buffer {
  try {
    return unwrap(privateKey, row.wrapped, wrapPlace(row.secret, row.reportId, userId));
  } catch (error) {
    // wrapped to a key pair this session does not hold (replaced meanwhile): sign in again
    if (error instanceof SealOpenError) throw new DomainError('INTEGRITY_KEY_LOCKED');
    throw error;
  }
}

/** Wraps `key` to every one of `userIds` who has a key pair; returns those it was wrapped to. */
export async function wrapTo(
  tx: EntityManager,
  report: ReportOfKeys,
  secret: WrappedSecret,
  key: Buffer,
  userIds: string[],
): Promise<string[]> {
  const publicKeys = await publicKeysOf(tx, userIds);
  const rows = [...publicKeys].map(([userId, publicKey]) => ({
    reportId: report.id,
    organizationId: report.organizationId,
    userId,
    secret,
    wrapped: wrapFor(publicKey, key, wrapPlace(secret, report.id, userId)),
  }));
  if (rows.length > 0)
    await tx.getRepository(IntegrityReportKey).upsert(rows, ['reportId', 'userId', 'secret']);
  return rows.map((r) => r.userId);
}
