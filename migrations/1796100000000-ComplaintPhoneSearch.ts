import { MigrationInterface, QueryRunner } from 'typeorm';

/** Officers' search by the complainant's phone number (normalised digits) within an organisation. */
export class ComplaintPhoneSearch1796100000000 implements MigrationInterface {
  name = 'ComplaintPhoneSearch1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_organization_phone" ON "complaints" ("organization_id", "complainant_phone") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_organization_phone"`);
  }
}
