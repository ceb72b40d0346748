import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnitView } from './unit.view';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { Unit } from './entities/unit.entity';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({ summary: 'Units (สำนัก / กอง) of my organisation' })
  @ApiOkResponse({ type: [UnitView] })
  list(@CurrentActor() actor: Actor): Promise<Unit[]> {
    return this.organizations.units(actor.organizationId);
  }
}
