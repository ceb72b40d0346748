import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { UuidPipe } from '../common/validation/uuid.pipe';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { AccountLinkSentView } from './dto/account-link.dto';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/user.dto';
import { Role } from './roles';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Officer accounts of my organisation' })
  @ApiOkResponse({ type: [UserView] })
  list(@CurrentActor() actor: Actor): Promise<UserView[]> {
    return this.users.list(actor);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an officer account: the person gets an invitation link and chooses their password',
  })
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(404, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One officer account of my organisation' })
  @ApiOkResponse({ type: UserView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change name, roles, unit or active flag (password: own account only; protected roles wait for approval)',
  })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/password-reset')
  @HttpCode(202)
  @ApiOperation({ summary: 'E-mail the person a one-time link to choose a password (invitation or reset)' })
  @ApiAcceptedResponse({ type: AccountLinkSentView })
  @ApiErrors(409)
  sendPasswordLink(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
  ): Promise<AccountLinkSentView> {
    return this.users.sendPasswordLink(actor, id);
  }

  @Post(':id/deactivate')
  @ApiOperation({ summary: 'Deactivate an account and end its sessions' })
  @ApiCreatedResponse({ type: UserView })
  deactivate(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<UserView> {
    return this.users.deactivate(actor, id);
  }
}
