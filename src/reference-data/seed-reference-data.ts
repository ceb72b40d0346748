import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Holiday, HolidayKind } from '../deadlines/entities/holiday.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { Unit } from '../organizations/entities/unit.entity';
import { AllegationType } from './entities/allegation-type.entity';
import { ComplaintCategory } from './entities/complaint-category.entity';
import allegationTypes from './data/allegation-types.json';
import categories from './data/complaint-categories.json';
import units from './data/default-units.json';
import holidays from './data/holidays-th.json';

/**
 * Seeds reference data from the files in ./data: national holidays and allegation types, and for the
 * organisation named by ORG_SLUG its record, units and complaint categories. Idempotent: rows that
 * exist are left as they are (an administrator may have edited them), missing ones are added.
 */
export async function seedReferenceData(db: DataSource, config: AppConfig): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .createQueryBuilder()
      .insert()
      .into(Holiday)
      .values(
        holidays.map((h) => ({
          organizationId: null,
          date: h.date,
          nameTh: h.nameTh,
          nameEn: h.nameEn,
          kind: h.kind as HolidayKind,
        })),
      )
      .orIgnore()
      .execute();
    await tx.createQueryBuilder().insert().into(AllegationType).values(allegationTypes).orIgnore().execute();
    await tx
      .createQueryBuilder()
      .insert()
      .into(Organization)
      .values({ slug: config.organization.slug, nameTh: config.organization.name })
      .orIgnore()
      .execute();
    const org = await tx.findOneByOrFail(Organization, { slug: config.organization.slug });
    await seedOrganizationStructure(tx, org.id);
  });
}

/** Default units and categories of one organisation (also used when an organisation is added). */
export async function seedOrganizationStructure(tx: EntityManager, organizationId: string): Promise<void> {
  await tx
    .createQueryBuilder()
    .insert()
    .into(Unit)
    .values(
      units.map((u) => ({
        organizationId,
        code: u.code,
        nameTh: u.nameTh,
        nameEn: u.nameEn,
        sortOrder: u.sortOrder,
      })),
    )
    .orIgnore()
    .execute();
  const unitIds = new Map((await tx.findBy(Unit, { organizationId })).map((u) => [u.code, u.id]));
  await tx
    .createQueryBuilder()
    .insert()
    .into(ComplaintCategory)
    .values(
      categories.map((c) => ({
        organizationId,
        code: c.code,
        nameTh: c.nameTh,
        nameEn: c.nameEn,
        defaultUnitId: unitIds.get(c.defaultUnitCode) ?? null,
        sortOrder: c.sortOrder,
      })),
    )
    .orIgnore()
    .execute();
}
