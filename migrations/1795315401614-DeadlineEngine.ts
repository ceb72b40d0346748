import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlineEngine1795315401614 implements MigrationInterface {
  name = 'DeadlineEngine1795315401614';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_deadlines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "track" text NOT NULL, "case_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_date" date NOT NULL, "mode" text NOT NULL, "period_days" integer NOT NULL, "original_due_date" date NOT NULL, "current_due_date" date NOT NULL, "due_set_at" TIMESTAMP WITH TIME ZONE NOT NULL, "extension_due_date" date, "paused_days" integer NOT NULL DEFAULT '0', "paused_days_since_extension" integer NOT NULL DEFAULT '0', "paused_since" TIMESTAMP WITH TIME ZONE, "first_response_at" TIMESTAMP WITH TIME ZONE, "explained_at" TIMESTAMP WITH TIME ZONE, "due_date_before_explanation" date, "overdue_since" TIMESTAMP WITH TIME ZONE, "result_at" TIMESTAMP WITH TIME ZONE, "outcome" text, "reminder_from" date, "very_overdue_date" date NOT NULL, "next_milestone_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_case_deadlines_track_case" UNIQUE ("track", "case_id"), CONSTRAINT "ck_case_deadlines_mode" CHECK ("mode" IN ('calendar', 'working_days')), CONSTRAINT "ck_case_deadlines_track" CHECK ("track" IN ('complaint', 'integrity_report')), CONSTRAINT "pk_case_deadlines" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_deadlines_open" ON "case_deadlines"  ("organization_id", "very_overdue_date") WHERE result_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_deadlines_next_milestone" ON "case_deadlines"  ("next_milestone_at") WHERE next_milestone_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_deadline_changes" ("id" BIGSERIAL NOT NULL, "deadline_id" uuid NOT NULL, "kind" text NOT NULL, "previous_due_date" date NOT NULL, "new_due_date" date NOT NULL, "reason" text NOT NULL, "timely" boolean, "actor_user_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_case_deadline_changes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_deadline_changes_deadline" ON "case_deadline_changes"  ("deadline_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_deadline_milestones" ("id" BIGSERIAL NOT NULL, "deadline_id" uuid NOT NULL, "key" text NOT NULL, "milestone" text NOT NULL, "target_date" date NOT NULL, "fire_at" TIMESTAMP WITH TIME ZONE NOT NULL, "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notified" boolean NOT NULL, CONSTRAINT "uq_case_deadline_milestones_occurrence" UNIQUE ("deadline_id", "key", "target_date"), CONSTRAINT "pk_case_deadline_milestones" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_deadline_pauses" ("id" BIGSERIAL NOT NULL, "deadline_id" uuid NOT NULL, "paused_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resumed_at" TIMESTAMP WITH TIME ZONE, "paused_days" integer, CONSTRAINT "pk_case_deadline_pauses" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_deadline_pauses_deadline" ON "case_deadline_pauses"  ("deadline_id", "paused_at") `,
    );
    await queryRunner.query(`ALTER TABLE "holidays" ADD "removed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "case_deadlines" ADD CONSTRAINT "fk_case_deadlines_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_deadline_changes" ADD CONSTRAINT "fk_case_deadline_changes_deadline" FOREIGN KEY ("deadline_id") REFERENCES "case_deadlines"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_deadline_milestones" ADD CONSTRAINT "fk_case_deadline_milestones_deadline" FOREIGN KEY ("deadline_id") REFERENCES "case_deadlines"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_deadline_pauses" ADD CONSTRAINT "fk_case_deadline_pauses_deadline" FOREIGN KEY ("deadline_id") REFERENCES "case_deadlines"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "case_deadline_pauses" DROP CONSTRAINT "fk_case_deadline_pauses_deadline"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_deadline_milestones" DROP CONSTRAINT "fk_case_deadline_milestones_deadline"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_deadline_changes" DROP CONSTRAINT "fk_case_deadline_changes_deadline"`,
    );
    await queryRunner.query(`ALTER TABLE "case_deadlines" DROP CONSTRAINT "fk_case_deadlines_organization"`);
    await queryRunner.query(`ALTER TABLE "holidays" DROP COLUMN "removed_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_deadline_pauses_deadline"`);
    await queryRunner.query(`DROP TABLE "case_deadline_pauses"`);
    await queryRunner.query(`DROP TABLE "case_deadline_milestones"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_deadline_changes_deadline"`);
    await queryRunner.query(`DROP TABLE "case_deadline_changes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_deadlines_next_milestone"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_deadlines_open"`);
    await queryRunner.query(`DROP TABLE "case_deadlines"`);
  }
}
