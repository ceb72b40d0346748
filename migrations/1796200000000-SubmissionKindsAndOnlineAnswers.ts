import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Suggestions and compliments beside complaints (complaints.kind), and the organisation's choice
 * whether a complainant's online answer restarts the deadline clock (organizations.answer_resumes_clock).
 */
export class SubmissionKindsAndOnlineAnswers1796200000000 implements MigrationInterface {
  name = 'SubmissionKindsAndOnlineAnswers1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaints" ADD "kind" text NOT NULL DEFAULT 'complaint'`);
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "ck_complaints_kind" CHECK (kind IN ('complaint', 'suggestion', 'compliment'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "answer_resumes_clock" boolean NOT NULL DEFAULT true`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "answer_resumes_clock"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP CONSTRAINT "ck_complaints_kind"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "kind"`);
  }
}
