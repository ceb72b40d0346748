import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { KeyOptions, OfficerKeyring } from '../integrity-reports/crypto/officer-keyring';
import { UserView } from '../users/dto/user.dto';
import { User } from '../users/entities/user.entity';
import { MembershipView, TokensView } from './dto/auth.dto';
import { Organization } from '../organizations/entities/organization.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { LoginThrottleService } from './login-throttle.service';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';

export interface AccessTokenClaims {
  sub: string;
  org: string;
  typ: 'access';
  /** the session: the refresh-token family the token was issued with; dead once the family is revoked */
  sid: string;
  exp?: number;
  /** integrity roles only: the key that opens this session's private key */
  ks?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Officer sign-in: short-lived access tokens, rotating refresh tokens, throttled failures. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly keyring: OfficerKeyring,
  ) {}

  /**
   * Signs a person in to one of their accounts. A person (an e-mail) may have an account in several
   * organisations, each with its own password: the candidates are the active accounts of the e-mail
   * (in `organizationId` only, when given) whose password matches. One: signed in, as always. Several:
   * ORGANIZATION_CHOICE_REQUIRED lists their organisations and the client signs in again with one.
   */
  async login(
    email: string,
    password: string,
    client: string,
    requestId: string,
    deviceToken?: string,
    keyOptions: KeyOptions = {},
    organizationId?: string,
  ): Promise<TokensView> {
    const attempt = await this.throttle.beforeAttempt(email, client, deviceToken);
    const query = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .orderBy('u.created_at');
    if (organizationId) query.andWhere('u.organization_id = :organizationId', { organizationId });
    const accounts = await query.getMany();
    // every account's password is checked, so the time taken tells nothing about which one matched
    const matches = await Promise.all(
      accounts.length > 0
        ? accounts.map((u) => verifyPassword(u.passwordHash, password))
        : [DUMMY_HASH_PROMISE.then((hash) => verifyPassword(hash, password)).then(() => false)],
    );
    const signable = accounts.filter((u, i) => matches[i] && u.isActive);
    if (signable.length === 0) {
      await this.throttle.recordFailure(attempt);
      throw new DomainError('INVALID_CREDENTIALS');
    }
    const newDeviceToken = await this.throttle.recordSuccess(attempt);
    if (signable.length > 1) {
      const organizations = await this.db.getRepository(Organization).find({
        select: { id: true, slug: true, nameTh: true },
        where: { id: In(signable.map((u) => u.organizationId)) },
        order: { nameTh: 'ASC' },
      });
      throw new DomainError('ORGANIZATION_CHOICE_REQUIRED', {
        organizations: organizations.map((o) => ({ organizationId: o.id, slug: o.slug, nameTh: o.nameTh })),
      });
    }
    const [user] = signable;
    const tokens = await this.db.transaction(async (tx) => {
      const actor = this.actorOf(user, requestId);
      await tx.update(User, user.id, { lastLoginAt: () => 'now()' });
      await this.audit.record(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
      const familyId = randomUUID();
      const key = await this.keyring.atSignIn(tx, actor, password, keyOptions);
      const sessionKey = key.privateKey
        ? await this.keyring.startSession(actor, familyId, key.privateKey)
        : undefined;
      const issued = await this.issue(tx, user, familyId, sessionKey);
      if (key.status === 'none') return issued;
      return { ...issued, integrityKey: { status: key.status, recoveryKey: key.recoveryKey } };
    });
    return { ...tokens, deviceToken: newDeviceToken };
  }

  /**
   * Moves the signed-in person to their account in another organisation: a sign-in to that account
   * (its own password, which also unlocks its integrity key), then the end of the current session.
   */
  async switchOrganization(
    actor: Actor,
    organizationId: string,
    password: string,
    client: string,
    requestId: string,
  ): Promise<TokensView> {
    const me = await this.db.getRepository(User).findOneByOrFail({ id: actor.userId });
    const tokens = await this.login(me.email, password, client, requestId, undefined, {}, organizationId);
    if (actor.sessionId) {
      await this.revokeFamily(this.db.manager, actor.sessionId);
      await this.keyring.endSession(actor.sessionId);
    }
    return tokens;
  }

  /** The organisations in which the signed-in person (their e-mail) has an active account. */
  async memberships(actor: Actor): Promise<MembershipView[]> {
    const accounts = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.organization', 'o')
      .where('u.email = (SELECT me.email FROM users me WHERE me.id = :id)', { id: actor.userId })
      .andWhere('u.is_active')
      .orderBy('o.name_th')
      .getMany();
    return accounts.map((u) => ({
      organizationId: u.organizationId,
      slug: u.organization!.slug,
      nameTh: u.organization!.nameTh,
      roles: u.roles,
      current: u.id === actor.userId,
    }));
  }

  /** Exchanges a refresh token for a new pair. A token used twice revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokensView> {
    // `<random>.<session key>` when the session carries an unlocked key: pass the key on to the new pair
    const sessionKey = refreshToken.split('.')[1] || undefined;
    const outcome = await this.db.transaction(async (tx) => {
      const token = await tx
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :h', { h: sha256(refreshToken) })
        .getOne();
      if (!token || token.expiresAt.getTime() <= Date.now()) return null;
      if (token.revokedAt) return { replayedFamily: token.familyId, tokens: undefined };
      const user = await tx.findOneBy(User, { id: token.userId });
      if (!user || !user.isActive) return null;
      await tx.update(RefreshToken, token.id, { revokedAt: () => 'now()' });
      if (sessionKey) await this.keyring.extendSession(token.familyId);
      return { replayedFamily: undefined, tokens: await this.issue(tx, user, token.familyId, sessionKey) };
    });
    if (outcome?.tokens) return outcome.tokens;
    // A rotated token presented again was copied: end every session descended from it.
    if (outcome?.replayedFamily) {
      await this.revokeFamily(this.db.manager, outcome.replayedFamily);
      await this.keyring.endSession(outcome.replayedFamily);
    }
    throw new DomainError('INVALID_REFRESH_TOKEN');
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
  async logout(refreshToken: string): Promise<void> {
    const token = await this.db.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(refreshToken) });
    if (token) await this.revokeFamily(this.db.manager, token.familyId);
    if (token) await this.keyring.endSession(token.familyId);
  }

  /** Resolves a bearer token to the officer behind it; inactive or unknown users are rejected. */
  async authenticate(accessToken: string, requestId: string): Promise<Actor> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(accessToken, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError('UNAUTHENTICATED');
    }
    // A token without expiry would never die; one without a session could not be revoked.
    const session = claims.sid;
    if (
      claims.typ !== 'access' ||
      typeof claims.exp !== 'number' ||
      typeof session !== 'string' ||
      !UUID.test(session)
    )
      throw new DomainError('UNAUTHENTICATED');
    // Read on every request so that deactivation, role changes, logout and a replayed refresh token
    // (which revoke the session's refresh tokens) take effect at once, in every process.
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.id = :id', { id: claims.sub })
      .andWhere(
        'EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = :sid AND t.user_id = u.id AND t.revoked_at IS NULL)',
        { sid: session },
      )
      .getOne();
    if (!user || !user.isActive) throw new DomainError('UNAUTHENTICATED');
    const actor = this.actorOf(user, requestId);
    actor.sessionId = session;
    if (claims.ks) actor.keySession = { familyId: session, key: claims.ks };
    return actor;
  }

  private actorOf(user: User, requestId: string): Actor {
    return {
      userId: user.id,
      organizationId: user.organizationId,
      unitId: user.unitId,
      roles: user.roles,
      requestId,
      operator: this.config.operators.emails.includes(user.email),
    };
  }

  private async issue(
    tx: EntityManager,
    user: User,
    familyId: string,
    sessionKey?: string,
  ): Promise<TokensView> {
    const random = randomBytes(32).toString('base64url');
    const refreshToken = sessionKey ? `${random}.${sessionKey}` : random;
    await tx.insert(RefreshToken, {
      userId: user.id,
      organizationId: user.organizationId,
      tokenHash: sha256(refreshToken),
      familyId,
      expiresAt: new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000),
    });
    const claims: AccessTokenClaims = {
      sub: user.id,
      org: user.organizationId,
      typ: 'access',
      sid: familyId,
      ...(sessionKey ? { ks: sessionKey } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.auth.accessTokenTtlSeconds,
    });
    return {
      accessToken,
      expiresIn: this.config.auth.accessTokenTtlSeconds,
      refreshToken,
      tokenType: 'Bearer',
      user: UserView.of(user),
      operator: this.config.operators.emails.includes(user.email),
    };
  }

  private async revokeFamily(tx: EntityManager, familyId: string): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }
}
