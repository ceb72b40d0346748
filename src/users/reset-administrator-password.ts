import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { accountFailureKeys } from '../auth/login-throttle.service';
import { hashPassword } from '../auth/password';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../infrastructure/database/data-source-options';
import { systemDataSource } from '../infrastructure/database/tenancy';
import { createRedis } from '../infrastructure/redis/redis.module';
import { User } from './entities/user.entity';
import { Role } from './roles';

/** A refusal of an operator command: one line, no stack. */
export class CommandRefused extends Error {}

/**
 * `node dist/src/main.js reset-admin-password <email>`: for an operator whose administrator lost the
 * password (administrators never set other people's passwords through the API). Sets a generated
 * password, printed once; ends the account's sessions; lifts the sign-in lock; audits it. Refused for
 * an integrity officer or custodian: their report keys derive from their password, which only they
 * may change.
 */
export async function resetAdministratorPassword(
  config: AppConfig,
  email: string | undefined,
  organizationSlug?: string,
): Promise<string> {
  if (!email)
    throw new CommandRefused('Usage: reset-admin-password <administrator e-mail> [organisation slug]');
  const db = systemDataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await db.initialize();
  const password = randomBytes(12).toString('base64url');
  try {
    await db.transaction(async (tx) => {
      // one person may administer several organisations: then the slug says which account
      const query = tx
        .getRepository(User)
        .createQueryBuilder('u')
        .where('lower(u.email) = lower(:email)', { email })
        .andWhere(':admin = ANY(u.roles)', { admin: Role.Admin });
      if (organizationSlug) {
        query.andWhere('u.organization_id = (SELECT o.id FROM organizations o WHERE o.slug = :slug)', {
          slug: organizationSlug,
        });
      }
      const admins = await query.getMany();
      if (admins.length > 1) {
        throw new CommandRefused(`${email} administers ${admins.length} organisations: name one by its slug`);
      }
      const [user] = admins;
      if (!user) throw new CommandRefused(`No administrator ${email}`);
      if (user.roles.some((r) => r === Role.IntegrityOfficer || r === Role.Custodian)) {
        throw new CommandRefused(`${email} holds an integrity role: only they can change their password`);
      }
      await tx.update(User, user.id, { passwordHash: await hashPassword(password) });
      await tx
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: () => 'now()' })
        .where('user_id = :id AND revoked_at IS NULL', { id: user.id })
        .execute();
      await tx.insert(AuditEntry, {
        organizationId: user.organizationId,
        action: 'user.reset_administrator_password',
        entityType: 'user',
        entityId: user.id,
        after: { by: 'operator command' },
      });
    });
  } finally {
    await db.destroy();
  }
  const redis = createRedis(config.redis, 'commands', {
    keyPrefix: `${config.redis.prefix}:`,
    lazyConnect: true,
  });
  try {
    await redis.connect();
    // the account's total and every client's pair lock: the administrator can sign in from anywhere
    const keys = accountFailureKeys(email);
    const prefix = `${config.redis.prefix}:`;
    const pairs: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', prefix + keys.pairs, 'COUNT', 1000);
      pairs.push(...found.map((key) => key.slice(prefix.length)));
      cursor = next;
    } while (cursor !== '0');
    await redis.del(keys.total, ...pairs);
  } finally {
    redis.disconnect();
  }
  new Logger('Administrator').warn(
    `New password for ${email}: ${password}  (sessions ended; change it after signing in)`,
  );
  return password;
}
