import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConclusionTrackAndResolvedRecipients1795318273428 implements MigrationInterface {
  name = 'ConclusionTrackAndResolvedRecipients1795318273428';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // TypeORM does not compare check expressions: this change of ck_case_deadlines_track is by hand
    await queryRunner.query(`ALTER TABLE "case_deadlines" DROP CONSTRAINT "ck_case_deadlines_track"`);
    await queryRunner.query(
      `ALTER TABLE "case_deadlines" ADD CONSTRAINT "ck_case_deadlines_track" CHECK ("track" IN ('complaint', 'integrity_report', 'integrity_report_conclusion'))`,
    );
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "resolve_type" text`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "resolve_id" text`);
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_resolve" CHECK ((resolve_type IS NULL AND resolve_id IS NULL) OR (resolve_type IS NOT NULL AND resolve_id IS NOT NULL AND recipient_email IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_resolve"`,
    );
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "resolve_id"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "resolve_type"`);
    // the conclusion deadlines cannot exist before this migration (their history goes with them)
    await queryRunner.query(`DELETE FROM "case_deadlines" WHERE "track" = 'integrity_report_conclusion'`);
    await queryRunner.query(`ALTER TABLE "case_deadlines" DROP CONSTRAINT "ck_case_deadlines_track"`);
    await queryRunner.query(
      `ALTER TABLE "case_deadlines" ADD CONSTRAINT "ck_case_deadlines_track" CHECK ("track" IN ('complaint', 'integrity_report'))`,
    );
  }
}
