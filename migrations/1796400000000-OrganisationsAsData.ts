import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations as data (type, DLA code, province, district, contact) and one account per
 * organisation and e-mail (a person may belong to several organisations).
 */
export class OrganisationsAsData1796400000000 implements MigrationInterface {
  name = 'OrganisationsAsData1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "type" text, ADD "dla_code" text, ADD "province" text, ADD "district" text, ADD "contact_email" text, ADD "contact_phone" text, ADD "address" text, ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "uq_organizations_dla_code" UNIQUE ("dla_code")`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "uq_users_email"`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "uq_users_organization_email" UNIQUE ("organization_id", "email")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_users_email" ON "users" ("email") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_users_email"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "uq_users_organization_email"`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "uq_users_email" UNIQUE ("email")`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "uq_organizations_dla_code"`);
    await queryRunner.query(
      `ALTER TABLE "organizations" DROP COLUMN "updated_at", DROP COLUMN "address", DROP COLUMN "contact_phone", DROP COLUMN "contact_email", DROP COLUMN "district", DROP COLUMN "province", DROP COLUMN "dla_code", DROP COLUMN "type"`,
    );
  }
}
