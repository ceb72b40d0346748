import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../infrastructure/database/data-source-options';
import { systemDataSource } from '../infrastructure/database/tenancy';
import { IdentityStore } from './identity-store';
import { IntegritySecrets } from './integrity-secrets';

/**
 * `node dist/src/main.js reencrypt-identities`: after a new key is made current (IDENTITY_KEYS,
 * IDENTITY_KEY_CURRENT), re-encrypts every stored identity under it so that the old key can be
 * removed. Safe to run while the service runs, and to run again.
 */
export async function reencryptIdentities(config: AppConfig): Promise<number> {
  const db = systemDataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await db.initialize();
  try {
    const count = await new IdentityStore(db, new IntegritySecrets(config)).reencryptAll();
    new Logger('Identities').log(
      `Re-encrypted ${count} identities under key "${config.integrity.identityKeyCurrent}"`,
    );
    return count;
  } finally {
    await db.destroy();
  }
}
