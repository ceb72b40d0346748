import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnnualReports1795319591603 implements MigrationInterface {
  name = 'AnnualReports1795319591603';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "annual_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "fiscal_year" integer NOT NULL, "narrative" jsonb NOT NULL, "updated_by_id" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published" jsonb, "published_at" TIMESTAMP WITH TIME ZONE, "published_by_id" uuid, CONSTRAINT "uq_annual_reports_organization_year" UNIQUE ("organization_id", "fiscal_year"), CONSTRAINT "pk_annual_reports" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "annual_reports" ADD CONSTRAINT "fk_annual_reports_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "annual_reports" DROP CONSTRAINT "fk_annual_reports_organization"`);
    await queryRunner.query(`DROP TABLE "annual_reports"`);
  }
}
