import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntegrityDeadlinesFromEngine1795318488207 implements MigrationInterface {
  name = 'IntegrityDeadlinesFromEngine1795318488207';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // the due dates are the deadline engine's now; a worker start gives reports received before this
    // their deadlines (ReportDeadlines.startMissing)
    await queryRunner.query(`ALTER TABLE "integrity_reports" DROP COLUMN "first_response_due_on"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "integrity_reports" ADD "first_response_due_on" date`);
  }
}
