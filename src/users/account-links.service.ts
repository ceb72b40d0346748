import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { hashPassword } from '../auth/password';
import { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { MessageTemplate } from '../notifications/message-template';
import { NotificationsService } from '../notifications/notifications.service';
import { RecipientResolver, RecipientResolvers, ResolvedContact } from '../notifications/recipient-resolvers';
import { OfficerKeyring } from '../integrity-reports/crypto/officer-keyring';
import { Organization } from '../organizations/entities/organization.entity';
import { AccountLink, AccountLinkPurpose } from './entities/account-link.entity';
import { User } from './entities/user.entity';

/** The resolver name under which the mail worker asks for a link's address and URL. */
export const ACCOUNT_LINK_RECIPIENT = 'account_link';
/** Where the link leads; the token travels in the fragment, which browsers never send to a server. */
export const SET_PASSWORD_PATH = '/officer/set-password';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface AccountLinkInfo {
  purpose: AccountLinkPurpose;
  email: string;
  displayName: string;
  expiresAt: string;
}

/**
 * One-time links by which officers choose their own password: an invitation for a new account, a
 * reset for an existing one. Administrators send them; nobody but the addressee ever sees one:
 *
 *  - the token is HMAC(secret derived from JWT_SECRET, link id): the database keeps only its
 *    SHA-256, the outbox keeps only the link id (the mail worker asks `resolve` for the address and
 *    the URL just before sending, and the URL exists only in that mail);
 *  - single use, expires after ACCOUNT_LINK_TTL_HOURS, and a newer link revokes the older ones;
 *  - a reset does not stop the current password until the officer chooses a new one (so sending one
 *    cannot lock anybody out); choosing a password ends every session of the account.
 */
@Injectable()
export class AccountLinksService implements OnModuleInit, RecipientResolver {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly resolvers: RecipientResolvers,
    private readonly keyring: OfficerKeyring,
  ) {
    this.key = createHmac('sha256', config.auth.jwtSecret).update('rongrian:account-links').digest();
  }

  onModuleInit(): void {
    this.resolvers.register(ACCOUNT_LINK_RECIPIENT, this);
  }

  /** The token of link `id` (derived, never stored). */
  tokenFor(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }

  /**
   * Writes a new link for `user` (revoking older unused ones) and its mail, in the caller's
   * transaction; audited. `actor` is the administrator who sent it.
   */
  async issue(
    tx: EntityManager,
    actor: Actor,
    user: Pick<User, 'id' | 'organizationId' | 'email' | 'displayName'>,
    purpose: AccountLinkPurpose,
  ): Promise<{ expiresAt: Date }> {
    const now = this.clock.now();
    await this.revokeUnused(tx, user.id, now);
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + this.config.auth.accountLinkTtlHours * 3_600_000);
    await tx.insert(AccountLink, {
      id,
      userId: user.id,
      organizationId: user.organizationId,
      purpose,
      tokenHash: sha256(this.tokenFor(id)),
      expiresAt,
      createdByUserId: actor.userId,
    });
    const organization = await tx.findOneByOrFail(Organization, { id: user.organizationId });
    await this.notifications.enqueue(tx, {
      organizationId: user.organizationId,
      template: MessageTemplate.OfficerAccountLink,
      to: { kind: 'officer', resolve: { type: ACCOUNT_LINK_RECIPIENT, id } },
      params: {
        orgName: organization.nameTh,
        displayName: user.displayName,
        email: user.email,
        invitation: purpose === 'invitation',
        validHours: this.config.auth.accountLinkTtlHours,
      },
      subject: { type: 'user', id: user.id },
      requestId: actor.requestId,
    });
    await this.audit.record(tx, actor, {
      action: purpose === 'invitation' ? 'user.invitation_sent' : 'user.password_reset_sent',
      entityType: 'user',
      entityId: user.id,
      after: { linkId: id, expiresAt: expiresAt.toISOString() },
    });
    return { expiresAt };
  }

  /** Invitation again while the person never chose a password (an account invited, never completed), else a reset. */
  async purposeFor(tx: EntityManager, userId: string): Promise<AccountLinkPurpose> {
    const links = tx.getRepository(AccountLink);
    if (await links.existsBy({ userId, usedAt: Not(IsNull()) })) return 'reset';
    return (await links.existsBy({ userId })) ? 'invitation' : 'reset';
  }

  async revokeUnused(tx: EntityManager, userId: string, now = this.clock.now()): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(AccountLink)
      .set({ revokedAt: now })
      .where('user_id = :userId AND used_at IS NULL AND revoked_at IS NULL', { userId })
      .execute();
  }

  /** For the mail worker: the address and the URL of a link still usable, else nobody (suppressed). */
  async resolve(id: string): Promise<ResolvedContact | null> {
    const link = await this.db.getRepository(AccountLink).findOneBy({ id });
    if (!link || link.usedAt || link.revokedAt || link.expiresAt <= this.clock.now()) return null;
    const user = await this.db.getRepository(User).findOneBy({ id: link.userId });
    if (!user?.isActive) return null;
    return {
      email: user.email,
      name: user.displayName,
      params: { linkUrl: `${this.config.app.publicBaseUrl}${SET_PASSWORD_PATH}#${this.tokenFor(id)}` },
    };
  }

  /** What the page shows before the officer chooses a password. */
  async inspect(token: string): Promise<AccountLinkInfo> {
    return this.db.transaction(async (tx) => {
      const { link, user } = await this.usable(tx, token, false);
      return {
        purpose: link.purpose,
        email: user.email,
        displayName: user.displayName,
        expiresAt: link.expiresAt.toISOString(),
      };
    });
  }

  /** Sets the password chosen by the officer, uses the link up and ends the account's sessions; audited. */
  async complete(token: string, password: string, requestId: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const families = await this.db.transaction(async (tx) => {
      const { link, user } = await this.usable(tx, token, true);
      const now = this.clock.now();
      await tx.update(User, user.id, { passwordHash });
      await tx.update(AccountLink, link.id, { usedAt: now });
      const live: { family_id: string }[] = await tx.query(
        `SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
        [user.id],
      );
      await tx
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: now })
        .where('user_id = :userId AND revoked_at IS NULL', { userId: user.id })
        .execute();
      const self: Actor = {
        userId: user.id,
        organizationId: user.organizationId,
        unitId: user.unitId,
        roles: user.roles,
        requestId,
      };
      await this.audit.record(tx, self, {
        action: 'user.password_chosen',
        entityType: 'user',
        entityId: user.id,
        after: { linkId: link.id, purpose: link.purpose },
      });
      return live.map((r) => r.family_id);
    });
    // An integrity officer's or custodian's private key stays sealed under the old password: their
    // sessions' unlocked copies go, and the new password signs them in with the key locked, so they
    // read no earlier report until they give their recovery key or an officer with access grants it
    // again (after `replaceKey`). An invitation's new officer has no wrap on any earlier report.
    for (const family of families) await this.keyring.endSession(family);
  }

  private async usable(
    tx: EntityManager,
    token: string,
    lock: boolean,
  ): Promise<{ link: AccountLink; user: User }> {
    const link = await tx.getRepository(AccountLink).findOne({
      where: { tokenHash: sha256(token) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!link || link.revokedAt) throw new DomainError('ACCOUNT_LINK_INVALID');
    if (link.usedAt) throw new DomainError('ACCOUNT_LINK_USED');
    if (link.expiresAt <= this.clock.now()) throw new DomainError('ACCOUNT_LINK_EXPIRED');
    const user = await tx.getRepository(User).findOneBy({ id: link.userId });
    if (!user?.isActive) throw new DomainError('ACCOUNT_LINK_INVALID');
    return { link, user };
  }
}
