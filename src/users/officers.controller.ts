import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, hasRole } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { OrganizationsService } from '../organizations/organizations.service';
import { OfficerDirectoryEntryView, OfficerDirectoryQuery } from './dto/officer-directory.dto';
import { OfficerDirectory } from './officer-directory';
import { Role } from './roles';

/** Roles that assign work and so must find the people to assign it to. */
export const ASSIGNING_ROLES = [Role.Intake, Role.UnitHead, Role.Supervisor, Role.Admin];

@ApiTags('users')
@ApiBearerAuth()
@Roles(...ASSIGNING_ROLES)
@Controller('officers')
export class OfficersController {
  constructor(
    private readonly directory: OfficerDirectory,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Active officers of my organisation with their unit and roles, for picking an assignee ' +
      '(e-mail shown to administrators only)',
  })
  @ApiOkResponse({ type: [OfficerDirectoryEntryView] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: OfficerDirectoryQuery,
  ): Promise<OfficerDirectoryEntryView[]> {
    const [officers, units] = await Promise.all([
      this.directory.active(actor.organizationId),
      this.organizations.units(actor.organizationId),
    ]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const withEmail = hasRole(actor, Role.Admin);
    return officers
      .filter((o) => !query.unitId || o.unitId === query.unitId)
      .map((o) => {
        const unit = o.unitId ? unitById.get(o.unitId) : undefined;
        return {
          id: o.userId,
          displayName: o.name,
          roles: o.roles,
          unit: unit ? { id: unit.id, nameTh: unit.nameTh, nameEn: unit.nameEn } : null,
          ...(withEmail ? { email: o.email } : {}),
        };
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'th'));
  }
}
