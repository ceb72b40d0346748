import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IntegrityReceiptSalt } from './entities/integrity-receipt-salt.entity';
import { IntegritySecrets } from './integrity-secrets';
import { hashReceipt, newReceipt } from './receipt';

/** Issues receipts and finds their hashes, with each organisation's own salt. */
@Injectable()
export class ReceiptsService {
  private readonly salts = new Map<string, Buffer>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: IntegritySecrets,
  ) {}

  /** A new receipt and its hash. */
  async issue(organizationId: string): Promise<{ digits: string; hash: string }> {
    const digits = newReceipt();
    return { digits, hash: await this.hash(organizationId, digits) };
  }

  async hash(organizationId: string, digits: string): Promise<string> {
    return hashReceipt(digits, await this.saltOf(organizationId), this.secrets.pepper);
  }

  /** The organisation's salt, made on first use (concurrent first uses agree on one). */
  private async saltOf(organizationId: string): Promise<Buffer> {
    const cached = this.salts.get(organizationId);
    if (cached) return cached;
    const repository = this.db.getRepository(IntegrityReceiptSalt);
    await repository
      .createQueryBuilder()
      .insert()
      .values({ organizationId, salt: randomBytes(16) })
      .orIgnore()
      .execute();
    const { salt } = await repository.findOneByOrFail({ organizationId });
    this.salts.set(organizationId, salt);
    return salt;
  }
}
