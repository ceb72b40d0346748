import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `organization_id` on every table whose rows belong to one organisation (issue 18, item 3): the
 * child tables that reached their organisation only through a parent get it themselves, filled from
 * that parent, so that row-level security can judge each row by its own column.
 */
const CHILDREN: { table: string; parent: string; via: string }[] = [
  { table: 'account_links', parent: 'users', via: 'user_id' },
  { table: 'refresh_tokens', parent: 'users', via: 'user_id' },
  { table: 'integrity_officer_keys', parent: 'users', via: 'user_id' },
  { table: 'case_deadline_changes', parent: 'case_deadlines', via: 'deadline_id' },
  { table: 'case_deadline_pauses', parent: 'case_deadlines', via: 'deadline_id' },
  { table: 'case_deadline_milestones', parent: 'case_deadlines', via: 'deadline_id' },
  { table: 'integrity_report_access', parent: 'integrity_reports', via: 'report_id' },
  { table: 'integrity_report_keys', parent: 'integrity_reports', via: 'report_id' },
  { table: 'integrity_report_messages', parent: 'integrity_reports', via: 'report_id' },
  { table: 'integrity_report_notes', parent: 'integrity_reports', via: 'report_id' },
  { table: 'integrity_report_transitions', parent: 'integrity_reports', via: 'report_id' },
  { table: 'integrity_reporter_identities', parent: 'integrity_reports', via: 'report_id' },
];

export class OrganizationOnEveryTenantTable1797600000000 implements MigrationInterface {
  name = 'OrganizationOnEveryTenantTable1797600000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const { table, parent, via } of CHILDREN) {
      await q.query(`ALTER TABLE "${table}" ADD "organization_id" uuid`);
      await q.query(
        `UPDATE "${table}" AS c SET "organization_id" = p."organization_id"
           FROM "${parent}" AS p WHERE p."id" = c."${via}"`,
      );
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN "organization_id" SET NOT NULL`);
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_organization" FOREIGN KEY ("organization_id")
           REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const { table } of [...CHILDREN].reverse()) {
      await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "fk_${table}_organization"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "organization_id"`);
    }
  }
}
