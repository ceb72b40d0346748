import { MigrationInterface, QueryRunner } from 'typeorm';

/** Complaint categories get a description (Thai and English) that administrators maintain. */
export class CategoryDescriptions1796100000001 implements MigrationInterface {
  name = 'CategoryDescriptions1796100000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint_categories" ADD "description_th" text`);
    await queryRunner.query(`ALTER TABLE "complaint_categories" ADD "description_en" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint_categories" DROP COLUMN "description_en"`);
    await queryRunner.query(`ALTER TABLE "complaint_categories" DROP COLUMN "description_th"`);
  }
}
