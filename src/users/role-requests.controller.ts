import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { UuidPipe } from '../common/validation/uuid.pipe';
import { RoleDecisionDto, RoleRequestsQuery, RoleRequestView } from './dto/role-request.dto';
import { RoleRequestsService } from './role-requests.service';
import { Role } from './roles';

/** The two-person rule: requests for protected roles, decided by another administrator or an executive. */
@ApiTags('users')
@ApiBearerAuth()
@Roles(Role.Admin, Role.Executive)
@Controller('role-requests')
export class RoleRequestsController {
  constructor(private readonly requests: RoleRequestsService) {}

  @Get()
  @ApiOperation({ summary: 'Role requests of my organisation (default: pending), oldest first' })
  @ApiOkResponse({ type: RoleRequestView, isArray: true })
  list(@CurrentActor() actor: Actor, @Query() query: RoleRequestsQuery): Promise<RoleRequestView[]> {
    return this.requests.list(actor, query.status ?? 'pending');
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve (the role is added) or deny; never a request one made or one for oneself',
  })
  @ApiOkResponse({ type: RoleRequestView })
  @ApiErrors(409)
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RoleDecisionDto,
  ): Promise<RoleRequestView> {
    return this.requests.decide(actor, id, dto);
  }
}
