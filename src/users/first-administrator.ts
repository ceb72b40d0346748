import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { hashPassword } from '../auth/password';
import { Organization } from '../organizations/entities/organization.entity';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { Role } from './roles';
import { User } from './entities/user.entity';

/**
 * When no user exists at all, creates an administrator of the seeded organisation from ADMIN_EMAIL
 * and ADMIN_PASSWORD, or with a generated password printed once. Returns the generated password.
 */
export async function ensureFirstAdministrator(db: DataSource, config: AppConfig): Promise<string | null> {
  if ((await db.getRepository(User).count()) > 0) return null;
  const org = await db.getRepository(Organization).findOneByOrFail({ slug: config.organization.slug });
  const generated = config.admin.password ? null : randomBytes(12).toString('base64url');
  const password = config.admin.password ?? generated!;
  await db.transaction(async (tx) => {
    const user = await tx.save(
      tx.create(User, {
        organizationId: org.id,
        email: config.admin.email,
        displayName: 'ผู้ดูแลระบบ (Administrator)',
        passwordHash: await hashPassword(password),
        roles: [Role.Admin],
        isActive: true,
      }),
    );
    await tx.insert(AuditEntry, {
      organizationId: org.id,
      action: 'user.create_first_administrator',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, roles: user.roles },
    });
  });
  const logger = new Logger('FirstRun');
  if (generated) {
    // Printed once, on purpose: there is no other way to learn it.
    logger.warn(
      `Created administrator ${config.admin.email} with password: ${generated}  (change it after signing in)`,
    );
  } else {
    logger.log(`Created administrator ${config.admin.email} (password from ADMIN_PASSWORD)`);
  }
  return generated;
}
