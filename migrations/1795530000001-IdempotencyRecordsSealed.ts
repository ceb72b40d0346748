import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency records keep their answer (which holds the tracking code) encrypted under a key that
 * only the client's Idempotency-Key opens, under a hash of that key, and expire: the records written
 * before, with plaintext codes and keys, are deleted (they only served retries of the last minutes).
 */
export class IdempotencyRecordsSealed1795530000001 implements MigrationInterface {
  name = 'IdempotencyRecordsSealed1795530000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "idempotency_records"`);
    await queryRunner.query(`ALTER TABLE "idempotency_records" DROP COLUMN "response"`);
    await queryRunner.query(`ALTER TABLE "idempotency_records" ADD "response" bytea NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_idempotency_records_created_at" ON "idempotency_records" ("created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_records_created_at"`);
    await queryRunner.query(`DELETE FROM "idempotency_records"`);
    await queryRunner.query(`ALTER TABLE "idempotency_records" DROP COLUMN "response"`);
    await queryRunner.query(`ALTER TABLE "idempotency_records" ADD "response" jsonb NOT NULL`);
  }
}
