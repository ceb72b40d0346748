import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';
import { UuidPipe } from '../common/validation/uuid.pipe';
import { Role } from '../users/roles';
import { OwnOrganizationView, UnitView } from './unit.view';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { CreateUnitDto, RemovalView, UpdateUnitDto } from './dto/unit.dto';
import { Unit } from './entities/unit.entity';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({ summary: 'Units (สำนัก / กอง) of my organisation, inactive ones included (isActive)' })
  @ApiOkResponse({ type: [UnitView] })
  list(@CurrentActor() actor: Actor): Promise<Unit[]> {
    return this.organizations.units(actor.organizationId);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add a unit (administrators; audited)' })
  @ApiCreatedResponse({ type: UnitView })
  @ApiErrors(409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<Unit> {
    return this.organizations.createUnit(actor, dto);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Rename, reorder, deactivate or reactivate a unit (administrators; audited)' })
  @ApiOkResponse({ type: UnitView })
  @ApiErrors(409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateUnitDto,
  ): Promise<Unit> {
    return this.organizations.updateUnit(actor, id, dto);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Remove a unit: deleted when nothing refers to it, otherwise deactivated so its cases keep their ' +
      'history (administrators; audited)',
  })
  @ApiOkResponse({ type: RemovalView })
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<RemovalView> {
    return { outcome: await this.organizations.removeUnit(actor, id) };
  }
}

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organization')
export class OrganizationController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({
    summary: 'My organisation: its name (printed on slips and letters) and slug (for the public routes)',
  })
  @ApiOkResponse({ type: OwnOrganizationView })
  async mine(@CurrentActor() actor: Actor): Promise<OwnOrganizationView> {
    const org = await this.organizations.byId(actor.organizationId);
    return { id: org.id, slug: org.slug, nameTh: org.nameTh, nameEn: org.nameEn };
  }
}
