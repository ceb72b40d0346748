import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Actor, KeySession } from '../../common/auth/actor';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../../infrastructure/redis/redis.module';
import { Role } from '../../users/roles';
import {
  derivedKey,
  newKeyPair,
  open,
  passwordKek,
  PrivateKey,
  privateKeyOf,
  seal,
  SealOpenError,
} from './envelope';
import { IntegrityOfficerKey } from './entities/officer-key.entity';
import { IntegrityReportKey } from './entities/report-key.entity';

/** Roles whose holders get a key pair: they read reports or release identities. */
export const KEY_ROLES: readonly Role[] = [Role.IntegrityOfficer, Role.Custodian];

/** What happened to the key at sign-in (told to the officer; `recoveryKey` only when just made). */
export type KeyStatus = 'none' | 'created' | 'unlocked' | 'recovered' | 'replaced' | 'locked';

export interface SignInKey {
  status: KeyStatus;
  /** PKCS#8 of the unlocked private key, to seal into the session; never stored as such. */
  privateKey: Buffer | null;
  /** Shown once, when a key pair is made. */
  recoveryKey?: string;
}

export interface KeyOptions {
  recoveryKey?: string;
  replaceKey?: boolean;
}

const ENTITY = 'integrity_key';
const sessionKeyOf = (familyId: string) => `integrity:officer-key:${familyId}`;
const byPassword = (userId: string) => `officer-private-key|password|${userId}`;
const byRecovery = (userId: string) => `officer-private-key|recovery|${userId}`;
const inSession = (userId: string, familyId: string) => `officer-private-key|session|${userId}|${familyId}`;

interface SessionEntry {
  session: KeySession;
  /** the sealed private key, base64 */
  stored: string;
}

/** Opens a session's sealed private key (PKCS#8) with the key from the tokens; throws when it does not open. */
function openSessionEntry(userId: string, { session, stored }: SessionEntry): Buffer {
  return open(
    Buffer.from(session.key, 'base64url'),
    Buffer.from(stored, 'base64'),
    inSession(userId, session.familyId),
  );
}

/** `XXXXX-XXXXX-…`: 32 random bytes in base32-like groups the officer can write down. */
export function formatRecoveryKey(secret: Buffer): string {
  return secret.toString('hex').toUpperCase().match(/.{8}/g)!.join('-');
}

