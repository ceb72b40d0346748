import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntegrityReports1795315535165 implements MigrationInterface {
  name = 'IntegrityReports1795315535165';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "integrity_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "number" text NOT NULL, "fiscal_year" integer NOT NULL, "receipt_hash" text NOT NULL, "kind" text NOT NULL, "allegation_type_code" text NOT NULL, "description" text NOT NULL, "accused" jsonb, "incident_date" date, "incident_period" text, "place" text, "evidence" jsonb, "reporter_relation" text, "identity_provided" boolean NOT NULL DEFAULT false, "status" text NOT NULL DEFAULT 'received', "received_on" date NOT NULL, "first_response_due_on" date, "first_response_on" date, "decided_on" date, "closed_on" date, "outcome" text, "referral_agency" text, "workflow" jsonb NOT NULL DEFAULT '{}'::jsonb, "last_message_seq" integer NOT NULL DEFAULT '0', CONSTRAINT "uq_integrity_reports_number" UNIQUE ("organization_id", "number"), CONSTRAINT "uq_integrity_reports_receipt_hash" UNIQUE ("organization_id", "receipt_hash"), CONSTRAINT "ck_integrity_reports_kind" CHECK (kind IN ('complaint', 'tip')), CONSTRAINT "ck_integrity_reports_status" CHECK (status IN ('received', 'screening', 'not_admissible', 'referred', 'fact_finding', 'concluded', 'closed')), CONSTRAINT "pk_integrity_reports" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integrity_reports_organization_received" ON "integrity_reports"  ("organization_id", "received_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integrity_reports_organization_status" ON "integrity_reports"  ("organization_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "integrity_identity_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "report_id" uuid NOT NULL, "requested_by_user_id" uuid NOT NULL, "justification" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by_user_id" uuid, "decision_reason" text, "decided_at" TIMESTAMP WITH TIME ZONE, "access_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_integrity_identity_requests_status" CHECK (status IN ('pending', 'approved', 'denied')), CONSTRAINT "pk_integrity_identity_requests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integrity_identity_requests_report" ON "integrity_identity_requests"  ("report_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integrity_identity_requests_organization_status" ON "integrity_identity_requests"  ("organization_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "integrity_receipt_salts" ("organization_id" uuid NOT NULL, "salt" bytea NOT NULL, CONSTRAINT "pk_integrity_receipt_salts" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "integrity_report_access" ("report_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" text NOT NULL, "reason" text, "changed_by_user_id" uuid, "changed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_integrity_report_access_status" CHECK (status IN ('granted', 'recused')), CONSTRAINT "pk_integrity_report_access" PRIMARY KEY ("report_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integrity_report_access_user" ON "integrity_report_access"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "integrity_report_counters" ("organization_id" uuid NOT NULL, "fiscal_year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "pk_integrity_report_counters" PRIMARY KEY ("organization_id", "fiscal_year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "integrity_report_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "seq" integer NOT NULL, "author" text NOT NULL, "author_user_id" uuid, "body" text NOT NULL, "sent_on" date NOT NULL, CONSTRAINT "uq_integrity_report_messages_report_seq" UNIQUE ("report_id", "seq"), CONSTRAINT "ck_integrity_report_messages_author" CHECK (author IN ('reporter', 'officer')), CONSTRAINT "pk_integrity_report_messages" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "integrity_report_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "author_user_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_integrity_report_notes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integrity_report_notes_report" ON "integrity_report_notes"  ("report_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "integrity_report_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "action" text NOT NULL, "from_status" text NOT NULL, "to_status" text NOT NULL, "actor_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_integrity_report_transitions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integrity_report_transitions_report" ON "integrity_report_transitions"  ("report_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "integrity_reporter_identities" ("report_id" uuid NOT NULL, "key_id" text NOT NULL, "iv" bytea NOT NULL, "ciphertext" bytea NOT NULL, "auth_tag" bytea NOT NULL, CONSTRAINT "pk_integrity_reporter_identities" PRIMARY KEY ("report_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_reports" ADD CONSTRAINT "fk_integrity_reports_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_reports" ADD CONSTRAINT "fk_integrity_reports_allegation_type" FOREIGN KEY ("allegation_type_code") REFERENCES "allegation_types"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_identity_requests" ADD CONSTRAINT "fk_integrity_identity_requests_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_identity_requests" ADD CONSTRAINT "fk_integrity_identity_requests_report" FOREIGN KEY ("report_id") REFERENCES "integrity_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_identity_requests" ADD CONSTRAINT "fk_integrity_identity_requests_requested_by" FOREIGN KEY ("requested_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_identity_requests" ADD CONSTRAINT "fk_integrity_identity_requests_decided_by" FOREIGN KEY ("decided_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_receipt_salts" ADD CONSTRAINT "fk_integrity_receipt_salts_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_access" ADD CONSTRAINT "fk_integrity_report_access_report" FOREIGN KEY ("report_id") REFERENCES "integrity_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_access" ADD CONSTRAINT "fk_integrity_report_access_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_counters" ADD CONSTRAINT "fk_integrity_report_counters_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_messages" ADD CONSTRAINT "fk_integrity_report_messages_report" FOREIGN KEY ("report_id") REFERENCES "integrity_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_messages" ADD CONSTRAINT "fk_integrity_report_messages_author" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_notes" ADD CONSTRAINT "fk_integrity_report_notes_report" FOREIGN KEY ("report_id") REFERENCES "integrity_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_notes" ADD CONSTRAINT "fk_integrity_report_notes_author" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_transitions" ADD CONSTRAINT "fk_integrity_report_transitions_report" FOREIGN KEY ("report_id") REFERENCES "integrity_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_transitions" ADD CONSTRAINT "fk_integrity_report_transitions_actor" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_reporter_identities" ADD CONSTRAINT "fk_integrity_reporter_identities_report" FOREIGN KEY ("report_id") REFERENCES "integrity_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "integrity_reporter_identities" DROP CONSTRAINT "fk_integrity_reporter_identities_report"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_transitions" DROP CONSTRAINT "fk_integrity_report_transitions_actor"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_transitions" DROP CONSTRAINT "fk_integrity_report_transitions_report"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_notes" DROP CONSTRAINT "fk_integrity_report_notes_author"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_notes" DROP CONSTRAINT "fk_integrity_report_notes_report"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_messages" DROP CONSTRAINT "fk_integrity_report_messages_author"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_messages" DROP CONSTRAINT "fk_integrity_report_messages_report"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_counters" DROP CONSTRAINT "fk_integrity_report_counters_organization"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_access" DROP CONSTRAINT "fk_integrity_report_access_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_access" DROP CONSTRAINT "fk_integrity_report_access_report"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_receipt_salts" DROP CONSTRAINT "fk_integrity_receipt_salts_organization"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_identity_requests" DROP CONSTRAINT "fk_integrity_identity_requests_decided_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_identity_requests" DROP CONSTRAINT "fk_integrity_identity_requests_requested_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_identity_requests" DROP CONSTRAINT "fk_integrity_identity_requests_report"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_identity_requests" DROP CONSTRAINT "fk_integrity_identity_requests_organization"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_reports" DROP CONSTRAINT "fk_integrity_reports_allegation_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_reports" DROP CONSTRAINT "fk_integrity_reports_organization"`,
    );
    await queryRunner.query(`DROP TABLE "integrity_reporter_identities"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integrity_report_transitions_report"`);
    await queryRunner.query(`DROP TABLE "integrity_report_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integrity_report_notes_report"`);
    await queryRunner.query(`DROP TABLE "integrity_report_notes"`);
    await queryRunner.query(`DROP TABLE "integrity_report_messages"`);
    await queryRunner.query(`DROP TABLE "integrity_report_counters"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integrity_report_access_user"`);
    await queryRunner.query(`DROP TABLE "integrity_report_access"`);
    await queryRunner.query(`DROP TABLE "integrity_receipt_salts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integrity_identity_requests_organization_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integrity_identity_requests_report"`);
    await queryRunner.query(`DROP TABLE "integrity_identity_requests"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integrity_reports_organization_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integrity_reports_organization_received"`);
    await queryRunner.query(`DROP TABLE "integrity_reports"`);
  }
}
