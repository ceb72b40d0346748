import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New cases' timers are set by the worker (the sweeper pass) instead of the request that filed
 * them: `timers_set` marks the cases done. Cases that exist already had theirs set when filed.
 */
export class TimersArmedByWorker1795400000000 implements MigrationInterface {
  name = 'TimersArmedByWorker1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // existing rows take true without a table rewrite; rows written from now on start false
    await queryRunner.query(`ALTER TABLE "case_deadlines" ADD "timers_set" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "case_deadlines" ALTER COLUMN "timers_set" SET DEFAULT false`);
    await queryRunner.query(
      `CREATE INDEX "ix_case_deadlines_timers_unset" ON "case_deadlines" ("created_at") WHERE NOT timers_set`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_case_deadlines_timers_unset"`);
    await queryRunner.query(`ALTER TABLE "case_deadlines" DROP COLUMN "timers_set"`);
  }
}
