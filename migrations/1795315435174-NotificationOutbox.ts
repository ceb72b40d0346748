import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationOutbox1795315435174 implements MigrationInterface {
  name = 'NotificationOutbox1795315435174';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_outbox" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "template" text NOT NULL, "recipient_kind" text NOT NULL, "recipient_email" text, "recipient_name" text, "recipient_hash" text, "params" jsonb, "status" text NOT NULL, "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "dedupe_key" text, "subject_type" text, "subject_id" text, "message_id" text NOT NULL, "round" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "smtp_response" text, "request_id" text, "queued_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_notification_outbox_message_id" UNIQUE ("message_id"), CONSTRAINT "uq_notification_outbox_dedupe" UNIQUE ("organization_id", "dedupe_key"), CONSTRAINT "ck_notification_outbox_recipient_kind" CHECK (recipient_kind IN ('complainant', 'reporter', 'officer')), CONSTRAINT "ck_notification_outbox_status" CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'not_sent', 'suppressed')), CONSTRAINT "pk_notification_outbox" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_outbox_recipient_attempt" ON "notification_outbox"  ("recipient_hash", "last_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_outbox_organization_status" ON "notification_outbox"  ("organization_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_outbox_due" ON "notification_outbox"  ("status", "not_before") `,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD CONSTRAINT "fk_notification_outbox_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" DROP CONSTRAINT "fk_notification_outbox_organization"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_organization_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_recipient_attempt"`);
    await queryRunner.query(`DROP TABLE "notification_outbox"`);
  }
}
