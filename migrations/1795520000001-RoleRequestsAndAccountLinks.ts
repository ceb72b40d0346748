import { MigrationInterface, QueryRunner } from 'typeorm';

export class RoleRequestsAndAccountLinks1795520000001 implements MigrationInterface {
  name = 'RoleRequestsAndAccountLinks1795520000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" text NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_account_links_purpose" CHECK (purpose IN ('invitation', 'reset')), CONSTRAINT "pk_account_links" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_account_links_user" ON "account_links"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_account_links_token_hash" ON "account_links"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "role_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "requested_by_user_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'pending', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by_user_id" uuid, "decision_reason" text, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_role_requests_status" CHECK (status IN ('pending', 'approved', 'denied')), CONSTRAINT "pk_role_requests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_requests_pending" ON "role_requests"  ("user_id", "role") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_role_requests_organization_status" ON "role_requests"  ("organization_id", "status") `,
    );
    await queryRunner.query(
      `ALTER TABLE "account_links" ADD CONSTRAINT "fk_account_links_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_requests" ADD CONSTRAINT "fk_role_requests_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_requests" ADD CONSTRAINT "fk_role_requests_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_requests" ADD CONSTRAINT "fk_role_requests_requested_by" FOREIGN KEY ("requested_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_requests" ADD CONSTRAINT "fk_role_requests_decided_by" FOREIGN KEY ("decided_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "role_requests" DROP CONSTRAINT "fk_role_requests_decided_by"`);
    await queryRunner.query(`ALTER TABLE "role_requests" DROP CONSTRAINT "fk_role_requests_requested_by"`);
    await queryRunner.query(`ALTER TABLE "role_requests" DROP CONSTRAINT "fk_role_requests_user"`);
    await queryRunner.query(`ALTER TABLE "role_requests" DROP CONSTRAINT "fk_role_requests_organization"`);
    await queryRunner.query(`ALTER TABLE "account_links" DROP CONSTRAINT "fk_account_links_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_requests_organization_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_requests_pending"`);
    await queryRunner.query(`DROP TABLE "role_requests"`);
    await queryRunner.query(`DROP INDEX "public"."uq_account_links_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_links_user"`);
    await queryRunner.query(`DROP TABLE "account_links"`);
  }
}
