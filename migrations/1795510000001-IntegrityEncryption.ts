import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: integrity reports encrypted per report and per reader. Adds the officers' key pairs, the
 * wrapped keys of each report, and sealed columns beside the plain ones; the plain columns become
 * nullable and are emptied by the `encrypt-integrity-reports` command (existing rows need the officers'
 * public keys, which only exist once they have signed in, so this schema step cannot do it).
 */
export class IntegrityEncryption1795510000001 implements MigrationInterface {
  name = 'IntegrityEncryption1795510000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "integrity_officer_keys" ("user_id" uuid NOT NULL, "public_key" bytea NOT NULL, "kek_salt" bytea NOT NULL, "private_key_by_password" bytea NOT NULL, "private_key_by_recovery" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_integrity_officer_keys" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "integrity_report_keys" ("report_id" uuid NOT NULL, "user_id" uuid NOT NULL, "secret" text NOT NULL, "wrapped" bytea NOT NULL, CONSTRAINT "ck_integrity_report_keys_secret" CHECK (secret IN ('data', 'identity', 'reporter_kek')), CONSTRAINT "pk_integrity_report_keys" PRIMARY KEY ("report_id", "user_id", "secret"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integrity_report_keys_user" ON "integrity_report_keys" ("user_id") `,
    );
    await queryRunner.query(`ALTER TABLE "integrity_reports" ADD "sealed_contents" bytea`);
    await queryRunner.query(`ALTER TABLE "integrity_reports" ADD "reporter_key_salt" bytea`);
    await queryRunner.query(`ALTER TABLE "integrity_reports" ADD "reporter_wrapped_key" bytea`);
    await queryRunner.query(`ALTER TABLE "integrity_reports" ADD "sealed_particulars" bytea`);
    await queryRunner.query(`ALTER TABLE "integrity_identity_requests" ADD "identity_key_wrapped" bytea`);
    await queryRunner.query(`ALTER TABLE "integrity_report_notes" ADD "sealed_body" bytea`);
    await queryRunner.query(`ALTER TABLE "integrity_report_messages" ADD "sealed_body" bytea`);
    await queryRunner.query(`ALTER TABLE "integrity_reporter_identities" ADD "sealed" bytea`);
    await queryRunner.query(`ALTER TABLE "integrity_reporter_identities" ADD "reporter_wrapped_key" bytea`);
    await queryRunner.query(`ALTER TABLE "integrity_reporter_identities" ADD "notice_address" jsonb`);
    await queryRunner.query(`ALTER TABLE "integrity_reports" ALTER COLUMN "description" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "integrity_report_notes" ALTER COLUMN "body" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "integrity_report_messages" ALTER COLUMN "body" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "integrity_reporter_identities" ALTER COLUMN "key_id" DROP NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "integrity_reporter_identities" ALTER COLUMN "iv" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "integrity_reporter_identities" ALTER COLUMN "ciphertext" DROP NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_reporter_identities" ALTER COLUMN "auth_tag" DROP NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_officer_keys" ADD CONSTRAINT "fk_integrity_officer_keys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_keys" ADD CONSTRAINT "fk_integrity_report_keys_report" FOREIGN KEY ("report_id") REFERENCES "integrity_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_keys" ADD CONSTRAINT "fk_integrity_report_keys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "integrity_officer_keys" DROP CONSTRAINT "fk_integrity_officer_keys_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_keys" DROP CONSTRAINT "fk_integrity_report_keys_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrity_report_keys" DROP CONSTRAINT "fk_integrity_report_keys_report"`,
    );
    for (const column of ['key_id', 'iv', 'ciphertext', 'auth_tag']) {
      await queryRunner.query(
        `ALTER TABLE "integrity_reporter_identities" ALTER COLUMN "${column}" SET NOT NULL`,
      );
    }
    await queryRunner.query(`ALTER TABLE "integrity_report_notes" ALTER COLUMN "body" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "integrity_report_messages" ALTER COLUMN "body" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "integrity_reports" ALTER COLUMN "description" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "integrity_reporter_identities" DROP COLUMN "notice_address"`);
    await queryRunner.query(`ALTER TABLE "integrity_reporter_identities" DROP COLUMN "reporter_wrapped_key"`);
    await queryRunner.query(`ALTER TABLE "integrity_reporter_identities" DROP COLUMN "sealed"`);
    await queryRunner.query(`ALTER TABLE "integrity_report_notes" DROP COLUMN "sealed_body"`);
    await queryRunner.query(`ALTER TABLE "integrity_identity_requests" DROP COLUMN "identity_key_wrapped"`);
    await queryRunner.query(`ALTER TABLE "integrity_report_messages" DROP COLUMN "sealed_body"`);
    await queryRunner.query(`ALTER TABLE "integrity_reports" DROP COLUMN "sealed_particulars"`);
    await queryRunner.query(`ALTER TABLE "integrity_reports" DROP COLUMN "reporter_wrapped_key"`);
    await queryRunner.query(`ALTER TABLE "integrity_reports" DROP COLUMN "reporter_key_salt"`);
    await queryRunner.query(`ALTER TABLE "integrity_reports" DROP COLUMN "sealed_contents"`);
    await queryRunner.query(`DROP TABLE "integrity_officer_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integrity_report_keys_user"`);
    await queryRunner.query(`DROP TABLE "integrity_report_keys"`);
  }
}