function parseRecoveryKey(text: string): Buffer | null {
  const hex = text.replace(/[\s-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

/**
 * Integrity officers' and custodians' key pairs, and the unlocked private key during a session.
 *
 * At sign-in the password derives (Argon2id, per-user salt) the key that opens the private key. The
 * private key then lives, for the session, in Redis sealed under a random session key; the session
 * key exists only in the client's access and refresh tokens. Each request opens the private key in
 * memory with the session key from its token. So PostgreSQL, Redis, the logs and the environment,
 * together, hold no private key in the clear, and any API process can serve the session.
 */
@Injectable()
export class OfficerKeyring {
  private readonly unlocked = new LRUCache<string, PrivateKey>({ max: 1000, ttl: 60_000 });

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  needsKey(roles: readonly Role[]): boolean {
    return roles.some((r) => KEY_ROLES.includes(r));
  }

  /** Unlocks (or makes, recovers, replaces) the signing-in officer's key pair. */
  async atSignIn(tx: EntityManager, actor: Actor, password: string, options: KeyOptions): Promise<SignInKey> {
    if (!this.needsKey(actor.roles)) return { status: 'none', privateKey: null };
    const row = await tx.getRepository(IntegrityOfficerKey).findOneBy({ userId: actor.userId });
    if (!row) return this.create(tx, actor, password, 'create');
    const kek = await passwordKek(password, row.kekSalt, 'officer-private-key');
    try {
      return {
        status: 'unlocked',
        privateKey: open(kek, row.privateKeyByPassword, byPassword(actor.userId)),
      };
    } catch (error) {
      if (!(error instanceof SealOpenError)) throw error;
    }
    // The password changed since the key was sealed (a reset): the recovery key or a new key pair.
    if (options.recoveryKey) {
      const recovery = parseRecoveryKey(options.recoveryKey);
      let privateKey: Buffer;
      try {
        if (!recovery) throw new SealOpenError();
        privateKey = open(
          derivedKey(recovery, 'recovery-key'),
          row.privateKeyByRecovery,
          byRecovery(actor.userId),
        );
      } catch {
        throw new DomainError('INVALID_RECOVERY_KEY', [
          { field: 'recoveryKey', rule: 'opensKey', message: 'does not open your key' },
        ]);
      }
      await tx.update(IntegrityOfficerKey, actor.userId, {
        privateKeyByPassword: seal(kek, privateKey, byPassword(actor.userId)),
      });
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.recover`,
        entityType: 'user',
        entityId: actor.userId,
      });
      return { status: 'recovered', privateKey };
    }
    if (options.replaceKey) return this.create(tx, actor, password, 'replace');
    return { status: 'locked', privateKey: null };
  }

  /**
   * A new key pair. Replacing one drops every key wrapped to the old one: the officer reads no earlier
   * report until an officer with access grants it again.
   */
  private async create(
    tx: EntityManager,
    actor: Actor,
    password: string,
    action: 'create' | 'replace',
  ): Promise<SignInKey> {
    const pair = newKeyPair();
    const kekSalt = randomBytes(16);
    const kek = await passwordKek(password, kekSalt, 'officer-private-key');
    const recovery = randomBytes(32);
    const dropped =
      action === 'replace'
        ? ((await tx.delete(IntegrityReportKey, { userId: actor.userId })).affected ?? 0)
        : 0;
    await tx.getRepository(IntegrityOfficerKey).upsert(
      {
        userId: actor.userId,
        organizationId: actor.organizationId,
        publicKey: pair.publicKey,
        kekSalt,
        privateKeyByPassword: seal(kek, pair.privateKey, byPassword(actor.userId)),
        privateKeyByRecovery: seal(
          derivedKey(recovery, 'recovery-key'),
          pair.privateKey,
          byRecovery(actor.userId),
        ),
      },
      ['userId'],
    );
    await this.audit.record(tx, actor, {
      action: `${ENTITY}.${action}`,
      entityType: 'user',
      entityId: actor.userId,
      ...(action === 'replace' ? { after: { droppedKeys: dropped } } : {}),
    });
    return {
      status: action === 'create' ? 'created' : 'replaced',
      privateKey: pair.privateKey,
      recoveryKey: formatRecoveryKey(recovery),
    };
  }

  /** Seals the private key for a session; returns the session key, which goes only into the tokens. */
  async startSession(actor: Pick<Actor, 'userId'>, familyId: string, privateKey: Buffer): Promise<string> {
    const key = randomBytes(32);
    const sealed = seal(key, privateKey, inSession(actor.userId, familyId));
    await this.redis.set(sessionKeyOf(familyId), sealed.toString('base64'), 'EX', this.ttlSeconds);
    return key.toString('base64url');
  }

  /** Keeps the sealed key as long as the session's refresh token lives. */
  async extendSession(familyId: string): Promise<void> {
    await this.redis.expire(sessionKeyOf(familyId), this.ttlSeconds);
  }

  async endSession(familyId: string): Promise<void> {
    await this.redis.del(sessionKeyOf(familyId));
  }

  /**
   * The officer chose a new password while signed in with their key unlocked: the key is sealed under
   * the new password too, so the next sign-in unlocks it. Without an unlocked key (or a key pair)
   * nothing changes, and the next sign-in is `locked` as after a reset.
   */
  async resealForPassword(tx: EntityManager, actor: Actor, password: string): Promise<boolean> {
    const entry = await this.sessionEntry(actor);
    const row = entry
      ? await tx.getRepository(IntegrityOfficerKey).findOneBy({ userId: actor.userId })
      : null;
    if (!entry || !row) return false;
    let privateKey: Buffer;
    try {
      privateKey = openSessionEntry(actor.userId, entry);
    } catch {
      return false;
    }
    const kek = await passwordKek(password, row.kekSalt, 'officer-private-key');
    await tx.update(IntegrityOfficerKey, actor.userId, {
      privateKeyByPassword: seal(kek, privateKey, byPassword(actor.userId)),
    });
    await this.audit.record(tx, actor, {
      action: `${ENTITY}.reseal`,
      entityType: 'user',
      entityId: actor.userId,
    });
    return true;
  }

  /**
   * The actor's private key, opened in memory; INTEGRITY_KEY_LOCKED without one. The sealed entry is
   * read from Redis on every request (so a signed-out session stops at once, in every process); what
   * it opens to is kept in this process's memory for a minute, under a hash of the entry and the
   * session key, to spare the decoding on the next requests.
   */
  async privateKey(actor: Actor): Promise<PrivateKey> {
    const entry = await this.sessionEntry(actor);
    if (!entry) throw new DomainError('INTEGRITY_KEY_LOCKED');
    const cacheKey = createHash('sha256').update(entry.stored).update(entry.session.key).digest('base64url');
    const cached = this.unlocked.get(cacheKey);
    if (cached) return cached;
    try {
      const privateKey = privateKeyOf(openSessionEntry(actor.userId, entry));
      this.unlocked.set(cacheKey, privateKey);
      return privateKey;
    } catch {
      throw new DomainError('INTEGRITY_KEY_LOCKED');
    }
  }

  publicKeys(tx: EntityManager, userIds: string[]): Promise<Map<string, Buffer>> {
    return publicKeysOf(tx, userIds);
  }

  /** The session's sealed private key in Redis, with the session that opens it; null without either. */
  private async sessionEntry(actor: Actor): Promise<SessionEntry | null> {
    const session = actor.keySession;
    const stored = session ? await this.redis.get(sessionKeyOf(session.familyId)) : null;
    return session && stored ? { session, stored } : null;
  }

  private get ttlSeconds(): number {
    return this.config.auth.refreshTokenTtlSeconds;
  }
}

/** Public keys of these users (those who have a key pair). */
export async function publicKeysOf(tx: EntityManager, userIds: string[]): Promise<Map<string, Buffer>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.getRepository(IntegrityOfficerKey).find({
    select: { userId: true, publicKey: true },
    where: { userId: In(userIds) },
  });
  return new Map(rows.map((r) => [r.userId, r.publicKey]));
}
