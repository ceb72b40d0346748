import { MigrationInterface, QueryRunner } from 'typeorm';

/** Counters of operational events (Redis data lost, deadline timers rebuilt) for /metrics. */
export class OperationalCounters1795550000001 implements MigrationInterface {
  name = 'OperationalCounters1795550000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "operational_counters" ("name" text NOT NULL, "value" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_operational_counters" PRIMARY KEY ("name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "operational_counters"`);
  }
}
