import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { KeyOptions, OfficerKeyring } from '../integrity-reports/crypto/officer-keyring';
import { UserView } from '../users/dto/user.dto';
import { User } from '../users/entities/user.entity';
import { TokensView } from './dto/auth.dto';
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

  async login(
    email: string,
    password: string,
    client: string,
    requestId: string,
    deviceToken?: string,
    keyOptions: KeyOptions = {},
  ): Promise<TokensView> {
    const attempt = await this.throttle.beforeAttempt(email, client, deviceToken);
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH_PROMISE), password);
    if (!user || !ok || !user.isActive) {
      await this.throttle.recordFailure(attempt);
      throw new DomainError('INVALID_CREDENTIALS');
    }
    const newDeviceToken = await this.throttle.recordSuccess(attempt);
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
