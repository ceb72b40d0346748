import { Body, Controller, Delete, Get, Injectable, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { DomainError } from '../common/errors/domain-error';
import { UuidPipe } from '../common/validation/uuid.pipe';
import { definedOnly } from '../common/validation/validators';
import { RemovalView } from '../organizations/dto/unit.dto';
import { OrganizationsService } from '../organizations/organizations.service';
import { ComplaintCategory } from '../reference-data/entities/complaint-category.entity';
import { Role } from '../users/roles';
import { categoryDescriptionTh } from './category-descriptions';
import { ComplaintCategories } from './complaint-categories';
import { CategoryAdminView, CreateCategoryDto, UpdateCategoryDto } from './dto/category-admin.dto';

const facts = (c: ComplaintCategory) => ({
  code: c.code,
  nameTh: c.nameTh,
  nameEn: c.nameEn,
  descriptionTh: c.descriptionTh,
  descriptionEn: c.descriptionEn,
  defaultUnitId: c.defaultUnitId,
  sortOrder: c.sortOrder,
  isActive: c.isActive,
});

/** Administrators maintain the complaint categories, their descriptions and where each is routed. */
@Injectable()
export class CategoriesAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly categories: ComplaintCategories,
  ) {}

  async list(actor: Actor): Promise<CategoryAdminView[]> {
    const rows = await this.db.getRepository(ComplaintCategory).find({
      where: { organizationId: actor.organizationId },
      order: { sortOrder: 'ASC', code: 'ASC' },
    });
    return Promise.all(rows.map((c) => this.view(c)));
  }

  async create(actor: Actor, dto: CreateCategoryDto): Promise<CategoryAdminView> {
    await this.assertUnit(actor, dto.defaultUnitId);
    const saved = await this.db.transaction(async (tx) => {
      const c = await tx.save(
        tx.create(ComplaintCategory, {
          organizationId: actor.organizationId,
          code: dto.code,
          nameTh: dto.nameTh,
          nameEn: dto.nameEn,
          descriptionTh: dto.descriptionTh ?? null,
          descriptionEn: dto.descriptionEn ?? null,
          defaultUnitId: dto.defaultUnitId ?? null,
          sortOrder: dto.sortOrder ?? 0,
          isActive: true,
        }),
      );
      await this.record(tx, actor, 'create', c, null);
      return c;
    });
    this.categories.forget(actor.organizationId);
    return this.view(saved);
  }

  async update(actor: Actor, id: string, dto: UpdateCategoryDto): Promise<CategoryAdminView> {
    await this.assertUnit(actor, dto.defaultUnitId);
    const saved = await this.db.transaction(async (tx) => {
      const c = await this.own(tx, actor, id);
      const before = facts(c);
      Object.assign(c, definedOnly(dto));
      await tx.save(c);
      await this.record(tx, actor, 'update', c, before);
      return c;
    });
    this.categories.forget(actor.organizationId);
    return this.view(saved);
  }

  /** Deletes a category no complaint has; one with complaints is deactivated instead. */
  async remove(actor: Actor, id: string): Promise<'deleted' | 'deactivated'> {
    const outcome = await this.db.transaction(async (tx) => {
      const c = await this.own(tx, actor, id);
      const [{ used }] = await tx.query<{ used: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM complaints WHERE category_id = $1) AS used`,
        [c.id],
      );
      const before = facts(c);
      if (used) {
        c.isActive = false;
        await tx.save(c);
      } else {
        await tx.delete(ComplaintCategory, { id: c.id });
      }
      await this.audit.record(tx, actor, {
        action: `category.${used ? 'deactivate' : 'delete'}`,
        entityType: 'complaint_category',
        entityId: id,
        before,
      });
      return used ? 'deactivated' : 'deleted';
    });
    this.categories.forget(actor.organizationId);
    return outcome;
  }

  private async assertUnit(actor: Actor, unitId: string | null | undefined): Promise<void> {
    if (!unitId) return;
    const unit = await this.organizations.unit(actor.organizationId, unitId);
    if (!unit?.isActive) {
      throw new DomainError('UNIT_NOT_FOUND', [
        {
          field: 'defaultUnitId',
          rule: 'activeUnit',
          message: 'defaultUnitId must be an active unit of mine',
        },
      ]);
    }
  }

  private async own(tx: EntityManager, actor: Actor, id: string): Promise<ComplaintCategory> {
    const c = await tx.findOne(ComplaintCategory, {
      where: { id, organizationId: actor.organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!c) throw new DomainError('CATEGORY_NOT_FOUND');
    return c;
  }

  private record(
    tx: EntityManager,
    actor: Actor,
    verb: string,
    c: ComplaintCategory,
    before: Record<string, unknown> | null,
  ): Promise<void> {
    return this.audit.record(tx, actor, {
      action: `category.${verb}`,
      entityType: 'complaint_category',
      entityId: c.id,
      before,
      after: facts(c),
    });
  }

  private async view(c: ComplaintCategory): Promise<CategoryAdminView> {
    const unit = c.defaultUnitId ? await this.organizations.unit(c.organizationId, c.defaultUnitId) : null;
    return {
      id: c.id,
      code: c.code,
      nameTh: c.nameTh,
      nameEn: c.nameEn,
      // what citizens read: the built-in default until the administrator writes one
      descriptionTh: categoryDescriptionTh(c),
      descriptionEn: c.descriptionEn,
      defaultUnit: unit ? { id: unit.id, nameTh: unit.nameTh, nameEn: unit.nameEn } : null,
      sortOrder: c.sortOrder,
      isActive: c.isActive,
    };
  }
}

@ApiTags('complaints')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('categories')
export class CategoriesAdminController {
  constructor(private readonly service: CategoriesAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Complaint categories with descriptions and routing, inactive ones included' })
  @ApiOkResponse({ type: [CategoryAdminView] })
  list(@CurrentActor() actor: Actor): Promise<CategoryAdminView[]> {
    return this.service.list(actor);
  }

  @Post()
  @ApiOperation({ summary: 'Add a complaint category routed to a unit (audited)' })
  @ApiCreatedResponse({ type: CategoryAdminView })
  @ApiErrors(404, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCategoryDto): Promise<CategoryAdminView> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename, describe, route, reorder, deactivate or reactivate a category (audited)',
  })
  @ApiOkResponse({ type: CategoryAdminView })
  @ApiErrors(409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateCategoryDto,
  ): Promise<CategoryAdminView> {
    return this.service.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Remove a category: deleted when no complaint has it, otherwise deactivated (audited)',
  })
  @ApiOkResponse({ type: RemovalView })
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<RemovalView> {
    return { outcome: await this.service.remove(actor, id) };
  }
}
