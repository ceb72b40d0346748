import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidPipe } from '../common/validation/uuid.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, OperatorOnly } from '../common/auth/decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { FirstAdministratorDto } from './dto/organization.dto';
import {
  CreateOrganizationDto,
  OrganizationListQuery,
  OrganizationView,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { UserView } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { OrganizationsService } from './organizations.service';

/**
 * The deployment operator's routes (OPERATOR_EMAILS): organisations as data. An organisation's own
 * administrators cannot reach them; the operator reaches no organisation's cases through them.
 */
@ApiTags('organizations')
@ApiBearerAuth()
@OperatorOnly()
@Controller('organizations')
export class OrganizationsOperatorController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every organisation of the deployment (operators)' })
  @ApiOkResponse({ type: [OrganizationView] })
  async list(@Query() q: OrganizationListQuery): Promise<OrganizationView[]> {
    return (await this.organizations.list(q)).map(OrganizationView.of);
  }

  @Post()
  @ApiOperation({
    summary:
      'Create an organisation with its reference data, and optionally invite its first administrator (operators)',
  })
  @ApiCreatedResponse({ type: OrganizationView })
  @ApiErrors(409)
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    const { administrator, ...fields } = dto;
    const org = await this.organizations.create(
      actor,
      fields,
      administrator &&
        ((tx, created) => this.users.inviteFirstAdministrator(actor, created.id, administrator, tx)),
    );
    return OrganizationView.of(org);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation (operators)' })
  @ApiOkResponse({ type: OrganizationView })
  async get(@Param('id', UuidPipe) id: string): Promise<OrganizationView> {
    return OrganizationView.of(await this.organizations.byId(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an organisation (operators)' })
  @ApiOkResponse({ type: OrganizationView })
  @ApiErrors(409)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationView> {
    return OrganizationView.of(await this.organizations.update(actor, id, dto));
  }

  @Post(':id/administrator')
  @ApiOperation({
    summary:
      'Invite the first administrator of an organisation without one: a one-time link by e-mail (operators)',
  })
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(409)
  async inviteAdministrator(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: FirstAdministratorDto,
  ): Promise<UserView> {
    await this.organizations.byId(id);
    return this.users.inviteFirstAdministrator(actor, id, dto);
  }
}
