import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { clientKey } from '../infrastructure/http/client-key';
import { IdentityVault } from './identity-vault';

/**
 * The integrity channel's secrets, from the environment: the receipt pepper, a client-key secret
 * derived from it (so throttle keys of this channel cannot be matched with any other feature's), and
 * the identity key ring.
 */
@Injectable()
export class IntegritySecrets {
  readonly pepper: Buffer;
  readonly vault: IdentityVault;
  private readonly clientKeySecret: string;

  constructor(config: AppConfig) {
    this.pepper = Buffer.from(config.integrity.receiptPepper, 'utf8');
    this.clientKeySecret = createHmac('sha256', this.pepper)
      .update('integrity-client-key')
      .digest('base64url');
    this.vault = new IdentityVault(config.integrity.identityKeys, config.integrity.identityKeyCurrent);
  }

  /** A pseudonym of the client address that changes daily; the address itself is never kept. */
  clientKey(address: string): string {
    return clientKey(this.clientKeySecret, address);
  }
}
