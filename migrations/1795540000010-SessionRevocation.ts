import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access tokens name their session (the refresh-token family); every officer request checks that the
 * family still has a live token, so logout and a replayed refresh token end the access token at once.
 */
export class SessionRevocation1795540000010 implements MigrationInterface {
  name = 'SessionRevocation1795540000010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_live_family" ON "refresh_tokens" ("family_id") WHERE revoked_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_live_family"`);
  }
}
