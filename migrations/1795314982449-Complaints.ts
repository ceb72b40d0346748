import { MigrationInterface, QueryRunner } from 'typeorm';

export class Complaints1795314982449 implements MigrationInterface {
  name = 'Complaints1795314982449';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_records" ("scoped_key" text NOT NULL, "request_hash" text NOT NULL, "status_code" integer NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_idempotency_records" PRIMARY KEY ("scoped_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "reference_counters" ("organization_id" uuid NOT NULL, "series" text NOT NULL, "fiscal_year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "pk_reference_counters" PRIMARY KEY ("organization_id", "series", "fiscal_year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "complaints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "reference_no" text NOT NULL, "fiscal_year" integer NOT NULL, "tracking_code_hash" text NOT NULL, "category_id" uuid NOT NULL, "channel" text NOT NULL, "status" text NOT NULL, "unit_id" uuid, "assignee_id" uuid, "subject" text NOT NULL, "description" text NOT NULL, "location_address" text, "location_village" text, "latitude" double precision, "longitude" double precision, "complainant_name" text, "complainant_phone" text, "complainant_email" text, "consent_to_contact" boolean NOT NULL DEFAULT false, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "registered_by_id" uuid, "duplicate_of_id" uuid, "reopen_count" integer NOT NULL DEFAULT '0', "result_message" text, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "rating" smallint, "rating_comment" text, "rated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_complaints_tracking_code_hash" UNIQUE ("tracking_code_hash"), CONSTRAINT "uq_complaints_organization_reference" UNIQUE ("organization_id", "reference_no"), CONSTRAINT "pk_complaints" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_complaints_assignee" ON "complaints"  ("assignee_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_unit_status" ON "complaints"  ("unit_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_organization_status" ON "complaints"  ("organization_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_organization_received" ON "complaints"  ("organization_id", "received_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "complaint_events" ("id" BIGSERIAL NOT NULL, "complaint_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "type" text NOT NULL, "action" text, "from_status" text, "to_status" text, "actor_user_id" uuid, "is_public" boolean NOT NULL, "message" text, "data" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_complaint_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaint_events_complaint" ON "complaint_events"  ("complaint_id", "id") `,
    );
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "settings" SET DEFAULT '{}'::jsonb`);
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "fk_complaints_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "fk_complaints_category" FOREIGN KEY ("category_id") REFERENCES "complaint_categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "fk_complaints_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "fk_complaints_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "fk_complaints_duplicate_of" FOREIGN KEY ("duplicate_of_id") REFERENCES "complaints"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaint_events" ADD CONSTRAINT "fk_complaint_events_complaint" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Thai has no spaces between words: search by substring, served by a trigram index.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_search_trgm" ON "complaints" USING gin ((subject || ' ' || description) gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_complaints_search_trgm"`);
    await queryRunner.query(`ALTER TABLE "complaint_events" DROP CONSTRAINT "fk_complaint_events_complaint"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP CONSTRAINT "fk_complaints_duplicate_of"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP CONSTRAINT "fk_complaints_assignee"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP CONSTRAINT "fk_complaints_unit"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP CONSTRAINT "fk_complaints_category"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP CONSTRAINT "fk_complaints_organization"`);
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "settings" SET DEFAULT '{}'`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_events_complaint"`);
    await queryRunner.query(`DROP TABLE "complaint_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_organization_received"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_organization_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_unit_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_assignee"`);
    await queryRunner.query(`DROP TABLE "complaints"`);
    await queryRunner.query(`DROP TABLE "reference_counters"`);
    await queryRunner.query(`DROP TABLE "idempotency_records"`);
  }
}
