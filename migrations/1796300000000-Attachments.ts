import { MigrationInterface, QueryRunner } from 'typeorm';

/** Attachments (issue 17): the files of cases, the embedded blob store, and uploads not yet linked. */
export class Attachments1796300000000 implements MigrationInterface {
  name = 'Attachments1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attachment_chunks" ("blob_key" text NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "pk_attachment_chunks" PRIMARY KEY ("blob_key", "seq"))`,
    );
    // photos and PDFs do not compress: store the pieces out of line without trying
    await queryRunner.query(`ALTER TABLE "attachment_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
    await queryRunner.query(
      `CREATE TABLE "attachment_uploads" ("blob_key" text NOT NULL, "started_hour" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT date_trunc('hour', now()), CONSTRAINT "pk_attachment_uploads" PRIMARY KEY ("blob_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ordinal" integer NOT NULL, "organization_id" uuid NOT NULL, "case_track" text NOT NULL, "case_id" uuid NOT NULL, "source" text NOT NULL, "uploaded_by" uuid, "is_public" boolean NOT NULL DEFAULT false, "content_type" text NOT NULL, "size_bytes" bigint NOT NULL, "file_name" text, "blob_key" text NOT NULL, "thumbnail_key" text, "file_seal" bytea, "thumbnail_seal" bytea, "attached_on" date NOT NULL DEFAULT ('now'::text)::date, CONSTRAINT "ck_attachments_source" CHECK (source IN ('citizen', 'reporter', 'officer')), CONSTRAINT "uq_attachments_case_ordinal" UNIQUE ("case_track", "case_id", "ordinal"), CONSTRAINT "pk_attachments" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "attachments"`);
    await queryRunner.query(`DROP TABLE "attachment_uploads"`);
    await queryRunner.query(`DROP TABLE "attachment_chunks"`);
  }
}
